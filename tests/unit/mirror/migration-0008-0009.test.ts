/**
 * Migration 8: a CardDAV target records the form its server keeps a number's extension in.
 * Migration 9: text that better-sqlite3 stored from a lone surrogate (the invalid UTF-8 bytes
 * ED A0 80) becomes U+FFFD in every text column, the search index follows, and nothing else
 * changes (valid text with 0xED bytes, Korean for one, is left alone).
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { currentVersion, migrateTo } from '../../../src/main/mirror/migrations/runner';
import { tempDir } from '../../helpers/temp-dir';

function mirrorAt(version: number): Database.Database {
  const db = new Database(join(tempDir(), 'mirror.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrateTo(db, version);
  db.prepare(
    `INSERT INTO accounts (id, name, subdomain, base_url, country, current_user_id, connected_at, export_right)
     VALUES (7, 'Ромашка', 'romashka', 'https://romashka.amocrm.ru', 'RU', 5, 0, 'A')`,
  ).run();
  return db;
}

describe("migration 0008 (a CardDAV server's TEL form)", () => {
  it('adds tel_form, NULL for existing targets, and accepts only the three forms', () => {
    const db = mirrorAt(7);
    db.prepare("INSERT INTO devices (id, name, platform, created_at) VALUES ('dav', 'D', 'carddav', 0)").run();
    db.prepare(
      `INSERT INTO carddav_targets (device_id, provider, server_url, username, auth, home_url, own_book)
       VALUES ('dav', 'custom', 'http://127.0.0.1/', 'u', 'password', 'http://127.0.0.1/u/', 1)`,
    ).run();
    migrateTo(db, 8);
    expect(currentVersion(db)).toBe(8);
    expect(db.prepare('SELECT tel_form FROM carddav_targets').pluck().get()).toBeNull();
    db.prepare("UPDATE carddav_targets SET tel_form = 'escaped-comma'").run();
    expect(() => db.prepare("UPDATE carddav_targets SET tel_form = 'semicolon'").run()).toThrow(/CHECK/);
  });
});

describe('migration 0009 (well-formed text)', () => {
  it('repairs lone surrogates in names and channels, keeps valid text, and the search finds the repaired name', () => {
    const db = mirrorAt(8);
    const insert = db.prepare(
      `INSERT INTO contacts (account_id, id, name, first_name, last_name, created_at, updated_at, phone_count, search_text)
       VALUES (7, ?, ?, '', '', 0, 0, 1, ?)`,
    );
    // What better-sqlite3 stored for a JS string with a lone surrogate: its WTF-8 bytes.
    insert.run(1, 'Broken \ud83d emoji', 'broken');
    insert.run(2, '한국어 이름', 'korean');
    db.prepare(
      `INSERT INTO contact_channels (account_id, contact_id, kind, position, value, normalized, type_code)
       VALUES (7, 1, 'im', 0, ?, NULL, 'SKYPE')`,
    ).run('handle\udc00');
    const bytes = (sql: string) => db.prepare(sql).pluck().get() as Buffer;
    expect(
      bytes('SELECT CAST(name AS BLOB) FROM contacts WHERE id = 1').includes(Buffer.from([0xed, 0xa0, 0xbd])),
    ).toBe(true);
    const korean = bytes('SELECT CAST(name AS BLOB) FROM contacts WHERE id = 2');

    migrateTo(db, 9);
    expect(currentVersion(db)).toBe(9);
    expect(db.prepare('SELECT name FROM contacts WHERE id = 1').pluck().get()).toBe('Broken \ufffd emoji');
    expect(bytes('SELECT CAST(name AS BLOB) FROM contacts WHERE id = 1')).toEqual(Buffer.from('Broken \ufffd emoji'));
    expect(db.prepare('SELECT value FROM contact_channels').pluck().get()).toBe('handle\ufffd');
    expect(bytes('SELECT CAST(name AS BLOB) FROM contacts WHERE id = 2')).toEqual(korean);
    expect(db.prepare("SELECT count(*) FROM contacts WHERE name LIKE '%emoji%'").pluck().get()).toBe(1);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
