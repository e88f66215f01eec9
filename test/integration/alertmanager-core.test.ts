import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { createCockpitCore } from '../../src/core.js';
import type { CockpitCore } from '../../src/core.js';
import { silentLogger } from '../../src/logger.js';
import { ALERTMANAGER_BINARY, startAlertmanager } from '../support/alertmanager.js';
import type { PostableAlert, RealAlertmanager } from '../support/alertmanager.js';
import { requireBinary } from '../support/binaries.js';

const { available } = requireBinary(ALERTMANAGER_BINARY, 'prometheus-alertmanager');

const cores: CockpitCore[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.stop()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function coreFor(
  urls: string[],
  dataDir = mkdtempSync(join(tmpdir(), 'cockpit-data-')),
): Promise<CockpitCore> {
  dirs.push(dataDir);
  const config = parseConfig(
    `sources:\n  - id: am\n    kind: alertmanager\n    urls: [${urls.join(', ')}]\n    interval: 1h\n    timeout: 2s\n`,
    'test.yaml',
    {},
  );
  const core = await createCockpitCore({ config, dataDir, logger: silentLogger });
  cores.push(core);
  return core;
}

const alert = (name: string, labels: Record<string, string> = {}): PostableAlert => ({
  labels: {
    alertname: name,
    severity: 'critical',
    service: 'payments-api',
    instance: 'pay-1:9100',
    ...labels,
  },
  annotations: { summary: `${name} on payments`, runbook_url: `https://runbooks.example/${name}` },
  generatorURL: 'http://prometheus.example/graph?g0.expr=up',
});

describe.runIf(available)('against a real Alertmanager', () => {
  let am: RealAlertmanager;
  beforeAll(async () => {
    am = await startAlertmanager();
  });
  afterAll(async () => {
    await am?.dispose();
  });

  it('polls posted alerts into the cache with severity, service and runbook', async () => {
    await am.postAlerts([
      alert('HighErrorRate'),
      alert('DiskFull', { severity: 'warning', service: '', job: 'node' }),
    ]);
    const core = await coreFor([am.url]);
    await core.poller.pollNow();
    const { total, items } = await core.api.listAlerts({});
    expect(total).toBe(2);
    const high = items.find((item) => item.name === 'HighErrorRate');
    expect(high).toMatchObject({
      severity: 'critical',
      state: 'firing',
      service: 'payments-api',
      runbookUrl: 'https://runbooks.example/HighErrorRate',
      summary: 'HighErrorRate on payments',
      generatorUrl: 'http://prometheus.example/graph?g0.expr=up',
    });
    expect(items.find((item) => item.name === 'DiskFull')).toMatchObject({
      severity: 'warning',
      service: 'node',
    });
    const detail = await core.api.getAlert({ id: high!.id });
    expect(detail?.history.map((event) => event.kind)).toEqual(['appeared']);
    const [source] = (await core.api.listSources()).sources;
    expect(source).toMatchObject({ id: 'am', state: 'ok', itemCount: 2, consecutiveFailures: 0 });
  });

  it('creates a silence through the connector and sees the alert silenced on the next poll', async () => {
    await am.postAlerts([alert('SilenceMe', { instance: 'pay-9:9100', pod: 'pay-7d9f' })]);
    const core = await coreFor([am.url]);
    await core.poller.pollNow();
    const target = (await core.api.listAlerts({ q: 'SilenceMe' })).items[0]!;
    const result = await core.api.silenceAlert({
      id: target.id,
      durationMinutes: 60,
      comment: 'deploying the fix',
      createdBy: 'alice',
    });
    expect(result.ok).toBe(true);
    const silenceId = result.ok ? result.value.id : '';
    // The confirmation carries what a person needs to trust it: until when, by whom, why, on what.
    expect(result.ok && result.value).toMatchObject({
      sourceId: 'am',
      state: 'active',
      createdBy: 'alice',
      comment: 'deploying the fix',
      url: `${am.url}/#/silences/${silenceId}`,
    });
    const endsIn = result.ok ? Date.parse(result.value.endsAt) - Date.parse(result.value.startsAt) : 0;
    expect(Math.round(endsIn / 60_000)).toBe(60);
    const silences = await am.getSilences();
    const created = silences.find((silence) => silence.id === silenceId);
    expect(created).toMatchObject({
      createdBy: 'alice',
      comment: 'deploying the fix',
      status: { state: 'active' },
    });
    expect(created?.matchers.map((matcher) => `${matcher.name}=${matcher.value}`).sort()).toEqual([
      'alertname=SilenceMe',
      'instance=pay-9:9100',
    ]);
    await core.poller.pollNow();
    const after = await core.api.getAlert({ id: target.id });
    expect(after?.state).toBe('silenced');
    expect(after?.silencedBy).toEqual([silenceId]);
    expect(after?.history.map((event) => event.kind)).toContain('silenced');
  });

  it('lists, extends and ends the silences of an alert, and the alert fires again', async () => {
    await am.postAlerts([alert('Undo', { instance: 'pay-5:9100' })]);
    const core = await coreFor([am.url]);
    await core.poller.pollNow();
    const target = (await core.api.listAlerts({ q: 'Undo' })).items[0]!;
    const created = await core.api.silenceAlert({ id: target.id, durationMinutes: 30, comment: 'noisy' });
    if (!created.ok) throw new Error(created.error.message);
    await core.poller.pollNow();

    const [listed] = await core.api.getAlertSilences({ id: target.id });
    expect(listed).toMatchObject({ id: created.value.id, comment: 'noisy', state: 'active' });
    expect(listed?.endsAt).toBe(created.value.endsAt);

    const extended = await core.api.extendSilence({
      id: target.id,
      silenceId: created.value.id,
      durationMinutes: 60,
    });
    if (!extended.ok) throw new Error(extended.error.message);
    // Alertmanager updates an active silence in place when only its end moves.
    expect(extended.value.id).toBe(created.value.id);
    const added = Date.parse(extended.value.endsAt) - Date.parse(created.value.endsAt);
    expect(Math.round(added / 60_000)).toBe(60);
    const held = (await am.getSilences()).find((silence) => silence.id === created.value.id);
    expect(held?.endsAt && Date.parse(held.endsAt)).toBe(Date.parse(extended.value.endsAt));

    const ended = await core.api.unsilenceAlert({ id: target.id });
    expect(ended).toEqual({ ok: true, value: { expired: [created.value.id] } });
    const after = (await am.getSilences()).find((silence) => silence.id === created.value.id);
    expect(after?.status.state).toBe('expired');
    await core.poller.pollNow();
    const detail = await core.api.getAlert({ id: target.id });
    expect(detail.state).toBe('firing');
    expect(detail.history.map((event) => event.kind)).toContain('unsilenced');
    expect(await core.api.getAlertSilences({ id: target.id })).toEqual([]);
  });

  it('refuses to end a silence that does not mute the alert, naming the ones that do', async () => {
    await am.postAlerts([alert('Other', { instance: 'pay-6:9100' })]);
    const core = await coreFor([am.url]);
    await core.poller.pollNow();
    const target = (await core.api.listAlerts({ q: 'Other' })).items[0]!;
    const result = await core.api.unsilenceAlert({
      id: target.id,
      silenceId: '00000000-0000-0000-0000-000000000000',
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'not-found',
        message: `silence 00000000-0000-0000-0000-000000000000 does not mute alert ${target.id} (its silences: none)`,
      },
    });
  });

  it('refuses a silence without a comment, before reaching Alertmanager', async () => {
    await am.postAlerts([alert('NoComment')]);
    const core = await coreFor([am.url]);
    await core.poller.pollNow();
    const target = (await core.api.listAlerts({ q: 'NoComment' })).items[0]!;
    const before = (await am.getSilences()).length;
    const result = await core.api.silenceAlert({ id: target.id, durationMinutes: 60, comment: '  ' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'comment: say why you are silencing this alert' },
    });
    expect((await am.getSilences()).length).toBe(before);
  });

  it('keeps the alerts, marked stale, while the Alertmanager is down, and recovers when it returns', async () => {
    const own = await startAlertmanager();
    try {
      await own.postAlerts([alert('Survivor')]);
      const core = await coreFor([own.url]);
      await core.poller.pollNow();
      expect((await core.api.listAlerts({})).items.map((item) => item.stale ?? false)).toEqual([false]);

      await own.stop();
      await core.poller.pollNow();
      const [down] = (await core.api.listSources()).sources;
      expect(down?.state).toBe('stale');
      expect(down?.lastError).toMatch(/^source "am": .*could not connect to 127\.0\.0\.1:\d+/);
      const stale = await core.api.listAlerts({});
      expect(stale.items.map((item) => [item.name, item.stale])).toEqual([['Survivor', true]]);
      expect((await core.api.getOverview()).sources.stale).toBe(1);

      await own.restart();
      await own.postAlerts([alert('Survivor')]);
      await core.poller.pollNow();
      expect((await core.api.listSources()).sources[0]?.state).toBe('ok');
      expect((await core.api.listAlerts({})).items.map((item) => item.stale ?? false)).toEqual([false]);
    } finally {
      await own.dispose();
    }
  });

  it('shows the cached alerts as stale after a restart of the cockpit while the Alertmanager is down', async () => {
    const own = await startAlertmanager();
    const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-data-'));
    try {
      await own.postAlerts([alert('Remembered')]);
      const first = await coreFor([own.url], dataDir);
      await first.poller.pollNow();
      await first.stop();
      cores.splice(cores.indexOf(first), 1);
      await own.stop();

      const second = await coreFor([own.url], dataDir);
      const beforePoll = await second.api.listAlerts({});
      expect(beforePoll.items.map((item) => [item.name, item.stale])).toEqual([['Remembered', true]]);
      await second.poller.pollNow();
      expect((await second.api.listSources()).sources[0]?.state).toBe('stale');
      expect((await second.api.listAlerts({})).total).toBe(1);
    } finally {
      await own.dispose();
    }
  });

  it('after a restart, announces the alerts as fresh once the first poll confirms them unchanged', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-data-'));
    await am.postAlerts([alert('Confirmed')]);
    const first = await coreFor([am.url], dataDir);
    await first.poller.pollNow();
    await first.stop();
    cores.splice(cores.indexOf(first), 1);

    const second = await coreFor([am.url], dataDir);
    expect((await second.api.listAlerts({ q: 'Confirmed' })).items[0]?.stale).toBe(true);
    const topics: string[][] = [];
    second.api.onDidChange((event) => topics.push([...event.topics]));
    await second.poller.pollNow();
    // Nothing about the alerts changed, but their stale mark did: views must refetch them.
    expect(topics.at(-1)).toContain('alerts');
    expect((await second.api.listAlerts({ q: 'Confirmed' })).items[0]?.stale).toBe(false);
  });

  it('resolves an alert that a healthy Alertmanager no longer reports, with its end time', async () => {
    const own = await startAlertmanager();
    try {
      const endsAt = new Date(Date.now() + 1500).toISOString();
      await own.postAlerts([{ ...alert('ShortLived'), endsAt }, alert('StillHere')]);
      const core = await coreFor([own.url]);
      await core.poller.pollNow();
      expect((await core.api.listAlerts({})).total).toBe(2);
      const id = (await core.api.listAlerts({ q: 'ShortLived' })).items[0]!.id;
      // Alertmanager drops a resolved alert from /api/v2/alerts once its endsAt has passed.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await core.poller.pollNow();
      expect((await core.api.listAlerts({})).items.map((item) => item.name)).toEqual(['StillHere']);
      const resolved = await core.api.getAlert({ id: id });
      expect(resolved?.state).toBe('resolved');
      expect(resolved?.endsAt).toBeDefined();
      expect(resolved?.history.map((event) => event.kind)).toEqual(['resolved', 'appeared']);
    } finally {
      await own.dispose();
    }
  });

  it('merges two Alertmanagers of one HA cluster: each alert once, and says which members answered', async () => {
    const second = await startAlertmanager();
    try {
      const shared = [alert('HaAlertOne'), alert('HaAlertTwo', { severity: 'high' })];
      await am.postAlerts(shared);
      await second.postAlerts(shared);
      const core = await coreFor([am.url, second.url]);
      await core.poller.pollNow();
      const names = (await core.api.listAlerts({ q: 'HaAlert' })).items.map((item) => item.name).sort();
      expect(names).toEqual(['HaAlertOne', 'HaAlertTwo']);
      expect((await core.api.listSources()).sources[0]?.members).toEqual([
        { url: am.url, ok: true },
        { url: second.url, ok: true },
      ]);

      await second.stop();
      await core.poller.pollNow();
      const [source] = (await core.api.listSources()).sources;
      expect(source?.state).toBe('ok');
      expect(source?.members?.map((member) => member.ok)).toEqual([true, false]);
      expect((await core.api.listAlerts({ q: 'HaAlert' })).total).toBe(2);
    } finally {
      await second.dispose();
    }
  });
});
