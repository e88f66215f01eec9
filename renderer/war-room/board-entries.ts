import type { Board, BoardFold, ServiceGroup } from '../../src/api/contract.js';
import type { Severity } from '../../src/domain/index.js';
import { SEVERITIES } from '../../src/domain/values.js';

/** One card of the board: a service, or a storm folded under its lowest failing dependency. */
export type BoardEntry =
  | Readonly<{ kind: 'group'; key: string; severity: Severity; group: ServiceGroup }>
  | Readonly<{
      kind: 'fold';
      key: string;
      severity: Severity;
      fold: BoardFold;
      /** The root's own group, when it has alerts on the board. */
      root?: ServiceGroup;
      /** The folded services' groups, in the fold's order. */
      folded: readonly ServiceGroup[];
    }>;

const rank = (severity: Severity) => SEVERITIES.length - SEVERITIES.indexOf(severity);

/**
 * The board's cards: each fold replaces the cards of the services folded under it (and of its
 * root), worst first; at equal severity a storm comes before a single service.
 */
export function boardEntries(board: Board | undefined): BoardEntry[] {
  if (board === undefined) return [];
  const folds = board.folds ?? [];
  const folding = new Set(folds.map((fold) => fold.rootId));
  const byService = new Map(board.groups.map((group) => [group.service ?? '', group]));
  const entries: BoardEntry[] = folds.map((fold) => ({
    kind: 'fold',
    key: `fold:${fold.rootId}`,
    severity: fold.severity,
    fold,
    ...(fold.rootService !== undefined && byService.has(fold.rootService)
      ? { root: byService.get(fold.rootService) }
      : {}),
    folded: fold.services.flatMap((service) => {
      const group = byService.get(service);
      return group ? [group] : [];
    }),
  }));
  for (const group of board.groups) {
    if (group.foldedUnder !== undefined && folding.has(group.foldedUnder)) continue;
    entries.push({ kind: 'group', key: group.key, severity: group.severity, group });
  }
  // Stable: folds keep their place before groups of the same severity.
  return entries
    .map((entry, order) => ({ entry, order }))
    .sort((a, b) => rank(b.entry.severity) - rank(a.entry.severity) || a.order - b.order)
    .map(({ entry }) => entry);
}
