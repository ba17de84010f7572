/**
 * Which better-sqlite3 binary the desktop app loads. node_modules/better-sqlite3 holds the
 * build for Node (tests, CLI); Electron needs one built for its own ABI:
 * - in development, `npm start` builds it under node_modules/.electron-native and passes
 *   its path in AMO_PHONEBOOK_SQLITE_BINDING (scripts/electron-native.js);
 * - packaged, the build hook puts it at out/native/better_sqlite3.node, which ships
 *   unpacked beside app.asar (a native library cannot be loaded from inside an archive).
 */
import { join, sep } from 'node:path';

export function sqliteBinding(isPackaged: boolean, env: NodeJS.ProcessEnv, mainDir: string): string | undefined {
  if (!isPackaged) return env['AMO_PHONEBOOK_SQLITE_BINDING'] || undefined;
  const inArchive = join(mainDir, '..', 'native', 'better_sqlite3.node');
  return inArchive.replace(`${sep}app.asar${sep}`, `${sep}app.asar.unpacked${sep}`);
}
