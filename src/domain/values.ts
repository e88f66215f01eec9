/**
 * The closed value lists and limits the renderer iterates or checks at runtime. The renderer may import
 * only types from the rest of src/, so this module stays zod-free and Node-free: it re-exports from
 * src/domain files that import nothing but each other (the renderer bundle pulls in exactly these).
 */
export { ALERT_STATES } from './alert.js';
export { ALERT_SORTS } from './alert-query.js';
export { LANGUAGES, textIn } from './language.js';
export { CHANGE_KINDS, CHANGE_STATUSES } from './changes.js';
export { SEVERITIES } from './severity.js';
export { SILENCE_MAX_MINUTES, formatMatcher } from './silence.js';
export { SOURCE_STATES } from './source.js';
export { BURN_WINDOWS, SLO_STATES } from './slo.js';
export { ITEM_HEALTHS, ITEM_KINDS, RELATION_TYPES } from './topology.js';
export { RUNBOOK_CONTENT_STATUSES, RUNBOOK_REASONS } from './runbooks.js';
export { ALERT_SOURCE_KINDS } from './source.js';
export { ACK_COMMENT_MAX, ACK_NAME_MAX } from './acks.js';
export { WEBHOOK_KINDS } from './notifications.js';
