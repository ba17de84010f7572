import type Database from 'better-sqlite3';

/** The mirror's one connection (mirror/database.ts opens it); a type of its own so repositories need not import the opener. */
export type MirrorDb = Database.Database;
