/**
 * The migration runner: brings a mirror from its `user_version` to the newest schema, one
 * file per version, each in its own transaction (a failure leaves the previous version
 * intact). A database newer than this code is refused, never downgraded.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import { allMigrations } from './index';
import type { Migration } from './migration';

export function latestVersion(migrations: readonly Migration[] = allMigrations): number {
  return migrations.at(-1)?.version ?? 0;
}

export function currentVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every migration above the current version, up to `target`. */
export function migrateTo(
  db: Database.Database,
  target: number,
  migrations: readonly Migration[] = allMigrations,
  path = db.name,
): void {
  assertContiguous(migrations);
  assertNotNewer(db, migrations, path);
  const from = currentVersion(db);
  for (const migration of migrations) {
    if (migration.version <= from || migration.version > target) continue;
    db.transaction(() => {
      migration.up(db);
      // PRAGMA cannot take a bound parameter; the version is an integer from our own code.
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}

/** Refuses a database written by a newer version; call before anything writes to the file. */
export function assertNotNewer(
  db: Database.Database,
  migrations: readonly Migration[] = allMigrations,
  path = db.name,
): void {
  const found = currentVersion(db);
  const supported = latestVersion(migrations);
  if (found > supported) {
    throw new AppError(
      'DB_TOO_NEW',
      `The database at ${path} was written by a newer version of amo-phonebook (schema ${found}, this version knows ${supported}). Update the app; the database was left untouched.`,
      { path, found, supported },
    );
  }
}

export function migrateToLatest(db: Database.Database, path?: string): void {
  migrateTo(db, latestVersion(), allMigrations, path);
}

function assertContiguous(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migration ${migration.name} has version ${migration.version}, expected ${index + 1}`);
    }
  });
}
