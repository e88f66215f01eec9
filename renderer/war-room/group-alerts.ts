// The board's groups are computed by the core (src/analysis/board.ts) and arrive through the api.
export type { GroupSummary, RuleGroup, ServiceGroup } from '../../src/api/contract.js';
