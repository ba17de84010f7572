/**
 * Schema 11: what a device's last export chose, per account scope (one account, or 0 for all
 * of them): only the contacts I am responsible for, or these responsible users. The next
 * export of the same device starts from it, so "only mine" is never silently unticked and a
 * later export does not send colleagues' contacts unnoticed. The rows go with their device.
 * The period is not kept: it belongs to a first export only.
 */
import type { Migration } from './migration';

export const migration0011ExportChoices: Migration = {
  version: 11,
  name: '0011-export-choices',
  up(db) {
    db.exec(`
      CREATE TABLE export_choices (
        device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
        account_scope INTEGER NOT NULL CHECK (account_scope >= 0),
        only_mine INTEGER NOT NULL CHECK (only_mine IN (0, 1)),
        responsible TEXT NOT NULL CHECK (json_valid(responsible) AND json_type(responsible) = 'array'),
        saved_at INTEGER NOT NULL,
        PRIMARY KEY (device_id, account_scope)
      ) STRICT;
    `);
  },
};
