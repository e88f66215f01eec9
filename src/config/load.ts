import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LineCounter, isMap, isPair, isScalar, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { z } from 'zod';
import { SOURCE_KINDS } from '../domain/index.js';
import { configFileSchema, fieldsOfKind, normalizeConfig } from './schema.js';
import type { CockpitConfig } from './schema.js';

/** One thing wrong with a config file: where it is and what to do about it. */
export type ConfigProblem = Readonly<{
  file: string;
  line?: number;
  column?: number;
  /** e.g. `sources[1].interval` */
  key?: string;
  message: string;
}>;

export function formatProblem(problem: ConfigProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  return problem.key ? `${where}: ${problem.key}: ${problem.message}` : `${where}: ${problem.message}`;
}

/** Thrown when a config file cannot be used; `message` lists every problem, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
  }
}

type Path = readonly PropertyKey[];

function formatKey(path: Path): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** Finds the line of a path in the document, walking up to the nearest node that exists. */
function locate(
  doc: Document,
  lines: LineCounter,
  path: Path,
  unknownKey?: string,
): { line?: number; column?: number } {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node: unknown = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (!node) continue;
    let offset: number | undefined;
    if (unknownKey !== undefined && depth === path.length && isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && item.key.value === unknownKey,
      );
      if (pair && isScalar(pair.key)) offset = pair.key.range?.[0];
    }
    if (offset === undefined && typeof node === 'object' && 'range' in node) {
      const range = (node as { range?: [number, number, number] | null }).range;
      offset = range?.[0];
    }
    if (offset !== undefined) {
      const position = lines.linePos(offset);
      return { line: position.line, column: position.col };
    }
  }
  return {};
}

const ENV_REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Replaces `${NAME}` in every string value; collects the names that are not set. */
function substituteEnv(
  value: unknown,
  env: NodeJS.ProcessEnv,
  path: PropertyKey[],
  missing: { path: Path; name: string }[],
): unknown {
  if (typeof value === 'string') {
    return value.replace(ENV_REFERENCE, (_match, name: string) => {
      const resolved = env[name];
      if (resolved === undefined) {
        missing.push({ path: [...path], name });
        return '';
      }
      return resolved;
    });
  }
  if (Array.isArray(value))
    return value.map((item, index) => substituteEnv(item, env, [...path, index], missing));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, substituteEnv(item, env, [...path, key], missing)]),
    );
  }
  return value;
}

const quotedKinds = SOURCE_KINDS.map((kind) => JSON.stringify(kind)).join(', ');

/** The value at `path` in the parsed YAML, or undefined. */
function valueAt(raw: unknown, path: Path): unknown {
  let value = raw;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

/**
 * For keys unknown to a source of one kind that another kind has (`demoAlerts` on a prometheus
 * source): which kinds take them, so the message can say to move the key or change the kind.
 */
function otherKindsWith(keys: readonly string[], kind: unknown): string | undefined {
  const owners = SOURCE_KINDS.filter(
    (other) => other !== kind && keys.every((key) => fieldsOfKind(other).includes(key)),
  );
  if (typeof kind !== 'string' || owners.length === 0) return undefined;
  const names = keys.map((key) => `"${key}"`).join(', ');
  const named = owners.map((owner) => `kind: ${owner}`);
  const where =
    named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named.at(-1) ?? ''}` : (named[0] ?? '');
  return `${names} ${keys.length > 1 ? 'are settings' : 'is a setting'} of ${where} sources, not of kind: ${kind}; remove ${keys.length > 1 ? 'them' : 'it'} here or change the kind`;
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  switch (issue.code) {
    case 'unrecognized_keys': {
      const isSource = issue.path.length === 2 && issue.path[0] === 'sources';
      const elsewhere = isSource
        ? otherKindsWith(issue.keys, valueAt(raw, [...issue.path, 'kind']))
        : undefined;
      return (
        elsewhere ??
        `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}; check the spelling against assets/cockpit.example.yaml`
      );
    }
    case 'invalid_type':
      // zod leaves `issue.input` out unless asked: look the value up in the file instead.
      return valueAt(raw, issue.path) === undefined
        ? `is required (${issue.expected})`
        : `must be ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'invalid_union':
      // A source whose kind no connector has (the union of the kinds' schemas picks by kind).
      if (issue.discriminator === 'kind') {
        return valueAt(raw, issue.path) === undefined
          ? `is required; write one of ${quotedKinds}`
          : `must be one of ${quotedKinds}`;
      }
      if (issue.path[0] === 'freezes') {
        // A freeze is a date range or a weekly rule: explain the problem of the one it looks like.
        const freeze = valueAt(raw, issue.path);
        const branch = freeze !== null && typeof freeze === 'object' && 'weekly' in freeze ? 1 : 0;
        const inner = issue.errors[branch]?.[0];
        if (!inner) return issue.message;
        const where = inner.path.length > 0 ? `${inner.path.join('.')}: ` : '';
        return `${where}${describeIssue(inner, freeze)}`;
      }
      return 'has the wrong shape; write it as { bearer: "…" }, { basic: { username, password } } or { header: { name, value } }';
    default:
      return issue.message;
  }
}

/** Parses and validates config text. `file` is only used in messages and to resolve relative paths. */
export function parseConfig(text: string, file: string, env: NodeJS.ProcessEnv = process.env): CockpitConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((error) => {
        const position = error.linePos?.[0] ?? lines.linePos(error.pos[0]);
        return {
          file,
          line: position?.line,
          column: position?.col,
          message: `this is not valid YAML: ${error.message.split('\n')[0] ?? error.code}`,
        };
      }),
    );
  }
  const missing: { path: Path; name: string }[] = [];
  const raw = substituteEnv(doc.toJS() ?? {}, env, [], missing);
  const problems: ConfigProblem[] = missing.map(({ path, name }) => ({
    file,
    ...locate(doc, lines, path),
    key: formatKey(path),
    message: `the environment variable ${name} is not set; export ${name}=… before starting the cockpit`,
  }));

  const parsed = configFileSchema.safeParse(raw);
  if (!parsed.success) {
    const missingPaths = new Set(missing.map(({ path }) => formatKey(path)));
    for (const issue of parsed.error.issues) {
      // An unset variable already explains why its value is empty.
      if (missingPaths.has(formatKey(issue.path))) continue;
      const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
      problems.push({
        file,
        ...locate(doc, lines, issue.path, unknownKey),
        key: formatKey(issue.path) || undefined,
        message: describeIssue(issue, raw),
      });
    }
    throw new ConfigError(problems);
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const seen = new Map<string, number>();
  parsed.data.sources.forEach((source, index) => {
    const first = seen.get(source.id);
    if (first !== undefined) {
      problems.push({
        file,
        ...locate(doc, lines, ['sources', index, 'id']),
        key: `sources[${index}].id`,
        message: `"${source.id}" is already the id of sources[${first}]; every source needs its own id`,
      });
    } else seen.set(source.id, index);
  });
  if (problems.length > 0) throw new ConfigError(problems);

  const config = normalizeConfig(parsed.data, file);
  const base = dirname(resolve(file));
  const sources = config.sources.map((source, index) => {
    // A calendar file (kind: ical) is relative to the config file, like caFile.
    if (source.kind === 'ical' && source.file) source = { ...source, file: resolve(base, source.file) };
    const caFile = source.tls.caFile;
    if (!caFile) return source;
    const path = resolve(base, caFile);
    try {
      return { ...source, tls: { ...source.tls, caFile: path, ca: readFileSync(path, 'utf8') } };
    } catch (error) {
      problems.push({
        file,
        ...locate(doc, lines, ['sources', index, 'tls', 'caFile']),
        key: `sources[${index}].tls.caFile`,
        message: `cannot read the CA file ${path} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}); fix the path or remove caFile`,
      });
      return source;
    }
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return { ...config, dataDir: config.dataDir ? resolve(base, config.dataDir) : undefined, sources };
}

/** Reads, parses and validates a config file. Throws ConfigError naming the file and line. */
export function loadConfigFile(file: string, env: NodeJS.ProcessEnv = process.env): CockpitConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError([
      {
        file,
        message:
          code === 'ENOENT'
            ? 'the file does not exist; copy assets/cockpit.example.yaml there or pass another --config'
            : `the file cannot be read (${code ?? 'unknown error'})`,
      },
    ]);
  }
  return parseConfig(text, file, env);
}
