/**
 * The README's screenshots: builds the renderer, starts the headless host on the built-in demo estate
 * (fixed seed) on a free port, and photographs each page in Debian's Chromium with the e2e suite's
 * launch options, in UTC. Run: `npx tsx test/screens/readme-screens.ts`; it writes docs/screens/*.png.
 * Each shot waits for its page's content, so a page that never shows data fails the run instead of
 * committing an empty picture. Page scripts are strings: this project's Node tsconfig has no DOM types.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import type { Browser } from '@playwright/test';
import playwrightConfig from '../../playwright.config.js';
import type { SourceInfo } from '../../src/domain/index.js';
import { waitFor } from '../support/processes.js';
import { buildRenderer } from '../support/renderer-build.js';
import { startServe } from '../support/serve.js';

const ROOT = join(import.meta.dirname, '..', '..');
const OUT = join(ROOT, 'docs', 'screens');
/** The demo estate's seed: the same services fire on every run. */
const DEMO_SEED = '7';
/** Charts animate and the board lays out after the first data; a shot waits this long after content. */
const SETTLE_MS = 2_500;

type Shot = Readonly<{
  file: string;
  width: number;
  height: number;
  /** The address after the host's origin: `?view=…&lang=…`. */
  query: string;
  /** What must be on screen before the shot (the page's data, not its skeleton). */
  ready: string;
}>;

const WAR_ROOM_READY = '.service-card';

const SHOTS: readonly Shot[] = [
  { file: 'war-room-1280x720-en.png', width: 1280, height: 720, query: '?lang=en', ready: WAR_ROOM_READY },
  {
    file: 'war-room-1920x1080-zh-CN.png',
    width: 1920,
    height: 1080,
    query: '?lang=zh-CN',
    ready: WAR_ROOM_READY,
  },
  {
    file: 'war-room-3840x2160-en.png',
    width: 3840,
    height: 2160,
    query: '?wall=1&lang=en',
    ready: WAR_ROOM_READY,
  },
  {
    file: 'slo-1920x1080-en.png',
    width: 1920,
    height: 1080,
    query: '?view=slos&lang=en',
    ready: '.slo-tiles li',
  },
  {
    file: 'changes-1920x1080-zh-CN.png',
    width: 1920,
    height: 1080,
    query: '?view=changes&lang=zh-CN',
    ready: '.change-table tbody tr',
  },
  {
    file: 'topology-1920x1080-en.png',
    width: 1920,
    height: 1080,
    query: '?view=topology&lang=en',
    ready: '.topology-view canvas',
  },
  {
    file: 'runbooks-1920x1080-zh-CN.png',
    width: 1920,
    height: 1080,
    query: '?view=runbooks&lang=zh-CN',
    ready: '.runbook-list li',
  },
];

async function shoot(browser: Browser, origin: string, shot: Shot): Promise<void> {
  const page = await browser.newPage({
    viewport: { width: shot.width, height: shot.height },
    locale: playwrightConfig.use?.locale,
    timezoneId: playwrightConfig.use?.timezoneId,
    colorScheme: 'dark',
  });
  try {
    await page.goto(`${origin}/${shot.query}`);
    await page.locator(shot.ready).first().waitFor({ state: 'visible', timeout: 30_000 });
    if (shot.ready === WAR_ROOM_READY) {
      await page.locator('.timeline-panel canvas').first().waitFor({ state: 'visible', timeout: 30_000 });
    }
    await page.waitForTimeout(SETTLE_MS);
    const path = join(OUT, shot.file);
    await page.screenshot({ path });
    console.log(`${shot.file}  ${shot.width}×${shot.height}  ${Math.round(statSync(path).size / 1024)} KiB`);
  } finally {
    await page.close();
  }
}

/** Every source (alerts, SLOs, runbooks) has answered once: no shot shows "waiting for first poll". */
async function waitForSources(origin: string): Promise<void> {
  await waitFor(
    async () => {
      const { sources } = (await (await fetch(`${origin}/api/sources`)).json()) as { sources: SourceInfo[] };
      return sources.length > 0 && sources.every((source) => source.state === 'ok') ? true : undefined;
    },
    'every demo source to answer',
    60_000,
  );
}

async function main(): Promise<void> {
  buildRenderer();
  mkdirSync(OUT, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-screens-'));
  const serve = await startServe(['--data-dir', dir, '--demo-seed', DEMO_SEED]);
  let browser: Browser | undefined;
  try {
    await waitForSources(serve.url);
    browser = await chromium.launch({
      ...(playwrightConfig.use?.launchOptions ?? {}),
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    });
    for (const shot of SHOTS) await shoot(browser, serve.url, shot);
  } finally {
    await browser?.close();
    await serve.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
