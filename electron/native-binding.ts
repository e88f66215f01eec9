import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * better-sqlite3 is a native module, and the copy in node_modules is built for Node's ABI (tests and
 * `npm run serve` use it). Under Electron the cache needs a build for Electron's ABI, which
 * electron/launch.mjs makes in a scratch copy and places at out/native/better_sqlite3.node, never
 * touching node_modules. Packaging ships the same file unpacked from the asar (electron-builder.yml).
 *
 * Returns that file's path for better-sqlite3's `nativeBinding` option, or undefined when it is
 * missing (the cache then fails to open with a NODE_MODULE_VERSION error, which main.ts explains).
 * The option travels CoreOptions → openCache → openDatabase → `new Database(file, { nativeBinding })`;
 * until src/ accepts it there, main.ts passes it and the core ignores it.
 */
export function electronSqliteBinding(
  mainDir: string,
  exists: (path: string) => boolean = existsSync,
): string | undefined {
  const file = join(mainDir, '..', 'native', 'better_sqlite3.node');
  return exists(file) ? file : undefined;
}

/** The sentence shown when the cache cannot load SQLite because of the ABI, with what to do. */
export function describeNativeModuleError(message: string): string | undefined {
  if (
    !/NODE_MODULE_VERSION|was compiled against a different Node\.js version|better_sqlite3\.node/.test(
      message,
    )
  ) {
    return undefined;
  }
  return (
    'SQLite (better-sqlite3) is built for Node, not for Electron. Start the app with `npm start`, which ' +
    'builds an Electron copy into out/native/ (it needs internet access once), or run ' +
    '`node electron/launch.mjs --build-only` before packaging.'
  );
}
