/**
 * Schema 6: what makes a big export cheap (issue 4), and the staging that keeps its ledger
 * exact (R15).
 *
 * - `contact_cards`: per contact with a dialable phone, its first-delivery vCard 3.0 lines
 *   (stored-card.ts) and the ledger entry that delivery records, written by the page
 *   writer with the contact. It repeats the columns an export filters on (R4 updated_at,
 *   R7/R8 responsible user and group), so an export reads this table alone, in key order
 *   (Android) or freshest first by its index (R5, iPhone). A table of its own, not columns
 *   of `contacts`: the list, search and every other scan of `contacts` stay as small as
 *   they were (the cards are about 30 MB per 100,000 contacts).
 * - `contact_cards_format`: which renderer version wrote the cards; a mirror opened by code
 *   that renders differently re-renders them all (contact-cards.ts). This migration leaves
 *   both empty: the same open-time check then renders the cards of the contacts already in
 *   the mirror. (It used to call today's renderer itself, so it was not frozen: a later
 *   column of contact_cards broke it.)
 * - `contacts_for_export`: a covering index for the export's counts (R2, R4, R7, R8), so
 *   counting 100,000 contacts reads the index, not the table.
 * - `export_plans` and `export_staged`: the contacts an export rendered, keyed by plan,
 *   written in the same transaction as the bytes. The ledger is later copied from here, so
 *   it records what was delivered even if a sync changes the mirror before the phone
 *   acknowledges. A staged row holds no data of its own (ledger NULL) while the contact's
 *   card row still holds what was delivered; the triggers copy the delivered entry into
 *   the staged row before a sync changes or deletes it. An updated contact (R9-R12), whose
 *   entry is a union computed in JS, is staged with its entry.
 */
import type { Migration } from './migration';

export const migration0006ExportCards: Migration = {
  version: 6,
  name: '0006-export-cards',
  up(db) {
    db.exec(`
      CREATE TABLE contact_cards (
        account_id INTEGER NOT NULL,
        contact_id INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        responsible_user_id INTEGER,
        group_id INTEGER,
        -- The lines UID..NOTE, and the REV line (empty without a real time): CATEGORIES goes between.
        vcard3 BLOB NOT NULL,
        vcard3_rev BLOB NOT NULL,
        -- JSON [name, [[kind, key, value, normalized, type_code], ...]]: the deliverable channels.
        ledger TEXT NOT NULL,
        PRIMARY KEY (account_id, contact_id),
        FOREIGN KEY (account_id, contact_id) REFERENCES contacts (account_id, id) ON DELETE CASCADE
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX contact_cards_freshest_first ON contact_cards (account_id, updated_at DESC, contact_id DESC);

      CREATE TABLE contact_cards_format (version INTEGER NOT NULL) STRICT;

      CREATE INDEX contacts_for_export
        ON contacts (account_id, updated_at, phone_count, responsible_user_id, group_id);

      CREATE TABLE export_plans (
        id INTEGER PRIMARY KEY,
        device_id TEXT NOT NULL,
        staged_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE export_staged (
        account_id INTEGER NOT NULL,
        contact_id INTEGER NOT NULL,
        plan_id INTEGER NOT NULL REFERENCES export_plans (id) ON DELETE CASCADE,
        -- NULL: the same as contact_cards.ledger of the contact (the triggers keep it so).
        ledger TEXT,
        PRIMARY KEY (account_id, contact_id, plan_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TRIGGER contact_cards_keep_staged_on_update BEFORE UPDATE OF ledger ON contact_cards
      WHEN old.ledger IS NOT new.ledger
      BEGIN
        UPDATE export_staged SET ledger = old.ledger
        WHERE account_id = old.account_id AND contact_id = old.contact_id AND ledger IS NULL;
      END;

      CREATE TRIGGER contact_cards_keep_staged_on_delete BEFORE DELETE ON contact_cards
      BEGIN
        UPDATE export_staged SET ledger = old.ledger
        WHERE account_id = old.account_id AND contact_id = old.contact_id AND ledger IS NULL;
      END;
    `);
  },
};
