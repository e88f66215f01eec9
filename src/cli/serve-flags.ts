import { parseArgs } from 'node:util';
import { closestWord } from '../config/messages.js';

/** What `serve` was asked to do, every flag checked. */
export type ServeFlags = Readonly<{
  config?: string;
  port?: number;
  host?: string;
  dataDir?: string;
  demoAlerts?: number;
  demoSeed?: number;
  demoInterval?: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  help: boolean;
}>;

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

type Flag = Readonly<{ name: string; value?: string; help: string }>;

/** Every flag `serve` takes, in the order `--help` lists them. */
export const SERVE_FLAGS: readonly Flag[] = [
  { name: 'config', value: 'FILE', help: 'the config file (without it: the built-in demo estate)' },
  {
    name: 'port',
    value: 'N',
    help: 'the port to listen on, 0–65535 (0: any free port); default server.port or 8080',
  },
  {
    name: 'host',
    value: 'ADDR',
    help: 'the address to listen on; default server.host or 127.0.0.1 (others need a token)',
  },
  {
    name: 'data-dir',
    value: 'DIR',
    help: 'where the cache lives; default dataDir: or the per-user data folder',
  },
  { name: 'demo-alerts', value: 'N', help: 'demo estate only: scale it to N alerts (0–1000000)' },
  { name: 'demo-seed', value: 'N', help: 'demo estate only: a whole number that makes it reproducible' },
  {
    name: 'demo-interval',
    value: 'SECONDS',
    help: 'demo estate only: how often it is polled, 1–3600 (default 5)',
  },
  { name: 'log-level', value: 'LEVEL', help: 'debug, info, warn or error (default info)' },
  { name: 'help', help: 'print this list' },
];

/** The flags as `--help` lists them, one a line. */
export function serveFlagsHelp(): string {
  return SERVE_FLAGS.map((flag) => {
    const left = `  --${flag.name}${flag.value ? ` ${flag.value}` : ''}`;
    return `${left.padEnd(26)} ${flag.help}`;
  }).join('\n');
}

export class FlagError extends Error {
  override name = 'FlagError';
}

function wholeNumber(flag: string, text: string, min: number, max: number, example: string): number {
  const value = /^-?\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = min === Number.MIN_SAFE_INTEGER ? '' : ` from ${min} to ${max}`;
    throw new FlagError(`--${flag} is "${text}"; write a whole number${range}, e.g. --${flag} ${example}`);
  }
  return value;
}

/** Parses `serve`'s arguments; throws FlagError with a sentence for anything it cannot use. */
export function parseServeFlags(args: readonly string[]): ServeFlags {
  const options = Object.fromEntries(
    SERVE_FLAGS.map((flag) => [flag.name, { type: flag.value ? ('string' as const) : ('boolean' as const) }]),
  );
  const { tokens } = parseArgs({
    args: [...args],
    options,
    strict: false,
    tokens: true,
    allowPositionals: true,
  });
  const values = new Map<string, string | true>();
  for (const token of tokens) {
    if (token.kind === 'positional') {
      throw new FlagError(
        `serve takes no argument "${token.value}"; flags start with --, e.g. --config ${token.value}`,
      );
    }
    if (token.kind !== 'option') continue;
    const flag = SERVE_FLAGS.find((candidate) => candidate.name === token.name);
    if (!flag) {
      const meant = closestWord(
        token.name,
        SERVE_FLAGS.map((candidate) => candidate.name),
      );
      throw new FlagError(
        `serve has no flag ${token.rawName}${meant ? `; did you mean --${meant}?` : ''} (oncall-cockpit serve --help lists them)`,
      );
    }
    // `--config --port 1` would take "--port" as the file: a value never starts with --.
    const swallowed = token.inlineValue === false && token.value?.startsWith('--') === true;
    if (flag.value && (token.value === undefined || token.value === '' || swallowed)) {
      throw new FlagError(`--${flag.name} needs a value: --${flag.name} ${flag.value}`);
    }
    if (!flag.value && token.value !== undefined) {
      throw new FlagError(`--${flag.name} takes no value`);
    }
    if (values.has(flag.name)) throw new FlagError(`--${flag.name} is given twice; keep one`);
    values.set(flag.name, token.value ?? true);
  }
  const text = (name: string) => {
    const value = values.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  const logLevel = text('log-level') ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new FlagError(`--log-level is "${logLevel}"; write one of ${LOG_LEVELS.join(', ')}`);
  }
  const config = text('config');
  const demoFlags = ['demo-alerts', 'demo-seed', 'demo-interval'].filter((name) => values.has(name));
  if (config !== undefined && demoFlags.length > 0) {
    throw new FlagError(
      `--${demoFlags[0]} applies to the built-in demo estate, which runs only without --config; remove one of them (a demo source in the config takes demoAlerts: and demoSeed:)`,
    );
  }
  const number = (name: string, min: number, max: number, example: string) => {
    const value = text(name);
    return value === undefined ? undefined : wholeNumber(name, value, min, max, example);
  };
  return {
    config,
    port: number('port', 0, 65535, '8080'),
    host: text('host'),
    dataDir: text('data-dir'),
    demoAlerts: number('demo-alerts', 0, 1_000_000, '10000'),
    demoSeed: number('demo-seed', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, '42'),
    demoInterval: number('demo-interval', 1, 3600, '5'),
    logLevel: logLevel as ServeFlags['logLevel'],
    help: values.has('help'),
  };
}
