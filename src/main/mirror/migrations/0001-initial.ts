/**
 * Schema 1: accounts, the contacts mirror with their channels, and devices.
 *
 * STRICT tables so a wrong type is an error, not a silent coercion. Contacts are keyed on
 * (account id, contact id): amoCRM ids are only unique within an account.
 */
import type { Migration } from './migration';

export const migration0001Initial: Migration = {
  version: 1,
  name: '0001-initial',
  up(db) {
    db.exec(`
      CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        subdomain TEXT NOT NULL,
        base_url TEXT NOT NULL,
        country TEXT,
        current_user_id INTEGER NOT NULL,
        is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
        connected_at INTEGER NOT NULL,
        last_synced_at INTEGER
      ) STRICT;

      CREATE TABLE contacts (
        account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        id INTEGER NOT NULL,
        name TEXT NOT NULL,
        first_name TEXT NOT NULL,
        last_name TEXT NOT NULL,
        responsible_user_id INTEGER,
        group_id INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        phone_count INTEGER NOT NULL DEFAULT 0,
        -- Lower-cased name and e-mails plus the digits of every phone, for search.
        search_text TEXT NOT NULL,
        PRIMARY KEY (account_id, id)
      ) STRICT;

      CREATE INDEX contacts_by_name ON contacts (name COLLATE NOCASE, account_id, id);

      CREATE TABLE contact_channels (
        account_id INTEGER NOT NULL,
        contact_id INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('phone', 'email', 'im')),
        position INTEGER NOT NULL,
        value TEXT NOT NULL,
        normalized TEXT,
        type_code TEXT,
        PRIMARY KEY (account_id, contact_id, kind, position),
        FOREIGN KEY (account_id, contact_id) REFERENCES contacts (account_id, id) ON DELETE CASCADE
      ) STRICT;

      CREATE INDEX contact_channels_by_normalized ON contact_channels (kind, normalized);

      CREATE TABLE devices (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        platform TEXT NOT NULL CHECK (platform IN ('ios', 'android', 'file')),
        created_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
