/**
 * Schema 8: the form a CardDAV server keeps a number's extension in (issue 19). A server
 * does not always keep what it is sent (Radicale cuts `TEL:+74959471173,562` at the comma),
 * so the first export to a target reads one card back and records here the form that
 * survived: 'comma', 'escaped-comma' or 'pause-p' (export/tel-form.ts). NULL: not yet known.
 */
import type { Migration } from './migration';

export const migration0008CardDavTelForm: Migration = {
  version: 8,
  name: '0008-carddav-tel-form',
  up(db) {
    db.exec(`ALTER TABLE carddav_targets ADD COLUMN tel_form TEXT
      CHECK (tel_form IS NULL OR tel_form IN ('comma', 'escaped-comma', 'pause-p'))`);
  },
};
