import { createHash } from 'node:crypto';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { RunbookDocument, RunbookFormat, RunbookOrigin, RunbookStep } from '../../domain/index.js';
import type { Rendered } from './render.js';

/** The id of a runbook: stable for its location, safe in a URL. */
export function runbookId(source: RunbookOrigin, location: string): string {
  return `${source === 'folder' ? 'f' : 'u'}-${createHash('sha256').update(location).digest('hex').slice(0, 20)}`;
}

/** A content revision when there is no git commit or ETag. */
export function contentRevision(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
}

/** What front matter may say (the fields). */
export type FrontMatter = Readonly<{
  title?: string;
  services: string[];
  alerts: string[];
  owner?: string;
  lastDrill?: string;
  reviewBy?: string;
  steps?: RunbookStep[];
}>;

export class FrontMatterError extends Error {}

const names = (value: unknown): string[] =>
  (Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [])
    .filter((one): one is string | number => typeof one === 'string' || typeof one === 'number')
    .map((one) => String(one).trim())
    .filter(Boolean)
    .slice(0, 100);

function date(value: unknown): string | undefined {
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const ms = Date.parse(String(value));
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

const text = (value: unknown) =>
  typeof value === 'string' && value.trim() ? value.trim().slice(0, 500) : undefined;

/** Minutes from `5m`, `5 min`, `5 分钟`, `1h` or a number. */
export function minutesOf(value: unknown): number | undefined {
  if (typeof value === 'number' && value > 0) return value;
  if (typeof value !== 'string') return undefined;
  const match = /(\d+(?:\.\d+)?)\s*(h|hours?|小时|m|min|mins|minutes?|分钟|分)?/i.exec(value);
  if (!match) return undefined;
  const amount = Number(match[1]);
  return /^(h|hour|hours|小时)$/i.test(match[2] ?? '') ? amount * 60 : amount;
}

function stepsOf(value: unknown): RunbookStep[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const steps = value.flatMap((item): RunbookStep[] => {
    if (typeof item === 'string') return [{ title: item.slice(0, 500) }];
    if (!item || typeof item !== 'object') return [];
    const fields = item as Record<string, unknown>;
    const title = text(fields.title ?? fields.name ?? fields.step);
    if (!title) return [];
    const durationMinutes = minutesOf(fields.duration ?? fields.expected);
    const check = text(fields.check ?? fields.verify);
    const rollback = text(fields.rollback);
    return [
      {
        title,
        ...(durationMinutes === undefined ? {} : { durationMinutes }),
        ...(check ? { check } : {}),
        ...(rollback ? { rollback } : {}),
      },
    ];
  });
  return steps.length > 0 ? steps.slice(0, 200) : undefined;
}

/** Splits `---` YAML front matter from a markdown file; throws FrontMatterError when it is not YAML. */
export function splitFrontMatter(source: string): Readonly<{ front: FrontMatter; body: string }> {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)\r?\n?/.exec(source);
  if (!match) return { front: { services: [], alerts: [] }, body: source };
  let data: unknown;
  try {
    data = parseYaml(match[1] ?? '', { maxAliasCount: 50 });
  } catch (error) {
    const where =
      error instanceof YAMLParseError && error.linePos ? ` at line ${error.linePos[0].line + 1}` : '';
    throw new FrontMatterError(
      `its front matter is not YAML${where} (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); fix the block between the --- lines`,
    );
  }
  if (data !== null && (typeof data !== 'object' || Array.isArray(data))) {
    throw new FrontMatterError(
      'its front matter is not a YAML mapping; write key: value lines such as title: Disk full',
    );
  }
  const fields = (data ?? {}) as Record<string, unknown>;
  const title = text(fields.title);
  const owner = text(fields.owner);
  const lastDrill = date(fields.last_drill ?? fields.lastDrill);
  const reviewBy = date(fields.review_by ?? fields.reviewBy);
  const steps = stepsOf(fields.steps);
  return {
    front: {
      services: names(fields.services ?? fields.service),
      alerts: names(fields.alerts ?? fields.alert),
      ...(title ? { title } : {}),
      ...(owner ? { owner } : {}),
      ...(lastDrill ? { lastDrill } : {}),
      ...(reviewBy ? { reviewBy } : {}),
      ...(steps ? { steps } : {}),
    },
    body: source.slice(match[0].length),
  };
}

const STEPS_HEADING = /^#{1,4}\s*(steps|procedure|处置步骤|操作步骤|处理步骤|步骤)\s*[:：]?\s*$/i;
const NUMBERED = /^\s{0,3}\d+[.)、]\s+(.+)$/;
const CHECK = /^\s*[-*]\s*(check|verify|success|检查|验证|成功标准)\s*[:：]\s*(.+)$/i;
const ROLLBACK = /^\s*[-*]\s*(rollback|回滚)\s*[:：]\s*(.+)$/i;
const DURATION = /\s*[(（]\s*(\d+(?:\.\d+)?\s*(?:h|m|min|mins|minutes?|分钟|分|小时))\s*[)）]\s*$/i;

/** Steps of the structured body form: a "Steps"/"步骤" heading, then a numbered list with check/rollback bullets. */
export function stepsInBody(body: string): RunbookStep[] | undefined {
  const lines = body.split(/\r?\n/);
  const start = lines.findIndex((line) => STEPS_HEADING.test(line));
  if (start < 0) return undefined;
  const steps: { title: string; durationMinutes?: number; check?: string; rollback?: string }[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^#{1,4}\s/.test(line)) break;
    const numbered = NUMBERED.exec(line);
    if (numbered) {
      const raw = (numbered[1] ?? '').trim();
      const duration = DURATION.exec(raw);
      const minutes = duration ? minutesOf(duration[1]) : undefined;
      steps.push({
        title: (duration ? raw.slice(0, duration.index) : raw).replaceAll('`', '').slice(0, 500),
        ...(minutes === undefined ? {} : { durationMinutes: minutes }),
      });
      continue;
    }
    const last = steps.at(-1);
    if (!last) continue;
    const check = CHECK.exec(line);
    if (check) last.check = (check[2] ?? '').trim().slice(0, 500);
    const rollback = ROLLBACK.exec(line);
    if (rollback) last.rollback = (rollback[2] ?? '').trim().slice(0, 500);
  }
  return steps.length > 0 ? steps.slice(0, 200) : undefined;
}

/** The first `# heading` of a markdown body. */
export function firstHeading(body: string): string | undefined {
  return /^#\s+(.+)$/m.exec(body)?.[1]?.trim().slice(0, 500);
}

/** A runbook document from its parts. */
export function documentOf(
  parts: Readonly<{
    source: RunbookOrigin;
    location: string;
    format: RunbookFormat;
    body: string;
    front: FrontMatter;
    rendered: Rendered;
    fallbackTitle: string;
    revision: string;
    fetchedAt: string;
    updatedAt: string;
    etag?: string;
    lastModified?: string;
  }>,
): RunbookDocument {
  const { front, rendered } = parts;
  const steps = front.steps ?? (parts.format === 'markdown' ? stepsInBody(parts.body) : undefined);
  return {
    id: runbookId(parts.source, parts.location),
    title:
      front.title ??
      (parts.format === 'markdown' ? firstHeading(parts.body) : undefined) ??
      parts.fallbackTitle,
    body: parts.body,
    format: parts.format,
    source: parts.source,
    location: parts.location,
    revision: parts.revision,
    fetchedAt: parts.fetchedAt,
    updatedAt: parts.updatedAt,
    services: front.services,
    alerts: front.alerts,
    html: rendered.html,
    toc: rendered.toc,
    plain: rendered.plain,
    ...(front.owner ? { owner: front.owner } : {}),
    ...(front.lastDrill ? { lastDrill: front.lastDrill } : {}),
    ...(front.reviewBy ? { reviewBy: front.reviewBy } : {}),
    ...(steps ? { steps } : {}),
    ...(parts.etag ? { etag: parts.etag } : {}),
    ...(parts.lastModified ? { lastModified: parts.lastModified } : {}),
  };
}
