import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The README is the first hour's guide: the facts in it that code and CI can check are checked. */
const ROOT = join(import.meta.dirname, '..', '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const readme = read('README.md');
const ciRun = read('.ci/run');

/** The lowest Node version an `engines` range such as ">= 22.12.0" accepts. */
function minimumNode(range: string): string {
  const match = /(\d+\.\d+)(?:\.\d+)?/.exec(range);
  if (!match?.[1]) throw new Error(`cannot read the engines range ${range}`);
  return match[1];
}

describe('README.md', () => {
  it('states the Node version the desktop app needs, as Electron and @electron/rebuild declare it', () => {
    for (const name of ['electron', '@electron/rebuild']) {
      const engines = (JSON.parse(read(`node_modules/${name}/package.json`)) as { engines: { node: string } })
        .engines;
      expect(readme).toContain(`Node ${minimumNode(engines.node)} or newer`);
    }
    const ours = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
    expect(readme).toContain(`Node ${minimumNode(ours)} or newer`);
  });

  it('lists in its apt line every package .ci/run installs for the tests', () => {
    const ciPackages = /--no-install-recommends \\\n\s+([^\n>]+)/.exec(ciRun)?.[1]?.trim().split(/\s+/) ?? [];
    expect(ciPackages).toContain('fonts-noto-cjk');
    const aptLine = /apt-get install --no-install-recommends ([^`]+)`/.exec(readme)?.[1]?.split(/\s+/) ?? [];
    for (const name of ciPackages.filter((each) => !['ca-certificates', 'openssl'].includes(each))) {
      expect(aptLine).toContain(name);
    }
  });

  it('points only to documents a clone has', () => {
    for (const text of [readme, read('ARCHITECTURE.md')]) {
      expect(text).not.toMatch(/\.\.\/shared\//);
    }
  });
});

describe('.ci/run', () => {
  it('waits for the apt lock in every apt-get command instead of failing with exit 100', () => {
    const commands = ciRun
      .split('\n')
      .filter((line) => /\bapt-get\b/.test(line) && !line.trim().startsWith('#'));
    expect(commands.length).toBeGreaterThanOrEqual(2);
    for (const command of commands.filter((line) => !line.startsWith('echo'))) {
      expect(command).toMatch(/APT_WAIT|DPkg::Lock::Timeout=300/);
    }
    expect(ciRun).toContain('DPkg::Lock::Timeout=300');
  });
});
