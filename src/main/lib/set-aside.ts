/**
 * Keeping a damaged file aside: renamed beside itself, never deleted or written over, so the
 * app can start clean while the person (or support) can still look at it, restore it, or
 * salvage what it holds. `mirror.sqlite` becomes `mirror.damaged-2026-12-04T19-40-00Z.sqlite`.
 */
import { existsSync, renameSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

/** The name a damaged `path` is kept under, stamped with `now` (and `-2`, `-3`... if taken). */
export function asideName(path: string, now: Date, attempt = 1): string {
  const extension = extname(path);
  const stem = basename(path, extension);
  const stamp = now
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replaceAll(':', '-');
  return join(dirname(path), `${stem}.damaged-${stamp}${attempt > 1 ? `-${attempt}` : ''}${extension}`);
}

/**
 * Renames `path` aside and returns where it went, or null when there is no such file.
 * `companions` are suffixes of files that belong to it (SQLite's `-wal` and `-shm`): they move
 * with it under the same new name, so the kept database still opens as it was.
 */
export function setAside(path: string, now = new Date(), companions: readonly string[] = []): string | null {
  if (!existsSync(path)) return null;
  let attempt = 1;
  let target = asideName(path, now);
  while (existsSync(target) || companions.some((suffix) => existsSync(`${target}${suffix}`))) {
    attempt += 1;
    target = asideName(path, now, attempt);
  }
  renameSync(path, target);
  for (const suffix of companions) {
    if (existsSync(`${path}${suffix}`)) renameSync(`${path}${suffix}`, `${target}${suffix}`);
  }
  return target;
}

/**
 * What belongs to an SQLite file and moves with it: its write-ahead log, its shared-memory
 * index, and the mirror's "check me at the next open" marker (mirror/database.ts).
 */
export const sqliteCompanions = ['-wal', '-shm', '.needs-check'] as const;
