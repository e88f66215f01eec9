import type { QueryKey } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import type { ChangeTopic } from '../../src/api/contract.js';
import { AlertsView } from '../alerts/alerts-view';
import { ChangeCalendarView } from '../changes/change-calendar-view';
import type { MessageKey } from '../i18n/messages';
import { RunbooksView } from '../runbooks/runbooks-view';
import { SloView } from '../slo/slo-view';
import { TopologyView } from '../topology/topology-view';
import { WarRoomView } from '../war-room/war-room-view';
import { queryKeys } from './query-keys';

/** One screen of the cockpit: the shell's nav, address bar and change events all read it from here. */
export type FeatureSpec<Id extends string> = Readonly<{
  id: Id;
  /** The `?view=` value in the address bar: links and bookmarks hold it, so it never changes. */
  route: string;
  /** The nav button's text. */
  label: MessageKey;
  view: ComponentType;
  /** For each change topic, the query-key roots of this feature's data that the topic makes out of date. */
  invalidates: Readonly<Partial<Record<ChangeTopic, readonly QueryKey[]>>>;
}>;

/**
 * Every feature, in nav order; a new one is a folder under renderer/ and an entry here.
 * The ui-store's DEFAULT_VIEW names the one a bare URL opens.
 */
export const FEATURES = [
  {
    id: 'war-room',
    route: 'war-room',
    label: 'nav.warRoom',
    view: WarRoomView,
    invalidates: {
      // The board's stale marks follow source health; a source turning stale also emits `alerts`.
      // The timeline is counted from alert history, so alert changes move it too.
      alerts: [queryKeys.alerts(), queryKeys.timelines()],
      sources: [queryKeys.sources()],
      overview: [queryKeys.overview()],
      // The SLO strip.
      slos: [queryKeys.slos()],
      // The freeze band and the change strip.
      changes: [queryKeys.changes()],
      // Storm folding on the board follows the graph.
      topology: [queryKeys.alerts()],
      // Snooze and escalation delivery (the header's control, the siren banner).
      notifications: [['notifications']],
    },
  },
  {
    id: 'alerts',
    route: 'alerts',
    label: 'nav.alerts',
    view: AlertsView,
    // The source filter lists the sources; the detail's "what changed" follows changes and the alert.
    invalidates: {
      alerts: [queryKeys.alerts(), queryKeys.alertChanges()],
      sources: [queryKeys.sources()],
      changes: [queryKeys.changes()],
      // The detail's impact and suspects.
      topology: [queryKeys.alerts()],
      // The detail's runbook panel.
      runbooks: [queryKeys.runbooks()],
      notifications: [['notifications']],
    },
  },
  {
    id: 'slos',
    route: 'slos',
    label: 'nav.slos',
    view: SloView,
    // The detail lists the service's alerts; the core emits slos when the slo source turns stale or ok.
    invalidates: { slos: [queryKeys.slos()], alerts: [['slos', 'detail']] },
  },
  {
    id: 'changes',
    route: 'changes',
    label: 'nav.changes',
    view: ChangeCalendarView,
    // Alert start markers come from the alert list.
    invalidates: { changes: [queryKeys.changes()], alerts: [queryKeys.alerts()] },
  },
  {
    id: 'topology',
    route: 'topology',
    label: 'nav.topology',
    view: TopologyView,
    // Health comes from the alerts; the graph from the catalogs.
    invalidates: { topology: [queryKeys.topology()], alerts: [queryKeys.topology()] },
  },
  {
    id: 'runbooks',
    route: 'runbooks',
    label: 'nav.runbooks',
    view: RunbooksView,
    invalidates: { runbooks: [queryKeys.runbooks()] },
  },
] as const satisfies readonly FeatureSpec<string>[];

/** The id of one of the table's features: what the ui-store's `view` holds. */
export type View = (typeof FEATURES)[number]['id'];
export type Feature = FeatureSpec<View>;
/** The shell's table: the real one, or a test's; never empty, so there is always a screen to show. */
export type FeatureTable = readonly [Feature, ...Feature[]];
