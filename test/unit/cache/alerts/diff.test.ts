import { describe, expect, it } from 'vitest';
import { alertChangeHash } from '../../../../src/cache/alerts/change-hash.js';
import { diffSnapshot, normaliseRecord, storedStateOf } from '../../../../src/cache/alerts/diff.js';
import type { StoredAlertState } from '../../../../src/cache/alerts/diff.js';
import { CacheError } from '../../../../src/cache/errors.js';
import type { AlertRecord } from '../../../../src/domain/index.js';
import { makeAlert, minute, snapshotAt } from '../alert-fixtures.js';

/** What the cache would remember after storing these records. */
function storedAfter(...records: AlertRecord[]): Map<string, StoredAlertState> {
  return new Map(
    records.map((record) => [
      record.id,
      storedStateOf(normaliseRecord(record, minute(0)), alertChangeHash(record)),
    ]),
  );
}

function resolvedState(record: AlertRecord): StoredAlertState {
  return { ...storedStateOf(record, alertChangeHash(record)), state: 'resolved' };
}

describe('diffSnapshot', () => {
  it('reports new alerts as appeared, at the snapshot time, with their severity and state', () => {
    const disk = makeAlert('a1', { severity: 'critical', name: 'DiskFull', service: 'db' });
    const diff = diffSnapshot(new Map(), snapshotAt(3, [disk]));

    expect(diff.inserted).toBe(1);
    expect(diff.writes.map((write) => [write.record.id, write.existing])).toEqual([[disk.id, false]]);
    expect(diff.events).toEqual([
      {
        alertId: disk.id,
        sourceId: 'am-prod',
        at: minute(3),
        kind: 'appeared',
        severity: 'critical',
        state: 'firing',
        name: 'DiskFull',
        service: 'db',
      },
    ]);
  });

  it('neither writes nor records anything when only updatedAt and endsAt moved', () => {
    const alert = makeAlert('a1');
    const reEvaluated = { ...alert, updatedAt: minute(7), endsAt: minute(12) };

    const diff = diffSnapshot(storedAfter(alert), snapshotAt(7, [reEvaluated]));

    expect(diff.writes).toEqual([]);
    expect(diff.events).toEqual([]);
    expect([diff.inserted, diff.updated, diff.resolved]).toEqual([0, 0, 0]);
  });

  it('ignores the order of labels and of silence ids (HA members may differ)', () => {
    const alert = makeAlert('a1', {
      labels: { a: '1', b: '2' },
      silencedBy: ['s1', 's2'],
      state: 'silenced',
    });
    const reordered = { ...alert, labels: { b: '2', a: '1' }, silencedBy: ['s2', 's1'] };

    expect(diffSnapshot(storedAfter(alert), snapshotAt(1, [reordered])).writes).toEqual([]);
  });

  it('records a severity change as "before→after" and rewrites the row', () => {
    const alert = makeAlert('a1', { severity: 'warning' });
    const diff = diffSnapshot(storedAfter(alert), snapshotAt(2, [{ ...alert, severity: 'critical' }]));

    expect(diff.updated).toBe(1);
    expect(diff.writes).toHaveLength(1);
    expect(diff.events).toMatchObject([
      { kind: 'severity-changed', detail: 'warning→critical', severity: 'critical', at: minute(2) },
    ]);
  });

  it('writes a meaningful change without an event when no tracked field moved (e.g. a new summary)', () => {
    const alert = makeAlert('a1');
    const diff = diffSnapshot(storedAfter(alert), snapshotAt(2, [{ ...alert, summary: 'now 9% errors' }]));

    expect(diff.writes.map((write) => write.record.summary)).toEqual(['now 9% errors']);
    expect(diff.events).toEqual([]);
    expect(diff.updated).toBe(1);
  });

  it('records silenced when silences appear and unsilenced when they go, with the silence ids', () => {
    const firing = makeAlert('a1');
    const silenced = { ...firing, state: 'silenced' as const, silencedBy: ['sil-1', 'sil-2'] };

    const silencing = diffSnapshot(storedAfter(firing), snapshotAt(1, [silenced]));
    expect(silencing.events).toMatchObject([{ kind: 'silenced', detail: 'sil-1, sil-2', state: 'silenced' }]);

    const unsilencing = diffSnapshot(storedAfter(silenced), snapshotAt(2, [firing]));
    expect(unsilencing.events).toMatchObject([
      { kind: 'unsilenced', detail: 'sil-1, sil-2', state: 'firing' },
    ]);
  });

  it('records acknowledged with who acknowledged', () => {
    const firing = makeAlert('a1');
    const acked = { ...firing, state: 'acknowledged' as const, ackedBy: 'li.wei' };

    const diff = diffSnapshot(storedAfter(firing), snapshotAt(1, [acked]));

    expect(diff.events).toMatchObject([{ kind: 'acknowledged', detail: 'li.wei', state: 'acknowledged' }]);
  });

  it('records other state changes (an inhibited alert) as state-changed', () => {
    const firing = makeAlert('a1');
    const inhibited = { ...firing, state: 'silenced' as const, inhibitedBy: ['parent-alert'] };

    const diff = diffSnapshot(storedAfter(firing), snapshotAt(1, [inhibited]));

    expect(diff.events).toMatchObject([{ kind: 'state-changed', detail: 'firing→silenced' }]);
  });

  it('resolves an alert missing from the snapshot, ending it at the snapshot time', () => {
    const gone = makeAlert('gone', { severity: 'high', name: 'NodeDown', service: 'edge' });
    const stays = makeAlert('stays');

    const diff = diffSnapshot(storedAfter(gone, stays), snapshotAt(9, [stays]));

    expect(diff.resolutions).toEqual([{ id: gone.id, endsAt: minute(9) }]);
    expect(diff.resolved).toBe(1);
    expect(diff.events).toEqual([
      {
        alertId: gone.id,
        sourceId: 'am-prod',
        at: minute(9),
        kind: 'resolved',
        severity: 'high',
        state: 'resolved',
        detail: 'no longer reported by the source',
        name: 'NodeDown',
        service: 'edge',
      },
    ]);
  });

  it('does not resolve an already resolved alert again', () => {
    const old = makeAlert('old');
    const diff = diffSnapshot(new Map([[old.id, resolvedState(old)]]), snapshotAt(9, []));

    expect(diff.resolutions).toEqual([]);
    expect(diff.events).toEqual([]);
  });

  it('treats a resolved alert that comes back as a new appearance, firing, without endsAt', () => {
    const alert = makeAlert('flappy');
    const diff = diffSnapshot(new Map([[alert.id, resolvedState(alert)]]), snapshotAt(20, [alert]));

    expect(diff.inserted).toBe(1);
    expect(diff.events).toMatchObject([{ kind: 'appeared', state: 'firing', at: minute(20) }]);
    expect(diff.writes).toHaveLength(1);
    expect(diff.writes[0]!.existing).toBe(true);
    expect(diff.writes[0]!.record.state).toBe('firing');
    expect(diff.writes[0]!.record.endsAt).toBeUndefined();
  });

  it('closes an alert the backend itself reports as resolved, keeping its end time', () => {
    const alert = makeAlert('a1');
    const ended = { ...alert, state: 'resolved' as const, endsAt: minute(4) };

    const diff = diffSnapshot(storedAfter(alert), snapshotAt(5, [ended]));

    expect(diff.events).toMatchObject([{ kind: 'resolved', state: 'resolved' }]);
    expect(diff.writes[0]!.record.endsAt).toBe(minute(4));
    expect(diff.resolved).toBe(1);
  });

  it('keeps the last of two records with the same id', () => {
    const first = makeAlert('dup', { severity: 'info' });
    const second = makeAlert('dup', { severity: 'critical' });

    const diff = diffSnapshot(new Map(), snapshotAt(1, [first, second]));

    expect(diff.writes.map((write) => write.record.severity)).toEqual(['critical']);
  });

  it('refuses an alert of another source with a sentence naming both', () => {
    const foreign = makeAlert('x', {}, 'am-staging');
    expect(() => diffSnapshot(new Map(), snapshotAt(1, [foreign]))).toThrow(CacheError);
    expect(() => diffSnapshot(new Map(), snapshotAt(1, [foreign]))).toThrow(
      /snapshot of source "am-prod": alert "am-staging:x" belongs to source "am-staging"/,
    );
  });

  it('does not change the stored state it was given', () => {
    const alert = makeAlert('a1');
    const stored = storedAfter(alert);
    const before = [...stored.entries()];

    diffSnapshot(stored, snapshotAt(1, [{ ...alert, severity: 'critical' }, makeAlert('b')]));

    expect([...stored.entries()]).toEqual(before);
  });

  it('keeps alerts listed as unchanged, confirms them by source hash, and never invents missing ones', () => {
    const kept = makeAlert('kept');
    const moved = makeAlert('moved');
    const gone = makeAlert('gone');
    const stored = new Map([
      [kept.id, storedStateOf(kept, alertChangeHash(kept), 'k.1')],
      [moved.id, storedStateOf(moved, alertChangeHash(moved), 'k.2')],
      [gone.id, storedStateOf(gone, alertChangeHash(gone), 'k.3')],
    ]);
    const stranger = makeAlert('stranger');

    const diff = diffSnapshot(stored, {
      ...snapshotAt(1, []),
      unchanged: [kept.id, moved.id, stranger.id],
      sourceHashes: new Map([
        [kept.id, 'k.1'],
        [moved.id, 'k.other'],
        [stranger.id, 'k.4'],
      ]),
    });

    // Only the alert in neither list ends; nothing is written for the unchanged ones.
    expect(diff.resolutions.map((resolution) => resolution.id)).toEqual([gone.id]);
    expect(diff.writes).toEqual([]);
    // "moved" has another source hash than stored and "stranger" is not stored: neither is confirmed,
    // and moved's hash is forgotten so that the connector reads it in full next time.
    expect(diff.unconfirmed).toBe(2);
    expect(diff.sourceHashUpdates).toEqual([{ id: moved.id, sourceHash: undefined }]);
  });

  it('stores a new source hash for an alert whose content did not change', () => {
    const alert = makeAlert('a');
    const stored = new Map([[alert.id, storedStateOf(alert, alertChangeHash(alert), 'old.1')]]);

    const diff = diffSnapshot(stored, {
      ...snapshotAt(1, [alert]),
      sourceHashes: new Map([[alert.id, 'new.1']]),
    });

    expect(diff.writes).toEqual([]);
    expect(diff.events).toEqual([]);
    expect(diff.sourceHashUpdates).toEqual([{ id: alert.id, sourceHash: 'new.1' }]);
  });
});
