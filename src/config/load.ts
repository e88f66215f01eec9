import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { z } from 'zod';
import { CONFIGURED_SOURCE_KINDS as SOURCE_KINDS } from '../domain/index.js';
import { exposureProblem } from './exposure.js';
import { knownKeysAt } from './known-keys.js';
import { closestWord, configErrorMap } from './messages.js';
import type { ConfigProblem } from './problems.js';
import { ConfigError } from './problems.js';
import { readYaml } from './read-yaml.js';
import { configFileSchema, fieldsOfKind, normalizeConfig } from './schema.js';
import type { CockpitConfig } from './schema.js';
import { resolveSloSettings } from './slo/resolve.js';
import { formatKey, locate } from './yaml-locate.js';
import type { Path } from './yaml-locate.js';

export { ConfigError, formatProblem } from './problems.js';
export type { ConfigProblem } from './problems.js';

const ENV_REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Replaces `${NAME}` in every string value; collects the names that are not set. */
function substituteEnv(
  value: unknown,
  env: NodeJS.ProcessEnv,
  path: PropertyKey[],
  missing: { path: Path; name: string }[],
  keepReference: boolean,
): unknown {
  if (typeof value === 'string') {
    return value.replace(ENV_REFERENCE, (reference, name: string) => {
      const resolved = env[name];
      if (resolved === undefined) {
        missing.push({ path: [...path], name });
        // check-config goes on as if it were set: the reference stands in for the value.
        return keepReference ? reference : '';
      }
      return resolved;
    });
  }
  if (Array.isArray(value))
    return value.map((item, index) => substituteEnv(item, env, [...path, index], missing, keepReference));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        substituteEnv(item, env, [...path, key], missing, keepReference),
      ]),
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

function describeUnknownKey(path: Path, key: string, raw: unknown): string {
  const isSource = path.length === 2 && path[0] === 'sources';
  const elsewhere = isSource ? otherKindsWith([key], valueAt(raw, [...path, 'kind'])) : undefined;
  if (elsewhere) return elsewhere;
  const meant = closestWord(key, knownKeysAt(configFileSchema, path, raw));
  return meant
    ? `unknown key "${key}"; did you mean "${meant}"?`
    : `unknown key "${key}"; check the spelling against assets/cockpit.example.yaml`;
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  if (issue.code === 'invalid_union' && issue.discriminator === 'kind') {
    // A source whose kind no connector has (the union of the kinds' schemas picks by kind).
    const kind = valueAt(raw, issue.path);
    return kind === undefined
      ? `is required; write one of ${quotedKinds}`
      : `is ${JSON.stringify(kind)}; write one of ${quotedKinds}`;
  }
  if (issue.code === 'invalid_union' && issue.path[0] === 'freezes') {
    // A freeze is a date range or a weekly rule: explain the problem of the one it looks like.
    const freeze = valueAt(raw, issue.path);
    const branch = freeze !== null && typeof freeze === 'object' && 'weekly' in freeze ? 1 : 0;
    const inner = issue.errors[branch]?.[0];
    if (!inner) return issue.message;
    const where = inner.path.length > 0 ? `${inner.path.join('.')}: ` : '';
    return `${where}${describeIssue(inner, freeze)}`;
  }
  if (issue.code === 'invalid_union' && issue.path.at(-1) === 'auth')
    return 'has the wrong shape; write it as { bearer: "…" }, { basic: { username, password } } or { header: { name, value } }';
  // Wrong types and ranges are worded by `expecting` on the field or by `configErrorMap`.
  return issue.message;
}

/** What checking a config found: the config when it can be used, and every problem and warning. */
export type ConfigCheck = Readonly<{
  config?: CockpitConfig;
  problems: readonly ConfigProblem[];
  warnings: readonly ConfigProblem[];
}>;

function inFileOrder(problems: readonly ConfigProblem[]): ConfigProblem[] {
  return [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

function check(text: string, file: string, env: NodeJS.ProcessEnv, unset: 'warn' | 'error'): ConfigCheck {
  const { doc, lines, problems, usable } = readYaml(text, file);
  if (!usable) return { problems: inFileOrder(problems), warnings: [] };
  const at = (path: Path, unknownKey?: string) => locate(doc, lines, path, unknownKey);

  const missing: { path: Path; name: string }[] = [];
  const raw = substituteEnv(doc.toJS() ?? {}, env, [], missing, unset === 'warn');
  const unsetProblems: ConfigProblem[] = missing.map(({ path, name }) => ({
    file,
    ...at(path),
    key: formatKey(path),
    message: `the environment variable ${name} is not set; export ${name}=… before starting the cockpit`,
  }));
  const warnings = unset === 'warn' ? unsetProblems : [];
  if (unset === 'error') problems.push(...unsetProblems);
  // An unset variable already explains why its value is empty or odd.
  const missingPaths = new Set(missing.map(({ path }) => formatKey(path)));

  const parsed = configFileSchema.safeParse(raw, { error: configErrorMap });
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    if (missingPaths.has(formatKey(issue.path))) continue;
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    for (const key of keys) {
      problems.push({
        file,
        ...at(issue.path, key),
        key: formatKey(issue.path) || undefined,
        message: key === undefined ? describeIssue(issue, raw) : describeUnknownKey(issue.path, key, raw),
      });
    }
  }
  const base = dirname(resolve(file));
  const caFiles = readCaFiles(raw, base, file, at);
  problems.push(...duplicateIds(raw, file, at), ...exposure(raw, file, at, problems), ...caFiles.problems);
  if (!parsed.success || problems.length > 0) return { problems: inFileOrder(problems), warnings };

  const config = normalizeConfig(parsed.data, file);
  const sources = config.sources.map((configured, index) => {
    // A calendar file (kind: ical) is relative to the config file, like caFile.
    const source =
      configured.kind === 'ical' && configured.file
        ? { ...configured, file: resolve(base, configured.file) }
        : configured.kind === 'catalog-files'
          ? { ...configured, path: resolve(base, configured.path) }
          : configured;
    const read = caFiles.read.get(index);
    return read ? { ...source, tls: { ...source.tls, caFile: read.path, ca: read.ca } } : source;
  });
  let slo: CockpitConfig['slo'];
  if (parsed.data.slo) {
    const resolved = resolveSloSettings(parsed.data.slo, sources, {
      configFile: file,
      baseDir: base,
      doc,
      lines,
    });
    if (resolved.fatal.length > 0) return { problems: inFileOrder(resolved.fatal), warnings };
    slo = resolved.settings;
  }
  const dataDir = config.dataDir ? resolve(base, config.dataDir) : undefined;
  const tls = config.server.tls;
  const server = {
    ...config.server,
    ...(tls ? { tls: { cert: resolve(base, tls.cert), key: resolve(base, tls.key) } } : {}),
  };
  return { config: { ...config, slo, dataDir, sources, server }, problems: [], warnings };
}

/** Reads each source's `tls.caFile` (relative to the config), so a missing one is reported with the rest. */
function readCaFiles(raw: unknown, base: string, file: string, at: Locate) {
  const read = new Map<number, { path: string; ca: string }>();
  const problems: ConfigProblem[] = [];
  const sources = valueAt(raw, ['sources']);
  (Array.isArray(sources) ? sources : []).forEach((source: unknown, index) => {
    const caFile = valueAt(source, ['tls', 'caFile']);
    if (typeof caFile !== 'string' || caFile === '') return;
    const path = resolve(base, caFile);
    try {
      read.set(index, { path, ca: readFileSync(path, 'utf8') });
    } catch (error) {
      problems.push({
        file,
        ...at(['sources', index, 'tls', 'caFile']),
        key: `sources[${index}].tls.caFile`,
        message: `cannot read the CA file ${path} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}); fix the path or remove caFile`,
      });
    }
  });
  return { read, problems };
}

type Locate = (path: Path, unknownKey?: string) => { line?: number; column?: number };

/** Sources that share an id, read from the file itself so they show up with every other problem. */
function duplicateIds(raw: unknown, file: string, at: Locate): ConfigProblem[] {
  const sources = valueAt(raw, ['sources']);
  if (!Array.isArray(sources)) return [];
  const seen = new Map<string, number>();
  const problems: ConfigProblem[] = [];
  sources.forEach((source: unknown, index) => {
    const id = valueAt(source, ['id']);
    if (typeof id !== 'string') return;
    const first = seen.get(id);
    if (first === undefined) seen.set(id, index);
    else
      problems.push({
        file,
        ...at(['sources', index, 'id']),
        key: `sources[${index}].id`,
        message: `"${id}" is already the id of sources[${first}]; every source needs its own id`,
      });
  });
  return problems;
}

/** The headless host's rule for binding beyond loopback, the same one `serve` applies. */
function exposure(raw: unknown, file: string, at: Locate, found: readonly ConfigProblem[]): ConfigProblem[] {
  const host = valueAt(raw, ['server', 'host']);
  const token = valueAt(raw, ['server', 'token']);
  const tokens = valueAt(raw, ['server', 'tokens']);
  if (typeof host !== 'string' || found.some((problem) => problem.key?.startsWith('server.'))) return [];
  // Any configured token (the one operator token, or the role list) protects an exposed host.
  const anyToken =
    typeof token === 'string' ? token : Array.isArray(tokens) && tokens.length > 0 ? 'tokens' : undefined;
  const message = exposureProblem(host, anyToken);
  return message ? [{ file, ...at(['server', 'host']), key: 'server.host', message }] : [];
}

/**
 * Checks config text for `check-config`: every problem in file order, and unset `${VAR}`s as
 * warnings (the rest is checked as if they were set). `config` is there when nothing is wrong.
 */
export function checkConfigText(
  text: string,
  file: string,
  env: NodeJS.ProcessEnv = process.env,
): ConfigCheck {
  return check(text, file, env, 'warn');
}

/** Parses and validates config text. `file` is only used in messages and to resolve relative paths. */
export function parseConfig(text: string, file: string, env: NodeJS.ProcessEnv = process.env): CockpitConfig {
  const result = check(text, file, env, 'error');
  if (!result.config) throw new ConfigError(result.problems);
  return result.config;
}

function readConfigText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
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
}

/** Reads and checks a config file for `check-config`; throws ConfigError only when it cannot be read. */
export function checkConfigFile(file: string, env: NodeJS.ProcessEnv = process.env): ConfigCheck {
  return checkConfigText(readConfigText(file), file, env);
}

/** Reads, parses and validates a config file. Throws ConfigError naming the file and line. */
export function loadConfigFile(file: string, env: NodeJS.ProcessEnv = process.env): CockpitConfig {
  return parseConfig(readConfigText(file), file, env);
}
