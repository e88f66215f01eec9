/**
 * The same 10k alerts in one real Alertmanager, shown by Alertmanager's own UI and by the cockpit's war
 * room, in the same Chromium and the same run: navigation start → the alert list (or first card) painted.
 *
 * Debian's prometheus-alertmanager does not ship the UI (its Elm app cannot be built from Debian
 * packages; `/` serves a "no web application" page). Then the suite measures a stand-in on
 * Alertmanager's origin that does what that UI does on load: GET /api/v2/alerts/groups with the UI's
 * default filter, decode it, and render every group and alert with a chip per label, not virtualized.
 * `alertmanager_ui_shipped` says which one was measured.
 */
import type { Browser } from '@playwright/test';
import { startAlertmanager } from '../support/alertmanager.js';
import type { PostableAlert } from '../support/alertmanager.js';
import { createDemoSimulator } from '../../src/demo/index.js';
import {
  buildRenderer,
  gotoAndStamp,
  launchChromium,
  newPage,
  startServeProcess,
  waitForPolled,
} from './browser-support.js';
import { alertmanagerSource, median, writeConfigFile } from './support.js';
import type { BenchContext } from './support.js';

const ALERTS = 10_000;

function estateAlerts(count: number): PostableAlert[] {
  const now = Date.now();
  const simulator = createDemoSimulator({ seed: 17, scale: count, alertSizeBytes: 3000, now: () => now });
  return simulator.alertsAt(now).map((alert) => ({
    labels: alert.labels,
    annotations: alert.annotations,
    startsAt: new Date(alert.startsAt).toISOString(),
    endsAt: new Date(now + 86_400_000).toISOString(),
    generatorURL: alert.generatorURL,
  }));
}

/** What Alertmanager's UI does on load, as plain DOM; resolves with Date.now() at the painted frame. */
const STAND_IN_SCRIPT = `(async () => {
  const response = await fetch('api/v2/alerts/groups?silenced=false&inhibited=false&active=true');
  const groups = await response.json();
  const root = document.createElement('div');
  for (const group of groups) {
    const section = document.createElement('div');
    const title = document.createElement('h5');
    title.textContent = Object.entries(group.labels).map(([k, v]) => k + '="' + v + '"').join(' ');
    section.append(title);
    const list = document.createElement('ul');
    for (const alert of group.alerts) {
      const item = document.createElement('li');
      const time = document.createElement('span');
      time.textContent = new Date(alert.startsAt).toLocaleString();
      item.append(time);
      for (const [key, value] of Object.entries(alert.labels)) {
        const chip = document.createElement('button');
        chip.className = 'btn btn-sm';
        chip.textContent = key + '="' + value + '"';
        item.append(chip);
      }
      list.append(item);
    }
    section.append(list);
    root.append(section);
  }
  document.body.replaceChildren(root);
  return new Promise((resolve) => requestAnimationFrame(() => resolve(Date.now())));
})()`;

async function alertmanagerMs(browser: Browser, url: string, shipped: boolean): Promise<number> {
  const page = await newPage(browser);
  try {
    const startedAt = Date.now();
    if (shipped) {
      // Unverified here (no UI in Debian): the Elm app lists alerts as list-group items.
      await page.goto(`${url}/#/alerts`);
      await page.locator('li.list-group-item').first().waitFor({ timeout: 180_000 });
      await page.waitForLoadState('networkidle');
      return Date.now() - startedAt;
    }
    await page.goto(`${url}/`);
    return (await page.evaluate<number>(STAND_IN_SCRIPT)) - startedAt;
  } finally {
    await page.close();
  }
}

async function warRoomMs(browser: Browser, url: string): Promise<number> {
  const page = await newPage(browser);
  try {
    const startedAt = Date.now();
    return (await gotoAndStamp(page, `${url}/`, '.service-card', 180_000)) - startedAt;
  } finally {
    await page.close();
  }
}

/** The alertmanager-ui group. */
export async function runAlertmanagerUi(ctx: BenchContext): Promise<void> {
  buildRenderer(ctx);
  const browser = await launchChromium(ctx);
  const am = await startAlertmanager();
  ctx.onCleanup(() => am.dispose());
  const alerts = estateAlerts(ALERTS);
  for (let start = 0; start < alerts.length; start += 1000)
    await am.postAlerts(alerts.slice(start, start + 1000));
  // The Elm app is one script.js; Debian's no-UI page has none.
  const shipped = (await fetch(`${am.url}/script.js`)).ok;
  ctx.log(
    `Alertmanager's UI ${shipped ? 'is' : 'is NOT'} shipped by this build; ${shipped ? 'measuring it' : 'measuring the stand-in'}`,
  );
  ctx.record('alertmanager_ui_shipped', shipped ? 1 : 0, 'count');

  const config = writeConfigFile(ctx.tempDir('am-ui'), [
    alertmanagerSource(am.url, { interval: '15s', timeout: '30s' }),
  ]);
  const serve = await startServeProcess(ctx, ['--config', config, '--data-dir', ctx.tempDir('am-ui-data')]);
  await waitForPolled(serve.url, ALERTS);

  const reps = ctx.quick ? 2 : 3;
  const amSamples: number[] = [];
  const cockpitSamples: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    amSamples.push(await alertmanagerMs(browser, am.url, shipped));
    cockpitSamples.push(await warRoomMs(browser, serve.url));
    ctx.log(`  #${rep + 1}: Alertmanager ${amSamples.at(-1)} ms, war room ${cockpitSamples.at(-1)} ms`);
  }
  const amName = shipped ? 'alertmanager_ui_10k_ms' : 'alertmanager_ui_stand_in_10k_ms';
  ctx.record(amName, median(amSamples), 'ms');
  ctx.record('war_room_10k_ms', median(cockpitSamples), 'ms');
  ctx.record('vs_alertmanager_ui_ratio', median(cockpitSamples) / median(amSamples), 'ratio');
}
