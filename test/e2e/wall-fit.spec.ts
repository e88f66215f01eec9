/**
 * The war room fits every wall: a fixed board (60 services: 8 critical, 10 high, 42 warning/info) in
 * a real Alertmanager, shown by real `serve` in Chromium at each resolution a GOC uses. Every
 * critical/high card is entirely on screen, no card is clipped, "+ N more" accounts for the rest, and
 * the type grows with the display; the siren banner stays one row. Screenshots in both languages go to test-results/screenshots/.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startAlertmanager } from '../support/alertmanager.js';
import type { PostableAlert, RealAlertmanager } from '../support/alertmanager.js';
import { requireBinary } from '../support/binaries.js';
import { startServe } from '../support/serve.js';
import type { ServeProcess } from '../support/serve.js';

const { available } = requireBinary('/usr/bin/prometheus-alertmanager', 'prometheus-alertmanager');

const SCREENS = [
  [1280, 720],
  [1366, 768],
  [1920, 1080],
  [2560, 1440],
  [3840, 2160],
  [1080, 1920],
] as const;

/** 8 critical, 10 high, 30 warning, 12 info services; some with several rules. */
function fixtureAlerts(): PostableAlert[] {
  const plan: [string, number][] = [
    ['critical', 8],
    ['high', 10],
    ['warning', 30],
    ['info', 12],
  ];
  const alerts: PostableAlert[] = [];
  for (const [severity, count] of plan) {
    for (let i = 0; i < count; i++) {
      const service = `${severity}-svc-${String(i + 1).padStart(2, '0')}`;
      const rules = 1 + (i % 3);
      for (let r = 0; r < rules; r++) {
        alerts.push({
          labels: {
            alertname: `Rule${r}For${severity}`,
            severity,
            service,
            instance: `${service}-${r}:9100`,
          },
          annotations: { summary: `${service} rule ${r}` },
        });
      }
    }
  }
  return alerts;
}

/** The 8 critical services carry 1, 2 or 3 rules each: 15 critical alerts in the header. */
const CRITICAL_ALERTS = fixtureAlerts().filter((alert) => alert.labels.severity === 'critical').length;

type Measured = Readonly<{
  viewport: { width: number; height: number };
  cards: { service: string; severity: string; top: number; bottom: number; left: number; right: number }[];
  board: { top: number; bottom: number; left: number; right: number };
  more: string | null;
  criticalFontPx: number;
}>;

/**
 * Every card's box, the board's box, the "+ N more" line and the critical count's type size, read in
 * the page in one go. A string expression: this spec is compiled without the DOM's types.
 */
const MEASURE = `(() => {
  const box = (element) => {
    const rect = element.getBoundingClientRect();
    return { top: rect.top, bottom: rect.bottom, left: rect.left, right: rect.right };
  };
  const value = document.querySelector('.severity-count[data-severity="critical"] .severity-count-value');
  return {
    viewport: { width: window.innerWidth, height: window.innerHeight },
    cards: [...document.querySelectorAll('.service-card')].map((card) => ({
      service: card.dataset.service ?? '',
      severity: card.dataset.severity ?? '',
      ...box(card),
    })),
    board: box(document.querySelector('.board-box')),
    more: document.querySelector('.more-services')?.textContent ?? null,
    criticalFontPx: Number.parseFloat(getComputedStyle(value).fontSize),
  };
})()`;

async function measure(page: Page): Promise<Measured> {
  return page.evaluate<Measured>(MEASURE);
}

test.describe('the war room fits every wall', () => {
  test.skip(!available, 'prometheus-alertmanager is not installed');
  let am: RealAlertmanager;
  let serve: ServeProcess;
  let dir: string;

  test.beforeAll(async () => {
    am = await startAlertmanager();
    await am.postAlerts(fixtureAlerts());
    dir = mkdtempSync(join(tmpdir(), 'cockpit-e2e-wall-'));
    mkdirSync('test-results/screenshots', { recursive: true });
    writeFileSync(
      join(dir, 'cockpit.yaml'),
      `sources:\n  - id: am-wall\n    kind: alertmanager\n    name: Alertmanager (prod)\n    url: ${am.url}\n    interval: 1s\n`,
    );
    serve = await startServe(['--config', join(dir, 'cockpit.yaml'), '--data-dir', join(dir, 'data')]);
  });
  test.afterAll(async () => {
    await serve?.stop();
    await am?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('at every resolution: every critical/high card whole, nothing clipped, the rest counted', async ({
    browser,
  }) => {
    // Twelve screens, 4K screenshots among them: on a busy machine this takes more than the default minute.
    test.setTimeout(180_000);
    const fontAt = new Map<string, number>();
    for (const [width, height] of SCREENS) {
      for (const lang of ['en', 'zh-CN'] as const) {
        const context = await browser.newContext({
          viewport: { width, height },
          locale: lang,
          timezoneId: 'Asia/Shanghai',
        });
        const page = await context.newPage();
        await page.goto(`${serve.url}/?wall=1&lang=${lang}`);
        await expect(
          page.locator('.severity-count[data-severity="critical"] .severity-count-value'),
        ).toHaveText(String(CRITICAL_ALERTS));
        await expect(page.locator('.service-card').first()).toBeVisible();
        // Let the layout settle on the measured size and type (one ResizeObserver round).
        await page.waitForTimeout(300);
        const m = await measure(page);
        const where = `${width}x${height} ${lang}`;
        const inside = (card: Measured['cards'][number]) =>
          card.top >= m.board.top - 0.5 &&
          card.bottom <= m.board.bottom + 0.5 &&
          card.left >= m.board.left - 0.5 &&
          card.right <= m.board.right + 0.5 &&
          card.bottom <= m.viewport.height &&
          card.right <= m.viewport.width;
        for (const card of m.cards) expect(inside(card), `${where}: ${card.service} is clipped`).toBe(true);
        const shown = new Set(m.cards.map((card) => card.service));
        for (const severity of ['critical', 'high']) {
          for (let i = 1; i <= (severity === 'critical' ? 8 : 10); i++) {
            const service = `${severity}-svc-${String(i).padStart(2, '0')}`;
            expect(shown.has(service), `${where}: ${service} is not on screen`).toBe(true);
          }
        }
        const hidden = 60 - shown.size;
        if (hidden > 0) {
          expect(m.more, `${where}: no "+ N more"`).toContain(
            lang === 'en' ? `+ ${hidden} more services` : `另有 ${hidden} 个服务`,
          );
        } else {
          expect(m.more).toBeNull();
        }
        fontAt.set(`${width}x${height}`, m.criticalFontPx);
        await page.screenshot({ path: `test-results/screenshots/wall-${width}x${height}-${lang}.png` });
        await context.close();
      }
    }
    expect(fontAt.get('3840x2160')!).toBeGreaterThanOrEqual(1.8 * fontAt.get('1920x1080')!);
  });

  test('the siren banner is one row from 720p to 4K and its type scales with the display', async ({
    browser,
  }) => {
    // The fixture's criticals are unclaimed, so the siren rings; without ?wall=1 it carries its hints.
    test.setTimeout(90_000);
    const fontAt = new Map<string, number>();
    for (const [width, height] of [
      [1280, 720],
      [1920, 1080],
      [3840, 2160],
    ] as const) {
      for (const lang of ['en', 'zh-CN'] as const) {
        const context = await browser.newContext({ viewport: { width, height }, locale: lang });
        const page = await context.newPage();
        await page.goto(`${serve.url}/?lang=${lang}`);
        await expect(page.locator('.siren-banner')).toBeVisible();
        const m = await page.evaluate<{
          height: number;
          fontPx: number;
          tops: number[];
          right: number;
        }>(`(() => {
          const banner = document.querySelector('.siren-banner');
          const fontPx = Number.parseFloat(getComputedStyle(banner).fontSize);
          const tops = [...banner.children].map((child) => {
            const rect = child.getBoundingClientRect();
            return rect.top + rect.height / 2;
          });
          const rect = banner.getBoundingClientRect();
          const rights = [...banner.querySelectorAll('*')].map((element) => element.getBoundingClientRect().right);
          return { height: rect.height, fontPx, tops, right: Math.max(...rights) };
        })()`);
        const where = `${width}x${height} ${lang}`;
        const spread = Math.max(...m.tops) - Math.min(...m.tops);
        expect(spread, `${where}: the banner wraps`).toBeLessThan(m.fontPx / 2);
        expect(m.height, `${where}: the banner is taller than a row`).toBeLessThanOrEqual(3 * m.fontPx);
        expect(m.right, `${where}: the banner runs off the screen`).toBeLessThanOrEqual(width);
        if (width === 1280) expect(m.height, `${where}: banner height`).toBeLessThanOrEqual(40);
        fontAt.set(`${width}x${height}`, m.fontPx);
        await context.close();
      }
    }
    expect(fontAt.get('3840x2160')!).toBeGreaterThanOrEqual(1.8 * fontAt.get('1920x1080')!);
  });
});
