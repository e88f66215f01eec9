#!/usr/bin/env node
// `npm start`: finds Electron's binary, builds the renderer, main and preload, makes the Electron
// build of better-sqlite3, then runs the app.
//
//   node electron/launch.mjs [--config FILE] [other app arguments]
//   node electron/launch.mjs --check        only report whether Electron's binary is installed (no download)
//   node electron/launch.mjs --build-only   build and prepare out/native, do not launch (before packaging)
//   node electron/launch.mjs --no-build     launch what out/ already holds
//
// Native module (better-sqlite3). node_modules/better-sqlite3 is built for Node's ABI: the tests and
// `npm run serve` need it that way. Electron needs a build for its own ABI. This script copies the
// module's sources (not its build/) to a scratch folder, runs @electron/rebuild there for this
// Electron version (a prebuilt binary from GitHub, else a node-gyp build against Electron's headers
// from electronjs.org: internet access once), and copies the result to out/native/better_sqlite3.node,
// which electron/main.ts passes to better-sqlite3 as `nativeBinding`. node_modules is never touched.
// The project's .npmrc sets nodedir=/usr for the Node build; npm exports it as npm_config_nodedir,
// which would make node-gyp compile against Node's headers and silently produce the wrong ABI, so it
// is removed from the rebuild's environment.
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve, sep } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const require = createRequire(join(ROOT, 'package.json'));

function electronVersion() {
  try {
    return JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  } catch {
    return '<version>';
  }
}

// What works on this machine: installing Electron on another one does not put its binary here.
export const MISSING_BINARY_MESSAGE =
  "Electron's binary is not installed: it downloads from GitHub on first use, and this machine cannot reach GitHub. " +
  'Either set ELECTRON_MIRROR to a mirror this machine can reach and run `npm start` again, ' +
  `or unzip electron-v${electronVersion()}-${process.platform}-${process.arch}.zip (from github.com/electron/electron/releases, copied here) ` +
  'into a folder and run `ELECTRON_OVERRIDE_DIST_PATH=<that folder> npm start`; ' +
  'or use `npm run serve` and open the printed URL in a browser.';

/** Electron's executable as the `electron` package would find it, without downloading anything. */
export function findElectronBinary(env = process.env) {
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  const pathFile = join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  // The same rules as node_modules/electron/index.js.
  const candidate = env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(env.ELECTRON_OVERRIDE_DIST_PATH, executable || 'electron')
    : executable
      ? join(packageDir, 'dist', executable)
      : undefined;
  return candidate && existsSync(candidate) ? candidate : undefined;
}

/** Lets the `electron` package download its binary, quietly, in a child process; then looks again. */
function downloadElectronBinary() {
  console.log("Fetching Electron's binary (first run only)…");
  spawnSync(process.execPath, ['-e', "require('electron')"], {
    cwd: ROOT,
    stdio: 'ignore',
    timeout: 600_000,
  });
  return findElectronBinary();
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    cwd: ROOT,
    stdio: 'inherit',
    shell: process.platform === 'win32',
    ...options,
  });
  if (result.status !== 0) {
    throw new Error(`\`${command} ${args.join(' ')}\` failed (exit ${result.status ?? result.signal}).`);
  }
}

function envWithoutNodedir() {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => key.toLowerCase() !== 'npm_config_nodedir'),
  );
}

/** @electron/rebuild as installed (electron-builder brings it), else the pinned version through npx. */
function electronRebuildCommand() {
  try {
    // Its package.json is not exported; its entry is lib/main.js and its CLI sits beside it.
    const cli = join(dirname(fileURLToPath(import.meta.resolve('@electron/rebuild'))), 'cli.js');
    if (existsSync(cli)) return [process.execPath, [cli]];
  } catch {
    // Not installed: fall through to npx.
  }
  return ['npx', ['--yes', '@electron/rebuild@4.2.1']];
}

/** Builds better-sqlite3 for Electron into out/native unless the file there already matches. */
function prepareElectronSqlite() {
  const electronVersion = require('electron/package.json').version;
  const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
  const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version;
  const target = join(ROOT, 'out', 'native', 'better_sqlite3.node');
  const stampFile = `${target}.json`;
  const stamp = JSON.stringify({
    electronVersion,
    sqliteVersion,
    platform: process.platform,
    arch: process.arch,
  });
  if (existsSync(target) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return;

  console.log(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (once per version)…`);
  const work = mkdtempSync(join(tmpdir(), 'cockpit-native-'));
  try {
    const moduleCopy = join(work, 'node_modules', 'better-sqlite3');
    const nodeBuild = join(sqliteDir, 'build');
    const notNodeBuild = (path) => path !== nodeBuild && !path.startsWith(nodeBuild + sep);
    cpSync(sqliteDir, moduleCopy, { recursive: true, filter: notNodeBuild });
    writeFileSync(
      join(work, 'package.json'),
      JSON.stringify({
        name: 'cockpit-native',
        private: true,
        dependencies: { 'better-sqlite3': sqliteVersion },
      }),
    );
    const [command, args] = electronRebuildCommand();
    run(
      command,
      [...args, '--version', electronVersion, '--module-dir', work, '--only', 'better-sqlite3', '--force'],
      {
        cwd: work,
        env: envWithoutNodedir(),
      },
    );
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(moduleCopy, 'build', 'Release', 'better_sqlite3.node'), target);
    writeFileSync(stampFile, stamp);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** App arguments with a relative --config made absolute against where the user ran `npm start`. */
function appArguments(args) {
  const base = process.env.INIT_CWD ?? process.cwd();
  return args.map((argument, index) => {
    if (args[index - 1] === '--config') return resolve(base, argument);
    if (argument.startsWith('--config='))
      return `--config=${resolve(base, argument.slice('--config='.length))}`;
    return argument;
  });
}

function main(argv) {
  const own = new Set(['--check', '--build-only', '--no-build']);
  const flags = new Set(argv.filter((argument) => own.has(argument)));
  const passThrough = argv.filter((argument) => !own.has(argument));

  if (flags.has('--check')) {
    const binary = findElectronBinary();
    if (!binary) {
      console.error(MISSING_BINARY_MESSAGE);
      return 1;
    }
    console.log(`Electron's binary: ${binary}`);
    return 0;
  }

  let binary;
  if (!flags.has('--build-only')) {
    binary = findElectronBinary() ?? downloadElectronBinary();
    if (!binary) {
      console.error(MISSING_BINARY_MESSAGE);
      return 1;
    }
  }
  if (!flags.has('--no-build')) {
    run('npm', ['run', 'build:renderer']);
    run('npm', ['run', 'build:electron']);
    try {
      prepareElectronSqlite();
    } catch (error) {
      throw new Error(
        `Could not build better-sqlite3 for Electron (it needs a prebuilt binary from GitHub or Electron's headers from electronjs.org, so internet access once): ${error.message}`,
        { cause: error },
      );
    }
  }
  if (!binary) return 0;

  const env = { ...process.env };
  // Set by some tools (and by `electron` used as Node); it would start Electron as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, [ROOT, ...appArguments(passThrough)], { cwd: ROOT, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  return undefined;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  try {
    const code = main(process.argv.slice(2));
    if (code !== undefined) process.exitCode = code;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
