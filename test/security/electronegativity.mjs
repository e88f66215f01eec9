#!/usr/bin/env node
// The Electron gate of `npm test` (issue 15): builds the desktop host's JS (main, preload) and scans
// it, with the built renderer, with electronegativity. The tool skips TypeScript it cannot parse and
// always exits 0, so this scans the built JS and fails on any HIGH row of its CSV report.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The HIGH findings of an electronegativity CSV report: `{ check, file, location }`. */
export function highFindings(csv) {
  const rows = [];
  for (const match of csv.matchAll(/^([A-Z_]+),"HIGH","[A-Z]+","([^"]*)","([^"]*)"/gm)) {
    rows.push({ check: match[1], file: match[2], location: match[3] });
  }
  return rows;
}

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
}

function main() {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const bin = (name) => join(root, 'node_modules', '.bin', name);
  run(bin('electron-vite'), ['build', '--ignoreConfigWarning', '--logLevel', 'warn'], root);
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-electronegativity-'));
  try {
    const report = join(dir, 'report.csv');
    run(bin('electronegativity'), ['-i', join(root, 'out'), '-o', report, '-e', '45.4.1'], root);
    const csv = readFileSync(report, 'utf8');
    const high = highFindings(csv);
    const scanned = csv.trim().split('\n').length - 1;
    if (high.length > 0) {
      for (const row of high) console.error(`HIGH ${row.check} in ${row.file}:${row.location}`);
      console.error(
        `electronegativity: ${high.length} HIGH finding(s) in the built Electron JS; fix them (see the wiki link per check)`,
      );
      process.exit(1);
    }
    console.log(`electronegativity: no HIGH findings (${scanned} lower ones to review)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
