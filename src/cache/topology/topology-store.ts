import type Database from 'better-sqlite3';
import type { ConfigItem, DatedRelation, RelationType, TopologyGraph } from '../../domain/index.js';
import { relationKey } from '../../domain/index.js';
import { CacheError, errorMessage } from '../errors.js';
import { inTransaction } from '../transaction.js';
import type { StagedWrite } from '../transaction.js';
import type {
  ITopologyStore,
  StoredGraph,
  StoredItem,
  TopologyApplied,
  TopologySourceProblems,
} from './types.js';

type ItemRow = Readonly<{ source_id: string; id: string; valid_from: number; item_json: string }>;
type RelationRow = Readonly<{
  source_id: string;
  from_id: string;
  type: string;
  to_id: string;
  valid_from: number;
  valid_to: number | null;
}>;
type Statements = ReturnType<typeof prepare>;

function prepare(db: Database.Database) {
  return {
    openItemsOf: db.prepare<[string], ItemRow>(
      'SELECT source_id, id, valid_from, item_json FROM topology_items WHERE source_id = ? AND valid_to IS NULL',
    ),
    openRelationsOf: db.prepare<[string], RelationRow>(
      'SELECT * FROM topology_relations WHERE source_id = ? AND valid_to IS NULL',
    ),
    itemsAt: db.prepare<[number, number], ItemRow>(`
      SELECT source_id, id, valid_from, item_json FROM topology_items
      WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to > ?) ORDER BY source_id, id`),
    relationsAt: db.prepare<[number, number], RelationRow>(`
      SELECT * FROM topology_relations
      WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to > ?) ORDER BY source_id, from_id, type, to_id`),
    insertItem: db.prepare<[string, string, number, string]>(
      'INSERT OR REPLACE INTO topology_items (source_id, id, valid_from, valid_to, item_json) VALUES (?, ?, ?, NULL, ?)',
    ),
    updateItem: db.prepare<[string, string, string, number]>(
      'UPDATE topology_items SET item_json = ? WHERE source_id = ? AND id = ? AND valid_from = ?',
    ),
    closeItem: db.prepare<[number, string, string, number]>(
      'UPDATE topology_items SET valid_to = ? WHERE source_id = ? AND id = ? AND valid_from = ?',
    ),
    insertRelation: db.prepare<[string, string, string, string, number]>(
      'INSERT OR REPLACE INTO topology_relations (source_id, from_id, type, to_id, valid_from, valid_to) VALUES (?, ?, ?, ?, ?, NULL)',
    ),
    closeRelation: db.prepare<[number, string, string, string, string, number]>(
      'UPDATE topology_relations SET valid_to = ? WHERE source_id = ? AND from_id = ? AND type = ? AND to_id = ? AND valid_from = ?',
    ),
    problemsOf: db
      .prepare<[string], string>('SELECT problems_json FROM topology_sources WHERE source_id = ?')
      .pluck(),
    allProblems: db.prepare<[], { source_id: string; taken_at: number; problems_json: string }>(
      'SELECT * FROM topology_sources ORDER BY source_id',
    ),
    saveProblems: db.prepare<[string, number, string]>(
      'INSERT OR REPLACE INTO topology_sources (source_id, taken_at, problems_json) VALUES (?, ?, ?)',
    ),
    pruneItems: db.prepare<[number]>(
      'DELETE FROM topology_items WHERE valid_to IS NOT NULL AND valid_to < ?',
    ),
    pruneRelations: db.prepare<[number]>(
      'DELETE FROM topology_relations WHERE valid_to IS NOT NULL AND valid_to < ?',
    ),
    forgetItems: db.prepare<[string]>(
      'DELETE FROM topology_items WHERE source_id NOT IN (SELECT value FROM json_each(?))',
    ),
    forgetRelations: db.prepare<[string]>(
      'DELETE FROM topology_relations WHERE source_id NOT IN (SELECT value FROM json_each(?))',
    ),
    forgetSources: db.prepare<[string]>(
      'DELETE FROM topology_sources WHERE source_id NOT IN (SELECT value FROM json_each(?))',
    ),
  };
}

const rowKey = (row: RelationRow) =>
  relationKey({ from: row.from_id, type: row.type as RelationType, to: row.to_id });

/** The ITopologyStore on the cache's connection. */
export class SqliteTopologyStore implements ITopologyStore {
  private readonly statements: Statements;
  /** The merged graph now, read once after each write (the board asks for it on every poll). */
  private current: (Omit<StoredGraph, 'items'> & { items: readonly Omit<StoredItem, 'stale'>[] }) | undefined;

  private revisionNumber = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly staleSources: () => ReadonlySet<string>,
  ) {
    this.statements = prepare(db);
  }

  applyGraph(graph: TopologyGraph): TopologyApplied {
    const staged = this.stage(graph);
    try {
      inTransaction(this.db, staged.write);
    } catch (error) {
      throw new CacheError(
        `could not save the topology of source "${graph.sourceId}" to cache file ${this.db.name}: ${errorMessage(error)}`,
        'write-failed',
        { cause: error },
      );
    }
    return staged.committed();
  }

  /** Diffs the graph against the source's open rows; `write` runs inside the poll's transaction. */
  stage(graph: TopologyGraph): StagedWrite<TopologyApplied> {
    const { sourceId } = graph;
    const at = Date.parse(graph.takenAt);
    const openItems = new Map(this.statements.openItemsOf.all(sourceId).map((row) => [row.id, row]));
    const openRelations = new Map(
      this.statements.openRelationsOf.all(sourceId).map((row) => [rowKey(row), row]),
    );
    const wantedItems = new Map(graph.items.map((item) => [item.id, JSON.stringify(item)]));
    const wantedRelations = new Map(graph.relations.map((relation) => [relationKey(relation), relation]));

    const addedItems = [...wantedItems].filter(([id]) => !openItems.has(id));
    const changedItems = [...wantedItems].flatMap(([id, json]) => {
      const row = openItems.get(id);
      return row && row.item_json !== json ? [{ row, json }] : [];
    });
    const removedItems = [...openItems.values()].filter((row) => !wantedItems.has(row.id));
    const addedRelations = [...wantedRelations].filter(([key]) => !openRelations.has(key));
    const removedRelations = [...openRelations].filter(([key]) => !wantedRelations.has(key));
    const problemsJson = JSON.stringify(graph.problems);
    const problemsBefore = this.statements.problemsOf.get(sourceId);

    return {
      write: () => {
        const s = this.statements;
        for (const row of removedItems) s.closeItem.run(at, sourceId, row.id, row.valid_from);
        for (const { row, json } of changedItems) s.updateItem.run(json, sourceId, row.id, row.valid_from);
        for (const [id, json] of addedItems) s.insertItem.run(sourceId, id, at, json);
        for (const [, row] of removedRelations) {
          s.closeRelation.run(at, sourceId, row.from_id, row.type, row.to_id, row.valid_from);
        }
        for (const [, relation] of addedRelations) {
          s.insertRelation.run(sourceId, relation.from, relation.type, relation.to, at);
        }
        s.saveProblems.run(sourceId, at, problemsJson);
      },
      committed: () => {
        const changed =
          addedItems.length +
            changedItems.length +
            removedItems.length +
            addedRelations.length +
            removedRelations.length >
          0;
        if (changed) {
          this.current = undefined;
          this.revisionNumber += 1;
        }
        return {
          itemsAdded: addedItems.length,
          itemsChanged: changedItems.length,
          itemsRemoved: removedItems.length,
          relationsAdded: addedRelations.length,
          relationsRemoved: removedRelations.length,
          problemsChanged: problemsBefore !== problemsJson,
        };
      },
    };
  }

  private read(atMs: number) {
    const seen = new Set<string>();
    const items: Omit<StoredItem, 'stale'>[] = [];
    for (const row of this.statements.itemsAt.all(atMs, atMs)) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      items.push({ item: JSON.parse(row.item_json) as ConfigItem, sourceId: row.source_id });
    }
    const keys = new Set<string>();
    const relations: DatedRelation[] = [];
    for (const row of this.statements.relationsAt.all(atMs, atMs)) {
      const key = rowKey(row);
      if (keys.has(key)) continue;
      keys.add(key);
      relations.push({
        sourceId: row.source_id,
        from: row.from_id,
        type: row.type as RelationType,
        to: row.to_id,
        validFrom: new Date(row.valid_from).toISOString(),
        ...(row.valid_to === null ? {} : { validTo: new Date(row.valid_to).toISOString() }),
      });
    }
    return { items, relations };
  }

  graph(atMs?: number): StoredGraph {
    const raw = atMs === undefined ? (this.current ??= this.read(Number.MAX_SAFE_INTEGER)) : this.read(atMs);
    const stale = this.staleSources();
    return {
      items: raw.items.map((one) => ({ ...one, stale: stale.has(one.sourceId) })),
      relations: raw.relations,
    };
  }

  revision(): number {
    return this.revisionNumber;
  }

  problems(): readonly TopologySourceProblems[] {
    return this.statements.allProblems.all().map((row) => ({
      sourceId: row.source_id,
      takenAt: new Date(row.taken_at).toISOString(),
      problems: JSON.parse(row.problems_json) as string[],
    }));
  }

  pruneBefore(cutoffMs: number): number {
    return inTransaction(
      this.db,
      () =>
        this.statements.pruneItems.run(cutoffMs).changes +
        this.statements.pruneRelations.run(cutoffMs).changes,
    );
  }

  forgetSourcesExcept(sourceIds: readonly string[]): number {
    const ids = JSON.stringify(sourceIds);
    const removed =
      this.statements.forgetItems.run(ids).changes +
      this.statements.forgetRelations.run(ids).changes +
      this.statements.forgetSources.run(ids).changes;
    if (removed > 0) {
      this.current = undefined;
      this.revisionNumber += 1;
    }
    return removed;
  }
}
