/**
 * Opening the local SQLite mirror.
 *
 * One connection per process, owned by the core. WAL lets the CLI read while the app
 * writes; foreign keys keep channels from outliving their contact. A file that is not a
 * database, or a database written by a newer version of the app, is refused with a clear
 * message and left exactly as it was: we never "repair" a user's data by overwriting it.
 * The way forward is to keep it aside (lib/set-aside.ts, with its `-wal` and `-shm`) and start
 * with an empty mirror, which each face offers.
 *
 * Damage inside an otherwise readable file shows only when a damaged page is read. Checking
 * every page at each open costs 0.4 s on 100,000 contacts, so the check runs only after such a
 * read was seen (markMirrorDamaged), at the next open.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { clearAbandonedStaging } from './export-staging-repo';
import { allMigrations } from './migrations/index';
import { assertNotNewer, migrateToLatest } from './migrations/runner';

export type { MirrorDb } from './mirror-db';

export interface OpenMirrorOptions {
  /**
   * Path to a better_sqlite3.node built for the running runtime. Electron passes its own
   * build here so the Node build that tests use stays untouched.
   */
  readonly nativeBinding?: string;
}

export function openMirror(path: string, options: OpenMirrorOptions = {}): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (error) {
    throw new AppError(
      'DB_CORRUPT',
      `Cannot open the database at ${path}: ${describe(error)}`,
      { path },
      {
        cause: error,
      },
    );
  }
  try {
    // Read-only checks first: a file that is not SQLite, or one from a newer version of the
    // app, is refused before anything (even the journal mode) is written to it.
    db.pragma('schema_version', { simple: true });
    assertNotNewer(db, allMigrations, path);
    if (existsSync(damageMarker(path))) {
      const check = String(db.pragma('quick_check', { simple: true }));
      if (check !== 'ok') throw new Error(check);
      // The damage that was seen is gone (the file was restored from a backup): carry on.
      rmSync(damageMarker(path), { force: true });
    }
    db.pragma('journal_mode = WAL');
    // NORMAL is durable against app crashes in WAL mode; only a power cut may lose the
    // last transaction, and everything in the mirror can be pulled again.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // A sync writes hundreds of small transactions whose index pages repeat: checkpointing
    // every 40 MB instead of every 4 MB copies each page back far fewer times (a 100,000
    // contact pull writes about a quarter less).
    db.pragma('wal_autocheckpoint = 10000');
    migrateToLatest(db, path);
    // Export plans staged by processes that died, or by deliveries never finished, long ago.
    clearAbandonedStaging(db, Date.now());
    return db;
  } catch (error) {
    db.close();
    if (error instanceof AppError) throw error;
    throw new AppError(
      'DB_CORRUPT',
      `The database at ${path} is damaged or is not an amo-phonebook database (${describe(error)}). It was left untouched; it can be kept aside so that the app starts with an empty one.`,
      { path, store: 'mirror' },
      { cause: error },
    );
  }
}

export function closeMirror(db: Database.Database): void {
  if (!db.open) return;
  try {
    db.pragma('optimize');
  } catch {
    // A damaged file may fail here; closing must still happen (and never throw on the way out).
  }
  db.close();
}

/** SQLite's own words for a damaged file, from better-sqlite3's SqliteError codes. */
export function isSqliteCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

/** One of lib/set-aside.ts's sqliteCompanions: it moves with the file when that is kept aside. */
function damageMarker(path: string): string {
  return `${path}.needs-check`;
}

/** Remembers that a damaged page was read, so the next open checks the whole file first. */
export function markMirrorDamaged(path: string, reason: string): void {
  try {
    writeFileSync(damageMarker(path), `${new Date().toISOString()} ${reason}\n`, { mode: 0o600 });
  } catch {
    // A folder we cannot write to: the person still gets the error in words.
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
