/**
 * The api's method table, zod-free: for every method its kind, its HTTP route and the change topics
 * it belongs to. The HTTP router, the IPC registration, the preload bridge, the worker proxy and the
 * renderer's transports all loop over this table, so a method cannot exist without a route and a
 * channel. Each domain declares its own table here; its input schemas and output types sit beside it
 * in `spec/<domain>.ts` (checked against this table at compile time), its handlers in `impl/`.
 *
 * Imported at run time by the preload and the renderer: nothing but plain values here.
 */
import type { ApiRole } from './wire.js';

/** A query reads and throws on failure in the client; a command changes a backend and returns an envelope. */
export type MethodKind = 'query' | 'command';

export type MethodDecl = Readonly<{
  kind: MethodKind;
  verb: 'GET' | 'POST';
  /** `/api/…`; a `:name` segment is the input field `name` (URL-encoded). */
  path: `/api/${string}`;
  /**
   * Queries: the change topics that make an answer out of date. Commands: the topics whose data the
   * command changes once the backend confirms it.
   */
  topics: readonly string[];
  /** Who may call it over HTTP; by default a query is for viewers and a command for operators. */
  access?: ApiRole;
}>;

export type MethodTable = Readonly<Record<string, MethodDecl>>;

export const SOURCE_METHODS = {
  listSources: { kind: 'query', verb: 'GET', path: '/api/sources', topics: ['sources'] },
  getOverview: { kind: 'query', verb: 'GET', path: '/api/overview', topics: ['overview'] },
} as const satisfies MethodTable;

export const ALERT_METHODS = {
  listAlerts: { kind: 'query', verb: 'GET', path: '/api/alerts', topics: ['alerts'] },
  getAlert: { kind: 'query', verb: 'GET', path: '/api/alerts/:id', topics: ['alerts', 'topology'] },
  /** Firing alerts over time, counted from history. */
  getTimeline: { kind: 'query', verb: 'GET', path: '/api/timeline', topics: ['alerts'] },
  /** Firing, acknowledged and silenced alerts grouped by service and rule, for the war room. */
  getBoard: { kind: 'query', verb: 'GET', path: '/api/board', topics: ['alerts', 'sources', 'topology'] },
  silenceAlert: { kind: 'command', verb: 'POST', path: '/api/alerts/:id/silence', topics: ['alerts'] },
  /** The silences muting an alert, read live from its source (end, author, comment, link). */
  getAlertSilences: { kind: 'query', verb: 'GET', path: '/api/alerts/:id/silences', topics: ['alerts'] },
  /** Expires one silence of the alert (`silenceId`), or every silence muting it. */
  unsilenceAlert: { kind: 'command', verb: 'POST', path: '/api/alerts/:id/unsilence', topics: ['alerts'] },
  /** Moves the end of one of the alert's silences `durationMinutes` later. */
  extendSilence: {
    kind: 'command',
    verb: 'POST',
    path: '/api/alerts/:id/extend-silence',
    topics: ['alerts'],
  },
} as const satisfies MethodTable;

export const AUDIT_METHODS = {
  /** Every command run, newest first: who, with which role, from where, when, and what came of it. */
  getAudit: { kind: 'query', verb: 'GET', path: '/api/audit', topics: [], access: 'operator' },
} as const satisfies MethodTable;

export const SLO_METHODS = {
  /** Every SLO's status, worst first. */
  listSlos: { kind: 'query', verb: 'GET', path: '/api/slos', topics: ['slos'] },
  /** One SLO with its burn-rate table, burn-down and SLI series. */
  getSlo: { kind: 'query', verb: 'GET', path: '/api/slos/:id', topics: ['slos'] },
  /** GOC business scenarios: availability from the union of their alerts' firing periods. */
  listScenarios: { kind: 'query', verb: 'GET', path: '/api/scenarios', topics: ['slos', 'alerts'] },
} as const satisfies MethodTable;

export const CHANGE_METHODS = {
  /** Changes in a range (recurrences expanded), with the freeze windows over it. */
  listChanges: { kind: 'query', verb: 'GET', path: '/api/changes', topics: ['changes'] },
  /** Freeze windows in a range, and the one in force now and the next. */
  getFreezes: { kind: 'query', verb: 'GET', path: '/api/freezes', topics: ['changes'] },
  /** "What changed": candidate changes before an alert started, scored, with the reason. */
  getAlertChanges: {
    kind: 'query',
    verb: 'GET',
    path: '/api/alerts/:id/changes',
    topics: ['changes', 'alerts'],
  },
} as const satisfies MethodTable;

export const TOPOLOGY_METHODS = {
  /** The graph with health per node (`around` + `depth` for a neighbourhood, `at` for the past). */
  getTopology: { kind: 'query', verb: 'GET', path: '/api/topology', topics: ['topology', 'alerts'] },
  /** One item with its impact, suspects, alerts and owner. */
  getTopologyItem: { kind: 'query', verb: 'GET', path: '/api/topology/:id', topics: ['topology', 'alerts'] },
} as const satisfies MethodTable;

export const RUNBOOK_METHODS = {
  /** The runbook shelf: search (Chinese and English, ranked, with snippets) and filters. */
  listRunbooks: { kind: 'query', verb: 'GET', path: '/api/runbooks', topics: ['runbooks'] },
  /** One runbook: its sanitized html, table of contents, steps and stored revisions. */
  getRunbook: { kind: 'query', verb: 'GET', path: '/api/runbooks/:id', topics: ['runbooks'] },
  /** The runbooks for an alert: its runbook_url, front matter naming it or its service, full-text matches. */
  getAlertRunbooks: {
    kind: 'query',
    verb: 'GET',
    path: '/api/alerts/:id/runbooks',
    topics: ['runbooks', 'alerts'],
  },
} as const satisfies MethodTable;

export const ACK_METHODS = {
  /** Claims an alert (认领) for `by`; written back where the source supports it (a silence). */
  ackAlert: { kind: 'command', verb: 'POST', path: '/api/alerts/:id/ack', topics: ['alerts'] },
  /** Releases the alert's claim; its write-back (silence) is expired. */
  unackAlert: { kind: 'command', verb: 'POST', path: '/api/alerts/:id/unack', topics: ['alerts'] },
  /** Hands the claim over to another person (转交). */
  handoverAlert: { kind: 'command', verb: 'POST', path: '/api/alerts/:id/handover', topics: ['alerts'] },
  /** The alert's claims, newest first (the ledger's history). */
  getAlertAcks: { kind: 'query', verb: 'GET', path: '/api/alerts/:id/acks', topics: ['alerts'] },
  /** Snooze, quiet hours, escalation timeout and the escalation webhooks' delivery problems. */
  getNotificationState: {
    kind: 'query',
    verb: 'GET',
    path: '/api/notifications/state',
    topics: ['notifications'],
  },
  /** Snoozes every ring for `minutes` (0 ends it); escalations still go out. */
  snoozeNotifications: {
    kind: 'command',
    verb: 'POST',
    path: '/api/notifications/snooze',
    topics: ['notifications'],
  },
} as const satisfies MethodTable;

/** Every method of the cockpit, by name. A new domain spreads its table in here. */
export const METHODS = {
  ...SOURCE_METHODS,
  ...ALERT_METHODS,
  ...AUDIT_METHODS,
  ...SLO_METHODS,
  ...CHANGE_METHODS,
  ...TOPOLOGY_METHODS,
  ...RUNBOOK_METHODS,
  ...ACK_METHODS,
} as const satisfies MethodTable;

/** The role a method needs: its declared `access`, else viewer for a query and operator for a command. */
export function accessOf(decl: MethodDecl): ApiRole {
  return decl.access ?? (decl.kind === 'query' ? 'viewer' : 'operator');
}

export type Methods = typeof METHODS;
export type MethodName = keyof Methods;
export type QueryName = { [M in MethodName]: Methods[M]['kind'] extends 'query' ? M : never }[MethodName];
export type CommandName = Exclude<MethodName, QueryName>;

/** Names in table order (object key order is insertion order for string keys). */
export function methodNames<T extends MethodTable>(table: T): (keyof T & string)[] {
  return Object.keys(table);
}

/** Every change topic any method of the table mentions. */
export function topicsOf(table: MethodTable): string[] {
  return [...new Set(Object.values(table).flatMap((method) => [...method.topics]))];
}

/** The change topics of the cockpit: what `onDidChange` events name. */
export const CHANGE_TOPICS = [
  'alerts',
  'sources',
  'overview',
  'slos',
  'changes',
  'topology',
  'runbooks',
  'notifications',
] as const;
export type ChangeTopic = (typeof CHANGE_TOPICS)[number];
// Every topic a method names is a known change topic (a typo would otherwise never invalidate).
type NamedTopics = Methods[MethodName]['topics'][number];
const _topicsKnown: [Exclude<NamedTopics, ChangeTopic>] extends [never] ? true : false = true;

/** The IPC channel of a method (desktop host and preload). */
export const channelFor = (method: string): string => `cockpit:${method}`;

/** The `:name` segments of a route path, in order. */
export function pathParams(path: string): string[] {
  return path
    .split('/')
    .filter((segment) => segment.startsWith(':'))
    .map((segment) => segment.slice(1));
}
