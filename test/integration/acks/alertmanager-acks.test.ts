import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiCaller } from '../../../src/api/wire.js';
import { parseConfig } from '../../../src/config/load.js';
import { createCockpitCore } from '../../../src/core.js';
import type { CockpitCore } from '../../../src/core.js';
import { systemClock } from '../../../src/domain/index.js';
import type { AckRecord, Clock } from '../../../src/domain/index.js';
import { silentLogger } from '../../../src/logger.js';
import { ALERTMANAGER_BINARY, startAlertmanager } from '../../support/alertmanager.js';
import type { PostableAlert, RealAlertmanager } from '../../support/alertmanager.js';
import { requireBinary } from '../../support/binaries.js';

const { available } = requireBinary(ALERTMANAGER_BINARY, 'prometheus-alertmanager');

const cores: CockpitCore[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.stop()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The wall clock, moved ahead when a test says so (the silence must look near its end). */
function shiftedClock(): Clock & { shift(ms: number): void } {
  let offset = 0;
  return { ...systemClock, now: () => Date.now() + offset, shift: (ms) => (offset += ms) };
}

async function coreFor(url: string, ack: 'silence' | 'none', clock: Clock): Promise<CockpitCore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-acks-'));
  dirs.push(dataDir);
  const config = parseConfig(
    `sources:\n  - id: am\n    kind: alertmanager\n    url: ${url}\n    interval: 1h\n    timeout: 2s\n    ack: ${ack}\n    ackSilence: 3m\n`,
    'test.yaml',
    {},
  );
  const core = await createCockpitCore({ config, dataDir, logger: silentLogger, clock });
  cores.push(core);
  return core;
}

const alert = (name: string, extra: Partial<PostableAlert> = {}): PostableAlert => ({
  labels: {
    alertname: name,
    severity: 'critical',
    service: 'payments-api',
    instance: 'pay-1:9100',
    pod: 'pay-7f9',
  },
  annotations: { summary: `${name} on payments` },
  ...extra,
});

const operator = (name: string): ApiCaller => ({ role: 'operator', name, address: '192.0.2.7', via: 'http' });

async function claim(core: CockpitCore, id: string, caller: ApiCaller, comment?: string): Promise<AckRecord> {
  const result = await core.dispatcher.dispatch('ackAlert', { id, by: 'typed-name', comment }, caller);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as AckRecord;
}

describe.runIf(available)('claims written back to a real Alertmanager', () => {
  let am: RealAlertmanager;
  beforeAll(async () => {
    am = await startAlertmanager();
  });
  afterAll(async () => {
    await am?.dispose();
  });

  it('claims as a narrow silence, extends it while firing, expires it on release, ends it on resolve', async () => {
    await am.postAlerts([alert('PaymentsDown')]);
    const clock = shiftedClock();
    const core = await coreFor(am.url, 'silence', clock);
    await core.poller.pollNow();
    const [item] = (await core.api.listAlerts({})).items;
    const id = item!.id;

    // Claim: the caller's configured name wins over the typed one, and the team sees it in Alertmanager.
    const record = await claim(core, id, operator('alice'), 'looking at the DB');
    expect(record.by).toBe('alice');
    expect(record.writtenBack?.where).toBe('alertmanager-silence');
    const silenceId = record.writtenBack!.id;
    const silence = (await am.getSilences()).find((each) => each.id === silenceId)!;
    expect(silence.status.state).toBe('active');
    expect(silence.comment).toBe('acknowledged by alice: looking at the DB');
    expect(silence.createdBy).toBe('alice');
    // Narrow: alertname and instance, never the volatile pod.
    expect(silence.matchers.map((matcher) => matcher.name).sort()).toEqual(['alertname', 'instance']);

    await core.poller.pollNow();
    const claimed = await core.api.getAlert({ id });
    expect(claimed.state).toBe('acknowledged');
    expect(claimed.ack).toMatchObject({
      by: 'alice',
      comment: 'looking at the DB',
      writtenBack: { id: silenceId },
    });

    // A second claim is refused and names the holder.
    const second = await core.dispatcher.dispatch('ackAlert', { id, by: 'bob' });
    expect(second).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    expect(second.ok ? '' : second.error.message).toContain('already claimed by alice');

    // The alert keeps firing past the silence's first end: the next poll extends it.
    const firstEnd = Date.parse(silence.endsAt);
    clock.shift(3.5 * 60_000);
    await core.poller.pollNow();
    await expect
      .poll(async () => {
        const now = (await am.getSilences()).filter((each) => each.status.state === 'active');
        return Math.max(...now.map((each) => Date.parse(each.endsAt)));
      })
      .toBeGreaterThan(firstEnd + 60_000);

    // Release: the silence is expired, the claim is history.
    const released = await core.dispatcher.dispatch('unackAlert', { id }, operator('alice'));
    expect(released.ok).toBe(true);
    const active = (await am.getSilences()).filter((each) => each.status.state === 'active');
    expect(active).toEqual([]);
    expect((await core.api.getAlertAcks({ id }))[0]).toMatchObject({ by: 'alice', endReason: 'released' });

    // Claim again, then the alert resolves: the claim ends in history and its silence goes too.
    const again = await claim(core, id, operator('bob'));
    await am.postAlerts([alert('PaymentsDown', { endsAt: new Date(Date.now() - 1000).toISOString() })]);
    await core.poller.pollNow();
    await expect.poll(async () => (await core.api.getAlertAcks({ id }))[0]?.endReason).toBe('resolved');
    await expect
      .poll(
        async () => (await am.getSilences()).find((each) => each.id === again.writtenBack?.id)?.status.state,
      )
      .toBe('expired');

    // Every command is in the audit log with who and from where.
    const audit = (await core.api.getAudit({ limit: 20 })).items;
    const claims = audit.filter((entry) => entry.method === 'ackAlert' && entry.outcome === 'ok');
    expect(claims.map((entry) => entry.who)).toEqual(['bob', 'alice']);
    expect(claims[0]).toMatchObject({ address: '192.0.2.7', via: 'http', role: 'operator' });
    expect(audit.find((entry) => entry.method === 'unackAlert')).toMatchObject({
      who: 'alice',
      outcome: 'ok',
    });
  });

  it('keeps a claim in the ledger only with ack: none, and hands it over', async () => {
    await am.postAlerts([
      alert('LedgerOnly', { labels: { alertname: 'LedgerOnly', severity: 'critical', instance: 'x:1' } }),
    ]);
    const core = await coreFor(am.url, 'none', systemClock);
    await core.poller.pollNow();
    const id = (await core.api.listAlerts({ q: 'LedgerOnly' })).items[0]!.id;
    const before = (await am.getSilences()).length;
    const record = await claim(core, id, operator('carol'));
    expect(record.writtenBack).toBeUndefined();
    expect((await am.getSilences()).length).toBe(before);
    expect((await core.api.getAlert({ id })).state).toBe('acknowledged');

    const moved = await core.dispatcher.dispatch('handoverAlert', { id, to: 'dave' }, operator('carol'));
    expect(moved).toMatchObject({ ok: true, value: { by: 'dave' } });
    const history = await core.api.getAlertAcks({ id });
    expect(history.map((each) => [each.by, each.endReason ?? 'open'])).toEqual([
      ['dave', 'open'],
      ['carol', 'handed-over'],
    ]);
    expect((await core.api.getAlert({ id })).ack?.by).toBe('dave');
  });

  it.each(['none', 'silence'] as const)(
    'with ack: %s, "unclaimed" filters the list and the overview counts what still needs an owner',
    async (ack) => {
      const tag = `Own${ack}`;
      await am.postAlerts([
        alert(`${tag}A`, { labels: { alertname: `${tag}A`, severity: 'critical', instance: `${tag}:1` } }),
        alert(`${tag}B`, { labels: { alertname: `${tag}B`, severity: 'critical', instance: `${tag}:2` } }),
      ]);
      const core = await coreFor(am.url, ack, systemClock);
      await core.poller.pollNow();
      const ids = (await core.api.listAlerts({ q: tag.toLowerCase(), sort: 'name' })).items.map(
        (each) => each.id,
      );
      expect(ids).toHaveLength(2);
      const mine = (await core.api.getOverview()).unclaimed.critical;
      await claim(core, ids[0]!, operator('erin'));
      // The poll after a claim sees its silence (ack: silence) or nothing new (ack: none).
      await core.poller.pollNow();

      const unclaimed = await core.api.listAlerts({ q: tag.toLowerCase(), unclaimed: true });
      expect(unclaimed.items.map((each) => each.id)).toEqual([ids[1]]);
      expect(unclaimed.total).toBe(1);
      const overview = await core.api.getOverview();
      expect(overview.unclaimed.critical).toBe(mine - 1);
      // A ledger-only claim leaves its alert firing in the store; a silence takes it out of firing.
      expect(overview.firing.critical - overview.unclaimed.critical).toBe(ack === 'none' ? 1 : 0);
      // The query string's form reaches the same filter.
      const viaHttp = await core.dispatcher.dispatch(
        'listAlerts',
        { q: tag.toLowerCase(), unclaimed: 'true' },
        operator('erin'),
      );
      const page = viaHttp.ok ? (viaHttp.value as { items: readonly { id: string }[] }) : undefined;
      expect(page?.items.map((each) => each.id)).toEqual([ids[1]]);
    },
  );
});
