/**
 * The topology view in Chromium against the headless host with a 500-service graph (a folder of
 * catalog-info.yaml files, 50 of its services failing in a real Alertmanager):
 * - `topology_view_ms`: navigation to `?view=topology` until the graph's canvas has painted nodes;
 * - `topology_pan_long_tasks`: long tasks (> 50 ms) while a person drags the graph around.
 * Page scripts are strings: this project's Node tsconfig has no DOM types.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startAlertmanager } from '../support/alertmanager.js';
import type { PostableAlert } from '../support/alertmanager.js';
import { waitFor } from '../support/processes.js';
import {
  buildRenderer,
  launchChromium,
  newPage,
  startServeProcess,
  waitForPolled,
  withTimeout,
} from './browser-support.js';
import { alertmanagerSource, median } from './support.js';
import type { BenchContext } from './support.js';

const SERVICES = 500;
const TEAMS = 10;
const FAILING = 50;

const serviceName = (index: number) => `svc-${String(index).padStart(3, '0')}`;

/**
 * Descriptors for a layered estate: 500 components in 10 systems owned by 10 teams, each depending
 * on one to three services further down (a DAG, ~1 000 edges), seeded so every run draws the same graph.
 */
function catalogYaml(): string {
  const documents: string[] = [];
  for (let team = 0; team < TEAMS; team++) {
    documents.push(
      `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-${team}\nspec:\n  type: team\n  children: []`,
      `apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: system-${team}\nspec:\n  owner: team-${team}`,
    );
  }
  let seed = 7;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  for (let index = 0; index < SERVICES; index++) {
    const below = SERVICES - 1 - index;
    const count = below === 0 ? 0 : Math.min(below, 1 + Math.floor(next() * 3));
    const depends = new Set<string>();
    for (let dep = 0; dep < count; dep++) {
      depends.add(serviceName(index + 1 + Math.floor(next() * Math.min(below, 40))));
    }
    documents.push(
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata:',
        `  name: ${serviceName(index)}`,
        'spec:',
        '  type: service',
        '  lifecycle: production',
        `  owner: team-${index % TEAMS}`,
        `  system: system-${index % TEAMS}`,
        ...(depends.size > 0 ? ['  dependsOn:', ...[...depends].map((ref) => `    - component:${ref}`)] : []),
      ].join('\n'),
    );
  }
  return `---\n${documents.join('\n---\n')}\n`;
}

/** Failing services spread over the graph, some with several alerts. */
function failingAlerts(): PostableAlert[] {
  const alerts: PostableAlert[] = [];
  for (let n = 0; n < FAILING; n++) {
    const service = serviceName((n * 97) % SERVICES);
    for (let rule = 0; rule <= n % 3; rule++) {
      alerts.push({
        labels: { alertname: `Rule${rule}`, service, severity: n % 4 === 0 ? 'critical' : 'warning' },
      });
    }
  }
  return alerts;
}

/**
 * Resolves with `Date.now()` at the first animation frame whose graph canvas has drawn pixels (the
 * canvas exists from the chart's init, before ECharts draws on it). Installed before navigation.
 */
const PAINTED_STAMP = `new Promise((resolve) => {
  const probe = document.createElement('canvas');
  probe.width = 64;
  probe.height = 36;
  const context = probe.getContext('2d', { willReadFrequently: true });
  const check = () => {
    const canvas = document.querySelector('.topology-chart canvas');
    if (canvas && canvas.width > 0 && canvas.height > 0) {
      context.clearRect(0, 0, 64, 36);
      context.drawImage(canvas, 0, 0, 64, 36);
      const pixels = context.getImageData(0, 0, 64, 36).data;
      for (let at = 3; at < pixels.length; at += 4) if (pixels[at] > 0) return resolve(Date.now());
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})`;

const OBSERVE_LONG_TASKS = `(() => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
  }).observe({ type: 'longtask' });
})()`;

/** The topology view benchmark (part of the topology group). */
export async function topologyView(ctx: BenchContext): Promise<void> {
  buildRenderer(ctx);
  const dir = ctx.tempDir('topology-view');
  mkdirSync(join(dir, 'catalog'));
  writeFileSync(join(dir, 'catalog', 'catalog-info.yaml'), catalogYaml());
  const am = await startAlertmanager();
  ctx.onCleanup(() => am.dispose());
  const alerts = failingAlerts();
  await am.postAlerts(alerts);
  const configFile = join(dir, 'cockpit.yaml');
  writeFileSync(
    configFile,
    JSON.stringify({
      sources: [
        alertmanagerSource(am.url, { interval: '1h' }),
        { id: 'bench-catalog', kind: 'catalog-files', path: './catalog', interval: '1h' },
      ],
    }),
  );
  const serve = await startServeProcess(ctx, [
    '--config',
    configFile,
    '--data-dir',
    ctx.tempDir('topology-data'),
  ]);
  await waitForPolled(serve.url, alerts.length);
  const graph = await waitFor(
    async () => {
      const view = (await (await fetch(`${serve.url}/api/topology`)).json()) as {
        nodes: { health: string }[];
        edges: unknown[];
      };
      const failing = view.nodes.filter((node) => node.health !== 'ok').length;
      return view.nodes.length >= SERVICES && failing >= FAILING
        ? { nodes: view.nodes.length, edges: view.edges.length, failing }
        : undefined;
    },
    `the cockpit to read the ${SERVICES}-service catalog`,
    60_000,
  );
  ctx.log(`topology view: ${graph.nodes} nodes, ${graph.edges} edges, ${graph.failing} failing`);

  const chromium = await launchChromium(ctx);
  const reps = ctx.quick ? 3 : 7;
  const paints: number[] = [];
  const longTasks: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    // A fresh page each time: the lazy ECharts chunk and the layout are part of what a wall pays.
    const page = await newPage(chromium);
    try {
      await page.addInitScript(`window.__painted = ${PAINTED_STAMP};`);
      const startedAt = Date.now();
      await page.goto(`${serve.url}/?view=topology`);
      const paintedAt = await withTimeout(page.evaluate<number>('window.__painted'), 60_000, 'the graph');
      paints.push(paintedAt - startedAt);
      if (rep === reps - 1) {
        // Pan: three drags across the graph, one mouse move per frame, as a hand would.
        await page.evaluate(OBSERVE_LONG_TASKS);
        const box = await page.locator('.topology-chart').boundingBox();
        if (!box) throw new Error('the graph has no box on the page');
        const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
        for (const [dx, dy] of [
          [300, 0],
          [-300, 200],
          [0, -200],
        ] as const) {
          await page.mouse.move(centre.x, centre.y);
          await page.mouse.down();
          await page.mouse.move(centre.x + dx, centre.y + dy, { steps: 40 });
          await page.mouse.up();
        }
        await page.evaluate('new Promise((resolve) => setTimeout(resolve, 200))');
        longTasks.push(...(await page.evaluate<number[]>('window.__longTasks')));
      }
    } finally {
      await page.close();
    }
  }
  ctx.log(
    `  first paint per run: ${paints.join(', ')} ms; long tasks while panning: [${longTasks.join(', ')}]`,
  );
  ctx.record('topology_view_ms', median(paints), 'ms');
  ctx.record('topology_pan_long_tasks', longTasks.length, 'count');
}
