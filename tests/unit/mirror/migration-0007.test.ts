/**
 * Migration 7: devices and export runs accept 'carddav' (the CHECK widened in place, every
 * row and every ledger kept: a table rebuild would have cascaded into them), and the
 * CardDAV tables, whose rows go with their device.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { currentVersion, migrateTo } from '../../../src/main/mirror/migrations/runner';
import { tempDir } from '../../helpers/temp-dir';

function mirrorAtVersion6(): Database.Database {
  const db = new Database(join(tempDir(), 'mirror.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrateTo(db, 6);
  db.prepare(
    `INSERT INTO accounts (id, name, subdomain, base_url, country, current_user_id, connected_at, export_right)
     VALUES (7, 'Ромашка', 'romashka', 'https://romashka.amocrm.ru', 'RU', 5, 0, 'A')`,
  ).run();
  db.prepare("INSERT INTO devices (id, name, platform, created_at) VALUES ('phone', 'Phone', 'android', 0)").run();
  db.prepare(
    "INSERT INTO export_ledger (device_id, account_id, contact_id, name, first_delivered_at, last_delivered_at) VALUES ('phone', 7, 1, 'A', 0, 0)",
  ).run();
  db.prepare(
    "INSERT INTO export_runs (device_id, started_at, finished_at, delivery, outcome, delivered, detail) VALUES ('phone', 0, 0, 'file', 'delivered', 1, '{}')",
  ).run();
  return db;
}

describe('migration 0007 (CardDAV targets)', () => {
  it('before it, a carddav device is refused; after it, accepted, with every existing row and ledger kept', () => {
    const db = mirrorAtVersion6();
    const insert = db.prepare("INSERT INTO devices (id, name, platform, created_at) VALUES (?, 'D', 'carddav', 0)");
    expect(() => insert.run('early')).toThrow(/CHECK constraint failed/);
    migrateTo(db, 7);
    expect(currentVersion(db)).toBe(7);
    db.prepare("INSERT INTO devices (id, name, platform, created_at) VALUES ('dav', 'D', 'carddav', 0)").run();
    expect(() =>
      db.prepare("INSERT INTO devices (id, name, platform, created_at) VALUES ('bad', 'D', 'fax', 0)").run(),
    ).toThrow(/CHECK constraint failed/);
    db.prepare(
      "INSERT INTO export_runs (device_id, started_at, finished_at, delivery, outcome, delivered, detail) VALUES ('dav', 0, 0, 'carddav', 'delivered', 1, '{}')",
    ).run();
    expect(db.prepare('SELECT count(*) FROM export_ledger').pluck().get()).toBe(1);
    expect(db.prepare('SELECT count(*) FROM export_runs').pluck().get()).toBe(2);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('a target, its book and its manifest go with the device; one href per target', () => {
    const db = mirrorAtVersion6();
    migrateTo(db, 7);
    db.prepare("INSERT INTO devices (id, name, platform, created_at) VALUES ('dav', 'D', 'carddav', 0)").run();
    db.prepare(
      "INSERT INTO carddav_targets VALUES ('dav', 'custom', 'http://127.0.0.1/', 'u', 'password', 'http://127.0.0.1/u/', 1)",
    ).run();
    db.prepare("INSERT INTO carddav_books VALUES ('dav', 7, 'http://127.0.0.1/u/amocrm-7/', 1, NULL)").run();
    const manifest = db.prepare('INSERT INTO carddav_manifest VALUES (?, 7, ?, ?, ?)');
    manifest.run('dav', 1, 'http://127.0.0.1/u/amocrm-7/a.vcf', '"e"');
    expect(() => manifest.run('dav', 2, 'http://127.0.0.1/u/amocrm-7/a.vcf', '"e"')).toThrow(/UNIQUE/);
    expect(() =>
      db.prepare("INSERT INTO carddav_targets VALUES ('nobody', 'custom', 'x', 'u', 'password', 'x', 1)").run(),
    ).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM devices WHERE id = 'dav'").run();
    for (const table of ['carddav_targets', 'carddav_books', 'carddav_manifest']) {
      expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get()).toBe(0);
    }
    db.close();
  });
});
