/**
 * The runbook vault: search over 10 000 runbooks in Chinese and English (p95 of the api's answer,
 * snippets included), and opening one (the api's answer from the cache, offline).
 */
import { createRunbookHandlers } from '../../src/api/impl/runbooks.js';
import { openCache } from '../../src/cache/index.js';
import { documentOf } from '../../src/connectors/runbooks/document.js';
import { renderMarkdown } from '../../src/connectors/runbooks/render.js';
import type { RunbookDocument, SourceStatus } from '../../src/domain/index.js';
import { systemClock } from '../../src/domain/index.js';
import { silentLogger } from '../../src/logger.js';
import { makeTempDir, percentile } from './support.js';
import type { BenchContext } from './support.js';

const NOW = Date.parse('2026-12-02T06:00:00Z');
const ZH = [
  '磁盘已满',
  '数据库主从延迟',
  '支付回滚',
  '登录降级',
  '消息积压',
  '证书过期',
  '网关超时',
  '缓存雪崩',
];
const EN = [
  'disk full',
  'replication lag',
  'rollback payments',
  'degrade login',
  'consumer lag',
  'certificate expiry',
  'gateway timeout',
  'cache stampede',
];
const QUERIES = [
  '磁盘',
  '磁盘 已满',
  '回滚',
  '支付回滚',
  'disk full',
  'rollback payments',
  'kafka',
  '网关 超时',
];

function runbookAt(index: number): RunbookDocument {
  const topic = index % ZH.length;
  const zh = index % 2 === 0;
  const title = zh ? `${ZH[topic]}处理预案 ${index}` : `${EN[topic]} runbook ${index}`;
  const body = `# ${title}\n\n${zh ? `当 svc-${index % 300} 出现${ZH[topic]}时启用。` : `Use when svc-${index % 300} shows ${EN[topic]}.`}\n\n## ${zh ? '处置步骤' : 'Steps'}\n\n1. ${zh ? '确认告警（2 分钟）' : 'Confirm the alert (2 min)'}\n2. ${zh ? `止血：${ZH[(topic + 1) % ZH.length]}预案（10 分钟）` : `Mitigate like ${EN[(topic + 1) % EN.length]} (10 min)`}\n3. kafka ${index % 7 === 0 ? 'consumer' : 'producer'} check\n\n${'Lorem ipsum dolor sit amet, 预案正文 text. '.repeat(20)}\n`;
  return documentOf({
    source: 'folder',
    location: `/runbooks/${index}.md`,
    format: 'markdown',
    body,
    front: {
      services: [`svc-${index % 300}`],
      alerts: [],
      owner: `team-${index % 12}`,
      lastDrill: new Date(NOW - (index % 300) * 86_400_000).toISOString(),
    },
    rendered: renderMarkdown(body),
    fallbackTitle: String(index),
    revision: `sha256:${index}`,
    fetchedAt: new Date(NOW).toISOString(),
    updatedAt: new Date(NOW).toISOString(),
  });
}

/** The runbooks group. */
export async function runRunbooks(ctx: BenchContext): Promise<void> {
  const temp = makeTempDir('cockpit-bench-runbooks-');
  const { cache } = openCache(temp.dir, { logger: silentLogger });
  try {
    const status: SourceStatus = { sourceId: 'runbooks', state: 'ok', consecutiveFailures: 0, itemCount: 0 };
    const documents = Array.from({ length: 10_000 }, (_, index) => runbookAt(index));
    const started = performance.now();
    cache.applyPoll(status, { runbooks: { sourceId: 'runbooks', documents, confirmed: [], failed: [] } });
    ctx.log(`indexed 10 000 runbooks (zh + en) in ${Math.round(performance.now() - started)} ms`);
    const api = createRunbookHandlers({
      runbooks: cache.runbooks,
      alerts: { getAlert: () => undefined },
      clock: { ...systemClock, now: () => NOW },
    });
    const reps = ctx.quick ? 10 : 50;
    const search: number[] = [];
    for (let rep = 0; rep < reps + 2; rep += 1) {
      for (const q of QUERIES) {
        const start = performance.now();
        const found = await api.listRunbooks({ q, limit: 50, offset: 0 });
        if (rep >= 2) search.push(performance.now() - start);
        if (rep === 0 && (found.total === 0 || found.items.length === 0))
          throw new Error(`bench: "${q}" found nothing`);
      }
    }
    ctx.record('runbook_search_ms', percentile(search, 95), 'ms');
    for (const q of QUERIES) {
      const times: number[] = [];
      let total = 0;
      for (let rep = 0; rep < 10; rep += 1) {
        const start = performance.now();
        total = (await api.listRunbooks({ q, limit: 50, offset: 0 })).total;
        times.push(performance.now() - start);
      }
      ctx.log(`"${q}": ${total} matches, p95 ${percentile(times, 95).toFixed(1)} ms`);
    }
    const open: number[] = [];
    for (let rep = 0; rep < reps * 4; rep += 1) {
      const id = documents[(rep * 37) % documents.length]!.id;
      const start = performance.now();
      // What a click costs in the core: read, shelf life, revisions, and the JSON the host sends.
      JSON.stringify(await api.getRunbook({ id }));
      open.push(performance.now() - start);
    }
    ctx.record('runbook_open_ms', percentile(open, 95), 'ms');
  } finally {
    cache.close();
    temp.cleanup();
  }
}
