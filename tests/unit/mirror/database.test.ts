/** Opening the mirror: pragmas, the migration runner's guarantees, and refusing bad files untouched. */

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { closeMirror, openMirror } from '../../../src/main/mirror/database';
import type { Migration } from '../../../src/main/mirror/migrations/migration';
import { currentVersion, latestVersion, migrateTo } from '../../../src/main/mirror/migrations/runner';
import { AppError } from '../../../src/shared/errors';
import { tempDir } from '../../helpers/temp-dir';

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function expectAppError(run: () => unknown, code: string): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    return error as AppError;
  }
  throw new Error(`expected ${code}, nothing was thrown`);
}

describe('openMirror', () => {
  it('opens a new file in WAL mode with foreign keys on, at the latest schema', () => {
    const path = join(tempDir(), 'mirror.sqlite');
    const db = openMirror(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(currentVersion(db)).toBe(latestVersion());
    closeMirror(db);
    // Reopening an up-to-date mirror changes nothing.
    const again = openMirror(path);
    expect(currentVersion(again)).toBe(latestVersion());
    closeMirror(again);
  });

  it('refuses a database from a newer version and leaves it byte for byte as it was', () => {
    const path = join(tempDir(), 'mirror.sqlite');
    const future = new Database(path);
    future.pragma(`user_version = ${latestVersion() + 5}`);
    future.exec('CREATE TABLE from_the_future (x)');
    future.close();
    const before = sha(path);
    const error = expectAppError(() => openMirror(path), 'DB_TOO_NEW');
    expect(error.message).toMatch(/newer version/);
    expect(sha(path)).toBe(before);
  });

  it('refuses a file that is not a database and leaves it untouched', () => {
    const path = join(tempDir(), 'mirror.sqlite');
    writeFileSync(path, Buffer.from('this is not sqlite, it is a shopping list: milk, bread '.repeat(200)));
    const before = sha(path);
    const error = expectAppError(() => openMirror(path), 'DB_CORRUPT');
    expect(error.message).toContain(path);
    expect(sha(path)).toBe(before);
  });

  it('refuses a database whose header is damaged', () => {
    const path = join(tempDir(), 'mirror.sqlite');
    closeMirror(openMirror(path));
    const bytes = readFileSync(path);
    bytes.fill(0x41, 0, 16); // overwrite the "SQLite format 3" magic
    writeFileSync(path, bytes);
    const before = sha(path);
    expectAppError(() => openMirror(path), 'DB_CORRUPT');
    expect(sha(path)).toBe(before);
  });
});

describe('migration runner', () => {
  const ok = (version: number): Migration => ({
    version,
    name: `m${version}`,
    up: (db) => db.exec(`CREATE TABLE t${version} (x)`),
  });

  it('applies each migration in its own transaction: a failing one leaves the previous version intact', () => {
    const db = new Database(':memory:');
    const failing: Migration = {
      version: 2,
      name: 'm2-broken',
      up: (d) => {
        d.exec('CREATE TABLE half_done (x)');
        throw new Error('boom');
      },
    };
    expect(() => migrateTo(db, 2, [ok(1), failing])).toThrow('boom');
    expect(currentVersion(db)).toBe(1);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get()).toBe(0);
  });

  it('stops at the target version and refuses a gap in the numbering', () => {
    const db = new Database(':memory:');
    migrateTo(db, 1, [ok(1), ok(2)]);
    expect(currentVersion(db)).toBe(1);
    expect(() => migrateTo(db, 3, [ok(1), ok(3)])).toThrow(/expected 2/);
  });
});
