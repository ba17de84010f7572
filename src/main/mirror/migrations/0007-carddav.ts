/**
 * Schema 7: CardDAV targets (issue 9): an address-book account on a server, beside phones
 * and files, that the export writes into card by card.
 *
 * - `devices.platform` and `export_runs.delivery` accept 'carddav'. SQLite cannot alter a
 *   CHECK, and the usual rebuild (new table, copy, drop the old) is not possible here: the
 *   runner's transaction keeps foreign keys on, so dropping `devices` would cascade into
 *   every ledger. A CHECK that only grows admits every row it admitted before, so the
 *   table's stored definition is edited in place (SQLite's documented procedure for
 *   loosening a constraint: writable_schema, then a new schema_version).
 * - `carddav_targets`: where the account is (provider, address, user, the discovered home);
 *   never its password, which lives in the secret store.
 * - `carddav_books`: per (target, CRM account), the address book the export writes into,
 *   whether the app made it (MKCOL: then deleting the export is one DELETE), and the last
 *   sync-collection token.
 * - `carddav_manifest`: per exported contact, the card's href and the ETag the server
 *   gave it. Written in the same transaction as the contact's ledger entry, only once the
 *   server confirmed the card (R15), so the two never disagree.
 */
import type Database from 'better-sqlite3';
import type { Migration } from './migration';

export const migration0007CardDav: Migration = {
  version: 7,
  name: '0007-carddav',
  up(db) {
    widenCheck(db, 'devices', "('ios', 'android', 'file')", "('ios', 'android', 'file', 'carddav')");
    widenCheck(db, 'export_runs', "('file', 'lan', 'usb')", "('file', 'lan', 'usb', 'carddav')");
    db.exec(`
      CREATE TABLE carddav_targets (
        device_id TEXT PRIMARY KEY REFERENCES devices (id) ON DELETE CASCADE,
        provider TEXT NOT NULL CHECK (provider IN ('icloud', 'google', 'yandex', 'nextcloud', 'fastmail', 'custom')),
        server_url TEXT NOT NULL,
        username TEXT NOT NULL,
        auth TEXT NOT NULL CHECK (auth IN ('password', 'oauth')),
        -- Found by discovery (.well-known, principal, addressbook-home-set).
        home_url TEXT NOT NULL,
        -- 1: each CRM account gets an address book of its own (MKCOL allowed).
        own_book INTEGER NOT NULL CHECK (own_book IN (0, 1))
      ) STRICT;

      CREATE TABLE carddav_books (
        device_id TEXT NOT NULL REFERENCES carddav_targets (device_id) ON DELETE CASCADE,
        account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        url TEXT NOT NULL,
        owned INTEGER NOT NULL CHECK (owned IN (0, 1)),
        sync_token TEXT,
        PRIMARY KEY (device_id, account_id)
      ) STRICT;

      CREATE TABLE carddav_manifest (
        device_id TEXT NOT NULL REFERENCES carddav_targets (device_id) ON DELETE CASCADE,
        account_id INTEGER NOT NULL,
        contact_id INTEGER NOT NULL,
        href TEXT NOT NULL,
        etag TEXT,
        PRIMARY KEY (device_id, account_id, contact_id),
        UNIQUE (device_id, href)
      ) STRICT;
    `);
  },
};

/** Replaces `from` by `to` in a table's CHECK; `to` must admit everything `from` did. */
function widenCheck(db: Database.Database, table: string, from: string, to: string): void {
  const sql = db
    .prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?")
    .pluck()
    .get(table) as string;
  if (!sql.includes(from)) throw new Error(`${table}: expected the CHECK list ${from}`);
  const version = db.pragma('schema_version', { simple: true }) as number;
  // better-sqlite3 runs SQLite in defensive mode, which forbids this edit; only for its span.
  db.unsafeMode(true);
  try {
    db.pragma('writable_schema = ON');
    db.prepare("UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = ?").run(sql.replace(from, to), table);
    // A new schema version makes every connection read the edited definition.
    db.pragma(`schema_version = ${version + 1}`);
  } finally {
    db.pragma('writable_schema = OFF');
    db.unsafeMode(false);
  }
}
