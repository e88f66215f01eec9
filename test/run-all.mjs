#!/usr/bin/env node
// Runs every check CI needs — lint, typecheck, format, vitest (unit, integration, renderer, electron)
// and Playwright e2e — and ends with the plain line CI reads: `N passed, N failed, N skipped`.
// Usage: npm test [-- --only vitest|e2e|static]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reports = join(root, 'test-results');
mkdirSync(reports, { recursive: true });
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

function run(label, command, args) {
  console.log(`\n── ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  return result.status === 0;
}

function check(label, command, args) {
  if (run(label, command, args)) passed += 1;
  else {
    failed += 1;
    failures.push(label);
  }
}

if (!only || only === 'static') {
  check('lint', 'npx', ['eslint', '--max-warnings', '0', '.']);
  check('typecheck', 'npx', ['tsc', '-b', 'tsconfig.json']);
  check('format', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']);
  // The built Electron JS has no HIGH electronegativity finding (issue 15).
  check('electronegativity', 'node', ['test/security/electronegativity.mjs']);
}

if (!only || only === 'vitest') {
  const file = join(reports, 'vitest.json');
  const ok = run('vitest', 'npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${file}`,
  ]);
  if (existsSync(file)) {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    // A file that fails to load has no tests to count: count it as a failure.
    for (const suite of report.testResults ?? []) {
      if (suite.status === 'failed' && (suite.assertionResults ?? []).every((t) => t.status !== 'failed')) {
        failed += 1;
        failures.push(`vitest: ${suite.name}`);
      }
    }
    for (const suite of report.testResults ?? []) {
      for (const test of suite.assertionResults ?? []) {
        if (test.status === 'failed') failures.push(`vitest: ${test.fullName}`);
      }
    }
  }
  if (!ok && !existsSync(file)) {
    failed += 1;
    failures.push('vitest did not run');
  }
}

if ((!only || only === 'e2e') && existsSync(join(root, 'playwright.config.ts'))) {
  const file = join(reports, 'playwright.json');
  const ok = run('e2e', 'npx', ['playwright', 'test']);
  if (existsSync(file)) {
    const stats = JSON.parse(readFileSync(file, 'utf8')).stats ?? {};
    passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
    failed += stats.unexpected ?? 0;
    skipped += stats.skipped ?? 0;
  }
  if (!ok && !existsSync(file)) {
    failed += 1;
    failures.push('playwright did not run');
  } else if (!ok) failures.push('playwright: see above');
}

if (failures.length > 0) {
  console.log('\nFailed:');
  for (const failure of failures) console.log(`  - ${failure}`);
}
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
