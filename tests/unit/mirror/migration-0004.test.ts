/** Migration 4: the FTS index, the last-seven-digits column and the list-order index, filled for existing data. */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { searchContacts } from '../../../src/main/mirror/contacts-repo';
import { migration0004ContactsFts } from '../../../src/main/mirror/migrations/0004-contacts-fts';
import { currentVersion, migrateTo } from '../../../src/main/mirror/migrations/runner';
import { lookupPhone } from '../../../src/main/mirror/phone-lookup';
import { tempDir } from '../../helpers/temp-dir';

function mirrorAtVersion3(): Database.Database {
  const db = new Database(join(tempDir(), 'mirror.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrateTo(db, 3);
  db.prepare(
    `INSERT INTO accounts (id, name, subdomain, base_url, country, current_user_id, connected_at)
     VALUES (7, 'Ромашка', 'romashka', 'https://romashka.amocrm.ru', 'RU', 5, 0)`,
  ).run();
  const contact = db.prepare(
    `INSERT INTO contacts (account_id, id, name, first_name, last_name, created_at, updated_at, phone_count, search_text)
     VALUES (7, ?, ?, '', '', 0, 0, ?, ?)`,
  );
  const channel = db.prepare(
    `INSERT INTO contact_channels (account_id, contact_id, kind, position, value, normalized)
     VALUES (7, ?, ?, ?, ?, ?)`,
  );
  contact.run(1, 'Иван Петров', 1, 'иван петров 89123456789 79123456789 ivan@example.com');
  channel.run(1, 'phone', 0, '8 (912) 345-67-89', '+79123456789');
  channel.run(1, 'email', 1, 'ivan@example.com', 'ivan@example.com');
  contact.run(2, 'Склад', 2, 'склад 2223344 74952223344');
  channel.run(2, 'phone', 0, '222-33-44', null);
  channel.run(2, 'phone', 1, '+7 (495) 222-33-44 доб. 5', '+74952223344');
  contact.run(3, '', 0, 'n/a');
  channel.run(3, 'phone', 0, 'n/a', null);
  channel.run(3, 'im', 1, 'some_handle', null);
  return db;
}

describe('migration 0004-contacts-fts', () => {
  it('indexes the contacts that were already there', () => {
    const db = mirrorAtVersion3();
    migrateTo(db, 4);
    expect(currentVersion(db)).toBe(4);
    expect(migration0004ContactsFts.version).toBe(4);

    // One FTS entry per contact, under the packed (account, id) key.
    expect(db.prepare('SELECT count(*) FROM contacts_fts').pluck().get()).toBe(3);
    const find = (query: string) =>
      searchContacts(db, { query, offset: 0, limit: 10 }).items.map((item) => [item.id, item.name]);
    expect(find('петров')).toEqual([[1, 'Иван Петров']]);
    expect(find('ван')).toEqual([[1, 'Иван Петров']]);
    expect(find('345-67-89')).toEqual([[1, 'Иван Петров']]);
    expect(find('example.com')).toEqual([[1, 'Иван Петров']]);
    expect(find('222 33')).toEqual([[2, 'Склад']]);
    expect(find('')).toEqual([
      [1, 'Иван Петров'],
      [2, 'Склад'],
      [3, ''],
    ]);

    // The last seven digits: from E.164, or from the digits as written; none for the rest.
    expect(
      db.prepare('SELECT contact_id, position, last7 FROM contact_channels ORDER BY contact_id, position').all(),
    ).toEqual([
      { contact_id: 1, position: 0, last7: '3456789' },
      { contact_id: 1, position: 1, last7: null },
      { contact_id: 2, position: 0, last7: '2223344' },
      { contact_id: 2, position: 1, last7: '2223344' },
      { contact_id: 3, position: 0, last7: null },
      { contact_id: 3, position: 1, last7: null },
    ]);
    expect(lookupPhone(db, '89123456789')).toMatchObject({ matchedBy: 'e164', matches: [{ id: 1 }] });
    expect(lookupPhone(db, '+7 812 222-33-44')).toMatchObject({ matchedBy: 'last7', matches: [{ id: 2 }] });
    db.close();
  });

  it('replaces the name and (kind, normalized) indexes with the list-order and phone indexes', () => {
    const db = mirrorAtVersion3();
    migrateTo(db, 4);
    const indexes = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
      .pluck()
      .all();
    expect(indexes).toEqual(expect.arrayContaining(['contact_channels_by_phone', 'contacts_in_list_order']));
    expect(indexes).not.toContain('contacts_by_name');
    expect(indexes).not.toContain('contact_channels_by_normalized');
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((row) => row.detail).join('\n');
    expect(
      plan(`SELECT account_id, id FROM contacts c ORDER BY c.name = '', c.name COLLATE NOCASE, c.account_id, c.id`),
    ).toMatch(/USING COVERING INDEX contacts_in_list_order/);
    expect(plan(`SELECT * FROM contact_channels WHERE last7 = '3456789' AND normalized = '+79123456789'`)).toMatch(
      /USING INDEX contact_channels_by_phone \(last7=\? AND normalized=\?\)/,
    );
    db.close();
  });

  it('keeps the index in step with every later write, and cascades still work', () => {
    const db = mirrorAtVersion3();
    migrateTo(db, 4);
    const count = (query: string) => searchContacts(db, { query, offset: 0, limit: 10 }).total;
    db.prepare(
      `INSERT INTO contacts (account_id, id, name, first_name, last_name, created_at, updated_at, search_text)
       VALUES (7, 4, 'Олег Ким', '', '', 0, 0, 'олег ким')`,
    ).run();
    expect(count('олег')).toBe(1);
    db.prepare("UPDATE contacts SET name = 'Олег Пак', search_text = 'олег пак' WHERE id = 4").run();
    expect(count('ким')).toBe(0);
    expect(count('пак')).toBe(1);
    // A change elsewhere in the row does not touch the index.
    db.prepare('UPDATE contacts SET updated_at = 99 WHERE id = 4').run();
    expect(count('олег пак')).toBe(1);
    db.prepare('DELETE FROM contacts WHERE id = 1').run();
    expect(count('петров')).toBe(0);
    expect(db.prepare('SELECT count(*) FROM contact_channels WHERE contact_id = 1').pluck().get()).toBe(0);
    db.prepare('DELETE FROM accounts WHERE id = 7').run();
    expect(count('')).toBe(0);
    expect(count('склад')).toBe(0);
    expect(db.prepare('SELECT count(*) FROM contact_channels').pluck().get()).toBe(0);
    db.close();
  });

  it('migrates an empty mirror', () => {
    const db = new Database(':memory:');
    migrateTo(db, 4);
    expect(db.prepare('SELECT count(*) FROM contacts_fts').pluck().get()).toBe(0);
    db.close();
  });
});
