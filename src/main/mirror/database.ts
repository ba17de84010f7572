/**
 * Opening the local SQLite mirror.
 *
 * One connection per process, owned by the core. WAL lets the CLI read while the app
 * writes; foreign keys keep channels from outliving their contact. A file that is not a
 * database, or a database written by a newer version of the app, is refused with a clear
 * message and left exactly as it was: we never "repair" a user's data by overwriting it.
 */
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
      `The database at ${path} is damaged or is not an amo-phonebook database (${describe(error)}). It was left untouched; move it away to start fresh.`,
      { path },
      { cause: error },
    );
  }
}

export function closeMirror(db: Database.Database): void {
  if (!db.open) return;
  db.pragma('optimize');
  db.close();
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
