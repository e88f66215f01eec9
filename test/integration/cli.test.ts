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
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, AM_TOKEN: '' },
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

  it('explains unknown commands and missing arguments', () => {
    expect(cli('check-config')).toMatchObject({ code: 2 });
    const unknown = cli('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
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
