/**
 * The audit log (migration 0005): a cache from before it gains the table on upgrade, keeping its
 * alerts; entries page newest first; and the dispatcher writes one per command, with its outcome.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ChangeEmitter } from '../../../../src/api/change-emitter.js';
import { createDispatcher } from '../../../../src/api/dispatch.js';
import type { MethodTable } from '../../../../src/api/methods.js';
import type { SpecTable } from '../../../../src/api/spec/index.js';
import { openCache } from '../../../../src/cache/index.js';
import { MIGRATIONS, migrate } from '../../../../src/cache/migrations/index.js';
import type { AuditRecord } from '../../../../src/domain/index.js';
import { silentLogger } from '../../../../src/logger.js';
import { useTempDataDir } from '../temp-cache.js';

const data = useTempDataDir();

describe('the audit log in the cache', () => {
  it('is added to a cache written before it, which keeps its rows', () => {
    const file = join(data.dir(), 'cache.db');
    const old = new Database(file);
    migrate(old, file, silentLogger, MIGRATIONS.slice(0, 4));
    old.prepare("INSERT INTO source_status (source_id, state, status_json) VALUES ('am', 'ok', '{}')").run();
    old.close();

    const { cache } = openCache(data.dir(), { logger: silentLogger });
    try {
      expect(cache.sources.list()).toHaveLength(1);
      const entry: AuditRecord = {
        at: '2026-03-01T10:00:00.000Z',
        method: 'silenceAlert',
        who: 'alice',
        role: 'operator',
        address: '10.0.0.7',
        via: 'http',
        target: '{"id":"am:1"}',
        outcome: 'ok',
        detail: '{"silenceId":"s-1"}',
      };
      cache.audit.record(entry);
      cache.audit.record({
        ...entry,
        at: '2026-03-01T10:01:00.000Z',
        outcome: 'source-error',
        detail: 'down',
      });
      const [newest, oldest] = cache.audit.list(10);
      expect(newest).toMatchObject({ outcome: 'source-error', detail: 'down' });
      expect(oldest).toEqual({ id: 1, ...entry });
      expect(cache.audit.list(10, newest!.id)).toEqual([oldest]);
    } finally {
      cache.close();
    }
  });
});

describe('the dispatcher and the audit log', () => {
  const METHODS = {
    ping: { kind: 'query', verb: 'GET', path: '/api/ping', topics: [] },
    mark: { kind: 'command', verb: 'POST', path: '/api/things/:id/mark', topics: [] },
  } as const satisfies MethodTable;
  const SPEC = {
    ping: { input: z.strictObject({}), output: undefined as unknown as () => void },
    mark: {
      input: z.strictObject({ id: z.string(), createdBy: z.string().optional() }),
      output: undefined as unknown as () => void,
    },
  } as unknown as SpecTable;

  function setup() {
    const recorded: AuditRecord[] = [];
    const seen: unknown[] = [];
    const dispatcher = createDispatcher({
      spec: SPEC,
      handlers: {
        ping: () => Promise.resolve('pong'),
        mark: (input: { id: string }) => {
          seen.push(input);
          return input.id === 'bad' ? Promise.reject(new Error('backend down')) : Promise.resolve({ ok: 1 });
        },
      } as never,
      changes: new ChangeEmitter(),
      logger: silentLogger,
      audit: { methods: METHODS, record: (entry) => recorded.push(entry), now: () => new Date(0) },
    });
    return { dispatcher, recorded, seen };
  }

  it('records every command with its caller and outcome, and no query', async () => {
    const { dispatcher, recorded } = setup();
    await dispatcher.dispatch('ping', {}, { role: 'viewer', via: 'http', address: '10.0.0.9' });
    await dispatcher.dispatch(
      'mark',
      { id: 'a' },
      { role: 'operator', name: 'alice', via: 'http', address: '10.0.0.7' },
    );
    await dispatcher.dispatch('mark', { id: 'bad' });
    await dispatcher.dispatch('mark', { id: 1 });
    expect(
      recorded.map(({ method, who, role, via, address, target, outcome }) => ({
        method,
        who,
        role,
        via,
        address,
        target,
        outcome,
      })),
    ).toEqual([
      {
        method: 'mark',
        who: 'alice',
        role: 'operator',
        via: 'http',
        address: '10.0.0.7',
        target: '{"id":"a"}',
        outcome: 'ok',
      },
      {
        method: 'mark',
        who: undefined,
        role: 'operator',
        via: 'desktop',
        address: undefined,
        target: '{"id":"bad"}',
        outcome: 'internal',
      },
      {
        method: 'mark',
        who: undefined,
        role: 'operator',
        via: 'desktop',
        address: undefined,
        target: '{"id":1}',
        outcome: 'invalid-input',
      },
    ]);
    expect(recorded[1]?.detail).toBe('mark failed: backend down');
  });

  it('creates as the caller’s configured name, whatever createdBy the client sends', async () => {
    const { dispatcher, seen } = setup();
    await dispatcher.dispatch(
      'mark',
      { id: 'a', createdBy: 'mallory' },
      { role: 'operator', name: 'alice', via: 'http' },
    );
    await dispatcher.dispatch('mark', { id: 'b', createdBy: 'bob' }, { role: 'operator', via: 'http' });
    expect(seen).toEqual([
      { id: 'a', createdBy: 'alice' },
      { id: 'b', createdBy: 'bob' },
    ]);
  });
});
