/** Migration 1: the initial schema, applied to an empty database file. */

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migration0001Initial } from '../../../src/main/mirror/migrations/0001-initial';
import { currentVersion, migrateTo } from '../../../src/main/mirror/migrations/runner';
import { tempDir } from '../../helpers/temp-dir';

function freshDb() {
  const db = new Database(join(tempDir(), 'm.sqlite'));
  db.pragma('foreign_keys = ON');
  return db;
}

describe('migration 0001-initial', () => {
  it('creates the accounts, contacts, channels and devices tables at version 1', () => {
    const db = freshDb();
    migrateTo(db, 1);
    expect(currentVersion(db)).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(['accounts', 'contact_channels', 'contacts', 'devices']);
    expect(migration0001Initial.version).toBe(1);
    db.close();
  });

  it('cascades: removing an account removes its contacts and their channels', () => {
    const db = freshDb();
    migrateTo(db, 1);
    db.prepare(
      "INSERT INTO accounts (id, name, subdomain, base_url, current_user_id, connected_at) VALUES (1, 'A', 'a', 'https://a.amocrm.ru', 5, 0)",
    ).run();
    db.prepare(
      "INSERT INTO contacts (account_id, id, name, first_name, last_name, created_at, updated_at, search_text) VALUES (1, 10, 'N', '', '', 0, 0, 'n')",
    ).run();
    db.prepare(
      "INSERT INTO contact_channels (account_id, contact_id, kind, position, value) VALUES (1, 10, 'phone', 0, '+7')",
    ).run();
    db.prepare('DELETE FROM accounts WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM contact_channels').pluck().get()).toBe(0);
    db.close();
  });

  it('rejects what the schema forbids: unknown platforms and channel kinds, wrong types (STRICT)', () => {
    const db = freshDb();
    migrateTo(db, 1);
    expect(() =>
      db.prepare("INSERT INTO devices (id, name, platform, created_at) VALUES ('x', 'X', 'nokia', 0)").run(),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO accounts (id, name, subdomain, base_url, current_user_id, connected_at) VALUES (1, 'A', 'a', 'u', 'not a number', 0)",
        )
        .run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    db.prepare(
      "INSERT INTO accounts (id, name, subdomain, base_url, current_user_id, connected_at) VALUES (1, 'A', 'a', 'https://a.amocrm.ru', 5, 0)",
    ).run();
    // A channel cannot exist without its contact.
    expect(() =>
      db
        .prepare(
          "INSERT INTO contact_channels (account_id, contact_id, kind, position, value) VALUES (1, 99, 'phone', 0, '+7')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
