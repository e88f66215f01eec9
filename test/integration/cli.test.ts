import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'cockpit-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  return cliWithEnv({ ...process.env, AM_TOKEN: '' }, ...args);
}

function cliWithEnv(env: NodeJS.ProcessEnv, ...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], {
    encoding: 'utf8',
    env,
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('oncall-cockpit check-config', () => {
  it('prints ok for a valid file', () => {
    const file = join(dir, 'good.yaml');
    writeFileSync(file, 'sources:\n  - id: am\n    kind: alertmanager\n    url: http://127.0.0.1:9093\n');
    expect(cli('check-config', file)).toMatchObject({ code: 0, stdout: `ok: ${file} (1 source)\n` });
  });

  it('prints every problem with file and line, and exits 1', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      'sources:\n  - id: am\n    kind: alertmanager\n    url: http://127.0.0.1:9093\n    interval: soon\n  - id: Bad Id\n    kind: prometheus\n    url: http://x\n',
    );
    const result = cli('check-config', file);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      `${file}:5: sources[0].interval: "soon" is not a duration; write a number and a unit, e.g. 15s, 2m, 1h`,
      `${file}:6: sources[1].id: an id is lower-case letters, digits, - and _ (e.g. am-prod)`,
    ]);
  });

  it('passes the shipped example with no environment at all, warning about its unset variable', () => {
    const example = join(ROOT, 'assets/cockpit.example.yaml');
    // Only what node needs to run: no AM_TOKEN, as in CI.
    const result = cliWithEnv({ PATH: process.env.PATH }, 'check-config', example);
    expect(result.stdout).toBe(`ok: ${example} (3 sources; 1 warning above)\n`);
    expect(result.stderr).toMatch(
      /^warning: .*cockpit\.example\.yaml:\d+: sources\[1\]\.auth\.bearer: the environment variable AM_TOKEN is not set/,
    );
    expect(result.code).toBe(0);
  });

  it('refuses server.host: 0.0.0.0 without a token with the sentence serve gives', () => {
    const file = join(dir, 'exposed.yaml');
    writeFileSync(file, 'server:\n  host: 0.0.0.0\n  port: 0\n');
    const sentence = `${file}:2: server.host: 0.0.0.0 is reachable from other machines, and without an access token anyone there could read alerts and create silences; set server.tokens (a list of { token, role: viewer or operator }, each token at least 16 characters) or bind 127.0.0.1`;
    expect(cli('check-config', file)).toMatchObject({ code: 1, stderr: `${sentence}\n` });
    expect(cli('serve', '--config', file, '--data-dir', join(dir, 'exposed'))).toMatchObject({
      code: 1,
      stderr: `${sentence}\n`,
    });
  });

  it('names the line of an SLO file pattern that matches nothing', () => {
    const file = join(dir, 'slo-glob.yaml');
    writeFileSync(
      file,
      'sources:\n  - id: prom\n    kind: prometheus\n    url: http://x:9090\nslo:\n  files:\n    - ./nowhere/*.yaml\n',
    );
    const result = cli('check-config', file);
    expect(result.stderr).toBe(
      `${file}:7: slo.files[0]: "./nowhere/*.yaml" matches no file (looked for ${join(dir, 'nowhere/*.yaml')}); fix the path or the pattern\n`,
    );
    expect(result.code).toBe(1);
  });

  it('explains unknown commands and missing arguments', () => {
    expect(cli('check-config')).toMatchObject({ code: 2 });
    expect(cli('check-config', '--strict')).toMatchObject({
      code: 2,
      stderr: 'check-config needs a file, not the flag --strict: oncall-cockpit check-config cockpit.yaml\n',
    });
    expect(cli('check-config', 'a.yaml', 'b.yaml')).toMatchObject({
      code: 2,
      stderr: 'check-config checks one file; "b.yaml" is left over: oncall-cockpit check-config a.yaml\n',
    });
    const unknown = cli('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
  });
});

describe('oncall-cockpit serve flags', () => {
  it.each([
    [['--port', 'abc'], '--port is "abc"; write a whole number from 0 to 65535, e.g. --port 8080'],
    [['--port', '70000'], '--port is "70000"; write a whole number from 0 to 65535, e.g. --port 8080'],
    [
      ['--prot', '8080'],
      'serve has no flag --prot; did you mean --port? (oncall-cockpit serve --help lists them)',
    ],
    [
      ['--demo-interval', 'fast'],
      '--demo-interval is "fast"; write a whole number from 1 to 3600, e.g. --demo-interval 5',
    ],
    [['--log-level', 'loud'], '--log-level is "loud"; write one of debug, info, warn, error'],
    [['--config'], '--config needs a value: --config FILE'],
    [
      ['cockpit.yaml'],
      'serve takes no argument "cockpit.yaml"; flags start with --, e.g. --config cockpit.yaml',
    ],
    [
      ['--config', 'c.yaml', '--demo-alerts', '5'],
      '--demo-alerts applies to the built-in demo estate, which runs only without --config; remove one of them (a demo source in the config takes demoAlerts: and demoSeed:)',
    ],
    [
      ['--host', '0.0.0.0'],
      '--host 0.0.0.0 is reachable from other machines, and without an access token anyone there could read alerts and create silences; set server.tokens (a list of { token, role: viewer or operator }, each token at least 16 characters) or bind 127.0.0.1',
    ],
  ])('serve %j says what is wrong in a sentence', (args, sentence) => {
    const result = cli('serve', ...args, '--data-dir', join(dir, 'flags'));
    expect(result.stderr).toBe(`${sentence}\n`);
    expect(result.code).not.toBe(0);
  });

  it('lists every flag in --help, including --demo-interval', () => {
    const result = cli('serve', '--help');
    expect(result.code).toBe(0);
    for (const flag of [
      '--config',
      '--port',
      '--host',
      '--data-dir',
      '--demo-alerts',
      '--demo-seed',
      '--demo-interval',
      '--log-level',
    ]) {
      expect(result.stdout).toContain(flag);
    }
    expect(cli('--help').stdout).toBe(result.stdout);
  });
});

describe('oncall-cockpit serve', () => {
  it('exits 1 with a sentence when the core cannot start, even though the server was already listening', () => {
    const dataDir = join(dir, 'newer');
    mkdirSync(dataDir, { recursive: true });
    const db = new Database(join(dataDir, 'cache.db'));
    db.pragma('user_version = 999');
    db.close();
    const config = join(dir, 'serve.yaml');
    writeFileSync(config, 'sources:\n  - id: am\n    kind: alertmanager\n    url: http://127.0.0.1:9\n');

    const result = cli('serve', '--config', config, '--data-dir', dataDir, '--port', '0');

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('On-Call Cockpit is serving http://127.0.0.1:');
    expect(result.stderr).toContain('was written by a newer On-Call Cockpit (schema 999');
  });
});
