/**
 * The api's method table, zod-free: for every method its kind, its HTTP route and the change topics
 * it belongs to. The HTTP router, the IPC registration, the preload bridge, the worker proxy and the
 * renderer's transports all loop over this table, so a method cannot exist without a route and a
 * channel. Each domain declares its own table here; its input schemas and output types sit beside it
 * in `spec/<domain>.ts` (checked against this table at compile time), its handlers in `impl/`.
 *
 * Imported at run time by the preload and the renderer: nothing but plain values here.
 */

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
}>;

export type MethodTable = Readonly<Record<string, MethodDecl>>;

export const SOURCE_METHODS = {
  listSources: { kind: 'query', verb: 'GET', path: '/api/sources', topics: ['sources'] },
  getOverview: { kind: 'query', verb: 'GET', path: '/api/overview', topics: ['overview'] },
} as const satisfies MethodTable;

export const ALERT_METHODS = {
  listAlerts: { kind: 'query', verb: 'GET', path: '/api/alerts', topics: ['alerts'] },
  getAlert: { kind: 'query', verb: 'GET', path: '/api/alerts/:id', topics: ['alerts'] },
  /** Firing alerts over time, counted from history. */
  getTimeline: { kind: 'query', verb: 'GET', path: '/api/timeline', topics: ['alerts'] },
  /** Firing, acknowledged and silenced alerts grouped by service and rule, for the war room. */
  getBoard: { kind: 'query', verb: 'GET', path: '/api/board', topics: ['alerts', 'sources'] },
  silenceAlert: { kind: 'command', verb: 'POST', path: '/api/alerts/:id/silence', topics: ['alerts'] },
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

/** Every method of the cockpit, by name. A new domain spreads its table in here. */
export const METHODS = {
  ...SOURCE_METHODS,
  ...ALERT_METHODS,
  ...CHANGE_METHODS,
} as const satisfies MethodTable;

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
export const CHANGE_TOPICS = ['alerts', 'sources', 'overview', 'changes'] as const;
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
