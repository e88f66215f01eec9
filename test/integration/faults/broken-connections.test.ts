import { describe, expect, it } from 'vitest';
import { failurePrefix, useFaultScenarios } from './two-sources.js';

const MB = 1024 * 1024;
const suite = useFaultScenarios();

const scenario = suite.scenario;

/** Samples this process's resident memory until stopped; returns the peak growth over the start. */
function watchMemory(): () => number {
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  return () => {
    clearInterval(sampler);
    return Math.max(peak, process.memoryUsage.rss()) - baseline;
  };
}

describe('a source whose connection breaks goes stale within its deadline while the other keeps updating', () => {
  it('a connection reset before any answer', async () => {
    const { faulty, breakWith, recover } = await scenario();
    const { what } = failurePrefix(faulty.origin);

    const { lastError } = await breakWith({ kind: 'reset', when: 'before-answer' });

    expect(lastError).toMatch(
      new RegExp(
        `${what} failed: 127\\.0\\.0\\.1:${faulty.port} closed the connection before it answered \\(ECONNRESET\\)$`,
      ),
    );
    await recover();
  });

  it('a connection reset in the middle of the body', async () => {
    const { faulty, breakWith, recover } = await scenario();
    const { what } = failurePrefix(faulty.origin);

    const { lastError } = await breakWith({ kind: 'reset', when: 'mid-body' });

    expect(lastError).toMatch(
      new RegExp(
        `${what} failed: 127\\.0\\.0\\.1:${faulty.port} closed the connection while the response body was arriving \\(ECONNRESET\\)$`,
      ),
    );
    await recover();
  });

  it('a server that accepts the request and never answers', async () => {
    const { faulty, breakWith, recover } = await scenario({ timeout: '2s' });
    const { what } = failurePrefix(faulty.origin);

    const { lastError } = await breakWith({ kind: 'hang' }, { stalls: true });

    expect(lastError).toMatch(
      new RegExp(
        `${what} timed out after 2 s while waiting for the response headers \\(timeout: 2s for this source in the config\\)$`,
      ),
    );
    await recover();
  });

  it('headers, then a body that drips one byte a second', async () => {
    const { faulty, breakWith, recover } = await scenario({ timeout: '2s' });
    const { what } = failurePrefix(faulty.origin);

    const { lastError } = await breakWith({ kind: 'drip', intervalMs: 1000 }, { stalls: true });

    expect(lastError).toMatch(
      new RegExp(
        `${what} timed out after 2 s while reading the response body \\(timeout: 2s for this source in the config\\)$`,
      ),
    );
    await recover();
  });

  it('a 300 MB streamed body is cut off at the byte cap without holding it in memory', async () => {
    const { faulty, breakWith, recover } = await scenario({ maxResponseSize: '1MB', timeout: '2s' });
    const { what } = failurePrefix(faulty.origin);
    const memoryGrowth = watchMemory();

    const { lastError } = await breakWith({ kind: 'huge', bytes: 300 * MB, declareLength: false });

    const grewBy = memoryGrowth();
    expect(lastError).toMatch(
      new RegExp(`${what} failed: the response body is larger than the limit of 1048576 bytes$`),
    );
    // The server only produces what the socket takes: a cap plus socket buffers, far from 300 MB.
    expect(faulty.hugeBytesSent()).toBeGreaterThan(MB);
    expect(faulty.hugeBytesSent()).toBeLessThan(32 * MB);
    expect(grewBy).toBeLessThan(128 * MB);
    await recover();
  });

  it('a 300 MB body announced by content-length is refused before it is read', async () => {
    const { faulty, breakWith, recover } = await scenario({ maxResponseSize: '1MB', timeout: '2s' });
    const { what } = failurePrefix(faulty.origin);

    const { lastError } = await breakWith({ kind: 'huge', bytes: 300 * MB, declareLength: true });

    expect(lastError).toMatch(
      new RegExp(
        `${what} failed: the response body \\(content-length ${300 * MB}\\) is larger than the limit of 1048576 bytes$`,
      ),
    );
    expect(faulty.hugeBytesSent()).toBeLessThan(32 * MB);
    await recover();
  });
});
