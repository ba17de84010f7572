import type Database from 'better-sqlite3';

/**
 * One schema version. `up` runs inside the runner's transaction, which also bumps
 * `PRAGMA user_version` to `version`; it must not open its own transaction.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
}
