/**
 * The cockpit's api spec: every method's input schema and output type, by domain. With the method
 * table (../methods.ts) this is the one declaration a method has; the compiler checks that both
 * halves name the same methods.
 */
import type { Methods } from '../methods.js';
import { ACK_SPEC } from './acks.js';
import { ALERT_SPEC } from './alerts.js';
import { AUDIT_SPEC } from './audit.js';
import { CHANGE_SPEC } from './changes.js';
import { RUNBOOK_SPEC } from './runbooks.js';
import { SLO_SPEC } from './slo.js';
import { SOURCE_SPEC } from './sources.js';
import { TOPOLOGY_SPEC } from './topology.js';
import type { HandlersOf, InputOf, OutputOf, SpecFor } from './types.js';

export const API_SPEC = {
  ...SOURCE_SPEC,
  ...ALERT_SPEC,
  ...AUDIT_SPEC,
  ...SLO_SPEC,
  ...CHANGE_SPEC,
  ...TOPOLOGY_SPEC,
  ...RUNBOOK_SPEC,
  ...ACK_SPEC,
} as const satisfies SpecFor<Methods>;
export type ApiSpec = typeof API_SPEC;
// The other direction: a spec without a method in the table is an error too.
const _noExtraSpecs: [Exclude<keyof ApiSpec, keyof Methods>] extends [never] ? true : false = true;

export type ApiInput<M extends keyof ApiSpec> = InputOf<ApiSpec, M>;
export type ApiOutput<M extends keyof ApiSpec> = OutputOf<ApiSpec, M>;
export type ApiHandlers = HandlersOf<ApiSpec>;
export { returns } from './types.js';
export type {
  HandlersOf,
  InputOf,
  MethodSpec,
  OutputOf,
  ParsedInputOf,
  SpecFor,
  SpecTable,
} from './types.js';
