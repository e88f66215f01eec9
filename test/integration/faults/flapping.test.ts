import { describe, expect, it } from 'vitest';
import type { CockpitCore } from '../../../src/core.js';
import { SEVERITIES, severityRank } from '../../../src/domain/index.js';
import { decideNotifications } from '../../../src/notifications/decide.js';
import type { NotificationIntent, NotificationState } from '../../../src/notifications/decide.js';
import { gettableAlert } from '../../support/fault-server.js';
import type { FaultMode } from '../../support/fault-server.js';
import { LAST_GOOD, sourceStatus, useFaultScenarios } from './two-sources.js';

const suite = useFaultScenarios();

/**
 * The desktop notifier's decision (electron/notifications.ts) run against the core: firing alerts at
 * or above critical, and the sources that are ok as ready.
 */
function notifier(core: CockpitCore) {
  let state: NotificationState | undefined;
  const critical = SEVERITIES.filter((level) => severityRank(level) >= severityRank('critical'));
  return async (): Promise<readonly NotificationIntent[]> => {
    const [alerts, { sources }] = await Promise.all([
      core.api.listAlerts({ state: ['firing'], severity: critical, limit: 5000 }),
      core.api.listSources(),
    ]);
    const decision = decideNotifications(state, alerts.items, {
      now: Date.now(),
      minSeverity: 'critical',
      readySourceIds: new Set(sources.filter((source) => source.state === 'ok').map((source) => source.id)),
    });
    state = decision.state;
    return decision.intents;
  };
}

/** The cockpit's id of an alert the fault server serves. */
const idOf = (name: string) => `faulty:${gettableAlert(name).fingerprint}`;

const FAULTS: readonly FaultMode[] = [
  { kind: 'status', status: 500 },
  { kind: 'reset', when: 'before-answer' },
  { kind: 'status', status: 503 },
];

describe('a source that flaps on every poll', () => {
  it('does not notify once per flap, but still notifies a genuinely new alert', async () => {
    const scenario = await suite.scenario();
    const { faulty, cockpit } = scenario;
    const { core } = cockpit;
    const good: FaultMode = { kind: 'alerts', alerts: LAST_GOOD.map((name) => gettableAlert(name)) };
    const decide = notifier(core);

    // The first decision sums up what was already firing (both sources polled in the scenario setup).
    const backlog = await decide();
    expect(backlog).toEqual([
      expect.objectContaining({
        kind: 'summary',
        reason: 'backlog',
        alertIds: expect.arrayContaining(LAST_GOOD.map(idOf)) as unknown,
      }),
    ]);

    const states: string[] = [];
    const intents: NotificationIntent[] = [];
    for (let flap = 0; flap < 8; flap += 1) {
      faulty.setMode(flap % 2 === 0 ? (FAULTS[(flap / 2) % FAULTS.length] ?? good) : good);
      await core.poller.pollNow();
      states.push((await sourceStatus(core, 'faulty')).state);
      intents.push(...(await decide()));
    }

    expect(states).toEqual(['stale', 'ok', 'stale', 'ok', 'stale', 'ok', 'stale', 'ok']);
    expect(intents).toEqual([]);

    // The decision is live: an alert that really is new still notifies, exactly once.
    faulty.setMode({
      kind: 'alerts',
      alerts: [...LAST_GOOD, 'CardProcessorDown'].map((name) => gettableAlert(name)),
    });
    await core.poller.pollNow();
    expect(await decide()).toEqual([
      expect.objectContaining({ kind: 'alert', alertId: idOf('CardProcessorDown') }),
    ]);
    expect(await decide()).toEqual([]);
  });
});
