/**
 * Child process: the demo estate's Alertmanager in scale mode (3 KB alerts, 1% churn per tick) on a
 * loopback port, with a clock the parent moves over IPC. It runs apart from the process under test so
 * that serializing 300 MB of JSON never shows up in that process's event loop or memory.
 *
 * Parent → child: `{ advanceTicks: n }`; child → parent: `{ url }` once listening, `{ ok: true }` after each
 * advance (the churned alerts are generated before the reply, so a poll pays only for serving them).
 */
import { createDemoSimulator, startDemoAlertmanager } from '../../src/demo/index.js';

export type DemoBackendMessage = Readonly<{ url: string }> | Readonly<{ ok: true }>;

const TICK_MS = 15_000;
const alerts = Number(process.argv[2] ?? '10000');
const seed = Number(process.argv[3] ?? '7');
// Start on a tick boundary near real time, so the cockpit's timeline and "for 12m" look believable.
let nowMs = Math.floor(Date.now() / TICK_MS) * TICK_MS;

const simulator = createDemoSimulator({
  seed,
  scale: alerts,
  churnRatio: 0.01,
  tickMs: TICK_MS,
  alertSizeBytes: 3000,
  now: () => nowMs,
});
simulator.alertsAt(nowMs);
const server = await startDemoAlertmanager({ simulator });

process.on('message', (message: { advanceTicks?: number }) => {
  nowMs += (message.advanceTicks ?? 1) * TICK_MS;
  simulator.alertsAt(nowMs);
  process.send?.({ ok: true } satisfies DemoBackendMessage);
});
process.on('disconnect', () => {
  void server.close().then(() => process.exit(0));
});
process.send?.({ url: server.url } satisfies DemoBackendMessage);
