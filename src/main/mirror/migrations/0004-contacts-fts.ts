/**
 * Schema 4: search and "who is calling?" that stay fast at 100,000 contacts.
 *
 * - `contacts_fts`: an FTS5 index of `contacts.search_text` (names, e-mails, messengers and
 *   phone digits, already folded by the writer) with the trigram tokenizer, so any
 *   fragment of three or more characters is found wherever it sits ("ван" in "иван",
 *   "34567" in "79123456789"). Contentless: the text lives once, in `contacts`.
 *   Its rowid is the contact's key packed into one integer, `(account_id << 32) + id`
 *   (amoCRM ids are 32-bit), never the contacts' implicit rowid, which VACUUM may renumber.
 *   Triggers keep it in step with `contacts`, so no writer has to know it exists; an
 *   update re-indexes a contact only when its search text (or key) changed.
 * - `contact_channels.last7`: the last seven digits of a phone (from its E.164 form, or
 *   from the digits as written when that is all there is), computed by SQLite itself.
 *   One index of phones only, on (last7, normalized), answers both "who has +79123456789"
 *   (last7 and normalized both equal) and amoCRM's "same last seven digits" fallback; it
 *   replaces the index on (kind, normalized), which covered e-mails and messengers too
 *   and which nothing read. One index fewer to update on every page a sync writes.
 * - `contacts_in_list_order`: the list's order (contacts without a name last, then name,
 *   account, id) as an index, so a page of a long list is read in order, not sorted. It
 *   replaces `contacts_by_name`, which nothing else read.
 */
import type { Migration } from './migration';

/** The FTS rowid of a contact row (`row` is `new` or `old` in a trigger, or a table alias). */
const key = (row: string) => `((${row}.account_id << 32) + ${row}.id)`;

/** `value` with the separators people type between digits removed. */
const strippedValue = [' ', '-', '(', ')', '+', '.', '/', 'char(9)', 'char(160)'].reduce(
  (sql, char) => `replace(${sql}, ${char.startsWith('char') ? char : `'${char}'`}, '')`,
  'value',
);

const last7 = `CASE WHEN kind = 'phone' THEN
    CASE
      WHEN normalized IS NOT NULL THEN substr(normalized, -7)
      WHEN ${strippedValue} NOT GLOB '*[^0-9]*' AND length(${strippedValue}) BETWEEN 7 AND 16
        THEN substr(${strippedValue}, -7)
    END
  END`;

export const migration0004ContactsFts: Migration = {
  version: 4,
  name: '0004-contacts-fts',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE contacts_fts USING fts5(
        search_text,
        tokenize = 'trigram',
        content = '',
        contentless_delete = 1
      );
      -- Merge segments less eagerly while a sync writes page after page (the default is 4).
      INSERT INTO contacts_fts (contacts_fts, rank) VALUES ('automerge', 8);

      -- Each trigger first removes whatever the index holds under the key, so a stale entry
      -- cannot survive: INSERT OR REPLACE (with recursive triggers off, the row it replaces
      -- goes without firing the delete trigger) ends with one, current entry. (Not "INSERT
      -- OR REPLACE INTO contacts_fts": a trigger's conflict clause yields to the statement's.)
      CREATE TRIGGER contacts_fts_after_insert AFTER INSERT ON contacts BEGIN
        DELETE FROM contacts_fts WHERE rowid = ${key('new')};
        INSERT INTO contacts_fts (rowid, search_text) VALUES (${key('new')}, new.search_text);
      END;

      CREATE TRIGGER contacts_fts_after_update AFTER UPDATE OF account_id, id, search_text ON contacts
      WHEN old.search_text IS NOT new.search_text OR old.account_id IS NOT new.account_id OR old.id IS NOT new.id
      BEGIN
        DELETE FROM contacts_fts WHERE rowid = ${key('old')};
        DELETE FROM contacts_fts WHERE rowid = ${key('new')};
        INSERT INTO contacts_fts (rowid, search_text) VALUES (${key('new')}, new.search_text);
      END;

      CREATE TRIGGER contacts_fts_after_delete AFTER DELETE ON contacts BEGIN
        DELETE FROM contacts_fts WHERE rowid = ${key('old')};
      END;

      INSERT INTO contacts_fts (rowid, search_text) SELECT ${key('contacts')}, search_text FROM contacts;

      ALTER TABLE contact_channels ADD COLUMN last7 TEXT GENERATED ALWAYS AS (${last7}) VIRTUAL;
      DROP INDEX contact_channels_by_normalized;
      CREATE INDEX contact_channels_by_phone ON contact_channels (last7, normalized) WHERE last7 IS NOT NULL;

      -- Replaces contacts_by_name, which could not give this order (no-name contacts last).
      DROP INDEX contacts_by_name;
      CREATE INDEX contacts_in_list_order ON contacts (name = '', name COLLATE NOCASE, account_id, id);
    `);
  },
};
