/**
 * Schema 3: who the user is in each account and what they may export, the account's
 * users and groups, and its contact field definitions (matched by code, never by id).
 *
 * `export_right` is the CRM's letter for the contacts "export" right (A all, G group,
 * M only if responsible, D denied) or NULL when the CRM would not tell us (non-admins
 * cannot read their own rights); the export side then falls back to R7's safe choice.
 */
import type { Migration } from './migration';

export const migration0003PeopleAndFields: Migration = {
  version: 3,
  name: '0003-people-and-fields',
  up(db) {
    db.exec(`
      ALTER TABLE accounts ADD COLUMN auth_kind TEXT NOT NULL DEFAULT 'long-lived'
        CHECK (auth_kind IN ('long-lived', 'oauth', 'demo'));
      UPDATE accounts SET auth_kind = 'demo' WHERE is_demo = 1;
      ALTER TABLE accounts ADD COLUMN export_right TEXT CHECK (export_right IN ('A', 'G', 'M', 'D'));
      ALTER TABLE accounts ADD COLUMN is_admin INTEGER CHECK (is_admin IN (0, 1));
      ALTER TABLE accounts ADD COLUMN current_user_group_id INTEGER;
      ALTER TABLE accounts ADD COLUMN rights_checked_at INTEGER;

      CREATE TABLE crm_groups (
        account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        id INTEGER NOT NULL,
        name TEXT NOT NULL,
        PRIMARY KEY (account_id, id)
      ) STRICT;

      CREATE TABLE crm_users (
        account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        id INTEGER NOT NULL,
        name TEXT NOT NULL,
        group_id INTEGER,
        PRIMARY KEY (account_id, id)
      ) STRICT;

      CREATE TABLE crm_fields (
        account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        id INTEGER NOT NULL,
        code TEXT,
        name TEXT NOT NULL,
        PRIMARY KEY (account_id, id)
      ) STRICT;

      CREATE TABLE crm_field_enums (
        account_id INTEGER NOT NULL,
        field_id INTEGER NOT NULL,
        id INTEGER NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (account_id, id),
        FOREIGN KEY (account_id, field_id) REFERENCES crm_fields (account_id, id) ON DELETE CASCADE
      ) STRICT;
    `);
  },
};
