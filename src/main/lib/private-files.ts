/**
 * The data folder holds personal data (the contacts, sign-ins): it and every file in it are
 * the user's alone, whatever the folder's mode was before and whatever the process's umask.
 * SQLite creates the mirror with 0644 less the umask, and its `-wal` and `-shm` with the
 * mirror's own mode, so the mirror is made (or tightened) 0600 before SQLite opens it; every
 * other file is written 0600 by lib/atomic-write.ts. On Windows, modes mean nothing (the
 * folder under the user's profile is private by its ACL): nothing to do there.
 */
import { chmodSync, closeSync, existsSync, openSync, statSync } from 'node:fs';

const othersMayRead = 0o077;

/** Makes `folder` 0700; true when it was open to others before (the caller says so once). */
export function makeFolderPrivate(folder: string, platform: NodeJS.Platform = process.platform): boolean {
  if (platform === 'win32') return false;
  const mode = statSync(folder).mode & 0o777;
  if ((mode & othersMayRead) === 0) return false;
  chmodSync(folder, 0o700);
  return true;
}

/** Creates `path` empty with mode 0600 if it is missing, and tightens it to 0600 if it is wider. */
export function makeFilePrivate(path: string, platform: NodeJS.Platform = process.platform): void {
  if (platform === 'win32') return;
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  if ((statSync(path).mode & othersMayRead) !== 0) chmodSync(path, 0o600);
}

/** The mirror and the files SQLite keeps beside it, those that exist, all 0600 (the mirror itself created so). */
export function makeDatabasePrivate(path: string, platform: NodeJS.Platform = process.platform): void {
  makeFilePrivate(path, platform);
  for (const suffix of ['-wal', '-shm', '-journal']) {
    if (existsSync(`${path}${suffix}`)) makeFilePrivate(`${path}${suffix}`, platform);
  }
}
