/**
 * Schema 5: what each device has received (the ledger), from when later exports count
 * (the marks), the history of export runs, and each contact's job title.
 *
 * The ledger keeps, per (device, account, contact), the name last delivered and every
 * phone, e-mail and messenger ever delivered, keyed by a normalised identity (E.164,
 * lower-case e-mail). That is what makes re-exports exact (R9-R12) and lets an export that
 * broke off leave no trace (R15): the ledger is written only after a delivery succeeded.
 */
import type { Migration } from './migration';

export const migration0005ExportLedger: Migration = {
  version: 5,
  name: '0005-export-ledger',
  up(db) {
    db.exec(`
      ALTER TABLE contacts ADD COLUMN position TEXT;

      CREATE TABLE export_ledger (
        device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
        account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        contact_id INTEGER NOT NULL,
        name TEXT NOT NULL,
        first_delivered_at INTEGER NOT NULL,
        last_delivered_at INTEGER NOT NULL,
        PRIMARY KEY (device_id, account_id, contact_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE export_ledger_channels (
        device_id TEXT NOT NULL,
        account_id INTEGER NOT NULL,
        contact_id INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('phone', 'email', 'im')),
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        normalized TEXT,
        type_code TEXT,
        PRIMARY KEY (device_id, account_id, contact_id, kind, key),
        FOREIGN KEY (device_id, account_id, contact_id)
          REFERENCES export_ledger (device_id, account_id, contact_id) ON DELETE CASCADE
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE export_marks (
        device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
        account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        since INTEGER NOT NULL,
        period TEXT NOT NULL,
        first_exported_at INTEGER NOT NULL,
        last_exported_at INTEGER NOT NULL,
        PRIMARY KEY (device_id, account_id)
      ) STRICT;

      CREATE TABLE export_runs (
        id INTEGER PRIMARY KEY,
        device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
        started_at INTEGER NOT NULL,
        finished_at INTEGER NOT NULL,
        delivery TEXT NOT NULL CHECK (delivery IN ('file', 'lan', 'usb')),
        outcome TEXT NOT NULL CHECK (outcome IN ('delivered', 'failed', 'cancelled')),
        delivered INTEGER NOT NULL DEFAULT 0,
        detail TEXT NOT NULL
      ) STRICT;
      CREATE INDEX export_runs_by_device ON export_runs (device_id, started_at);
    `);
  },
};
