import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startChild, waitFor } from './processes.js';
import type { Child } from './processes.js';

const ROOT = join(import.meta.dirname, '..', '..');

export type ServeProcess = Readonly<{ url: string; child: Child; stop(): Promise<void> }>;

/** Runs `oncall-cockpit serve` as its own process (as a user would) and waits for its URL. */
export async function startServe(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  options: Readonly<{ built?: boolean }> = {},
): Promise<ServeProcess> {
  // From source through tsx (tests), or the bundle `npm run serve` builds and runs (benchmarks).
  const entry = options.built
    ? [builtServeEntry()]
    : ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts')];
  const child = startChild(process.execPath, [...entry, 'serve', '--port', '0', ...args], {
    ...process.env,
    ...env,
  });
  const url = await waitFor(
    () => /serving (https?:\/\/[^\s/]+)\//.exec(child.output())?.[1],
    'serve to print its URL',
    30_000,
    () => child.output(),
  );
  return { url, child, stop: () => child.stop() };
}

/** Reads an SSE stream until an event of `type` whose data `accept`s arrives; returns the data. */
export async function nextEvent(
  url: string,
  type: string,
  accept: (data: unknown) => boolean = () => true,
  timeoutMs = 15_000,
): Promise<unknown> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(url, {
      signal: controller.signal,
      headers: { accept: 'text/event-stream' },
    });
    if (!response.body) throw new Error('no event stream body');
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (event !== type || !data) continue;
        const parsed = JSON.parse(data) as unknown;
        if (accept(parsed)) return parsed;
      }
    }
    throw new Error(`the event stream ended before a "${type}" event`);
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

let built: string | undefined;

/** Builds out/serve once per process (as `npm run serve` does) and returns its entry. */
export function builtServeEntry(): string {
  if (built === undefined) {
    execFileSync(process.execPath, [join(ROOT, 'src', 'cli', 'build-serve.mjs')], { stdio: 'inherit' });
    built = join(ROOT, 'out', 'serve', 'main.js');
  }
  return built;
}
