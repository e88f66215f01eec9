/**
 * Chromium and `serve` for the browser benchmarks: the e2e suite's launch options, the built renderer,
 * in-page timers that stamp when something first appears, and heap readings over CDP.
 * Page scripts are strings: this project's Node tsconfig has no DOM types.
 */
import { chromium } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import playwrightConfig from '../../playwright.config.js';
import type { SourceInfo } from '../../src/domain/index.js';
import { waitFor } from '../support/processes.js';
import { buildRenderer as buildRendererOnDisk } from '../support/renderer-build.js';
import { startServe } from '../support/serve.js';
import type { ServeProcess } from '../support/serve.js';

import type { BenchContext } from './support.js';

let rendererBuilt = false;

/** Builds the renderer once per run, as the e2e global setup does, so `serve` shows today's UI. */
export function buildRenderer(ctx: BenchContext): void {
  if (rendererBuilt) return;
  ctx.log('building the renderer (vite)');
  buildRendererOnDisk();
  rendererBuilt = true;
}

/** Debian's Chromium with the e2e suite's flags; closed when the group ends. */
export async function launchChromium(ctx: BenchContext): Promise<Browser> {
  const launchOptions = playwrightConfig.use?.launchOptions ?? {};
  const browser = await chromium.launch({
    ...launchOptions,
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  });
  ctx.onCleanup(() => browser.close());
  return browser;
}

/** A 1920×1080 page in UTC and en-US, like the e2e suite's. */
export async function newPage(browser: Browser): Promise<Page> {
  const { viewport, locale, timezoneId } = playwrightConfig.use ?? {};
  return browser.newPage({ viewport: viewport ?? { width: 1920, height: 1080 }, locale, timezoneId });
}

/** `serve` as its own process; stopped when the group ends (or earlier by the caller). */
export async function startServeProcess(ctx: BenchContext, args: readonly string[]): Promise<ServeProcess> {
  const serve = await startServe(args, {}, { built: true });
  ctx.onCleanup(() => serve.stop());
  return serve;
}

/** Waits until the host's first source has polled successfully with at least `minItems` alerts. */
export async function waitForPolled(serveUrl: string, minItems: number, timeoutMs = 180_000): Promise<void> {
  await waitFor(
    async () => {
      const { sources } = (await (await fetch(`${serveUrl}/api/sources`)).json()) as {
        sources: SourceInfo[];
      };
      const source = sources[0];
      return source?.state === 'ok' && source.itemCount >= minItems ? true : undefined;
    },
    `the cockpit to poll ${minItems} alerts`,
    timeoutMs,
  );
}

/**
 * Resolves with `Date.now()` in the page at the first animation frame after an element matching the
 * selector is in the DOM (the frame that paints it). Start it before the change that adds the element.
 */
export function appearanceStamp(selector: string): string {
  return `new Promise((resolve) => {
    const selector = ${JSON.stringify(selector)};
    const stamp = () => requestAnimationFrame(() => resolve(Date.now()));
    if (document.querySelector(selector)) return stamp();
    const observer = new MutationObserver(() => {
      if (!document.querySelector(selector)) return;
      observer.disconnect();
      stamp();
    });
    observer.observe(document, { childList: true, subtree: true });
  })`;
}

/** Loads `url` and returns the wall-clock time in the page when `selector` first painted. */
export async function gotoAndStamp(
  page: Page,
  url: string,
  selector: string,
  timeoutMs: number,
): Promise<number> {
  // The observer must exist before the app's first render: install it in every new document.
  await page.addInitScript(`window.__benchStamp = ${appearanceStamp(selector)};`);
  await page.goto(url, { timeout: timeoutMs });
  return withTimeout(page.evaluate<number>('window.__benchStamp'), timeoutMs, `${selector} on ${url}`);
}

/** Rejects when `promise` has not settled within `timeoutMs`. */
export async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The renderer's live JS heap after a full GC (CDP), in MB. */
export async function jsHeapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize / 1_048_576;
  } finally {
    await cdp.detach();
  }
}
