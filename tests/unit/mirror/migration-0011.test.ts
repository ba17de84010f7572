/**
 * Migration 11: a device's remembered export choices, one per account scope, going with their
 * device; every existing row kept; values the app would never write refused by the table.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { currentVersion, migrateTo } from '../../../src/main/mirror/migrations/runner';
import { tempDir } from '../../helpers/temp-dir';

describe('migration 0011 (export choices)', () => {
  it('adds the table, one row per device and scope, gone with the device; bad values refused', () => {
    const db = new Database(join(tempDir(), 'mirror.sqlite'));
    db.pragma('foreign_keys = ON');
    migrateTo(db, 10);
    db.prepare("INSERT INTO devices (id, name, platform, created_at) VALUES ('phone', 'Phone', 'ios', 0)").run();
    expect(() => db.prepare('SELECT * FROM export_choices').all()).toThrow(/no such table/);
    migrateTo(db, 11);
    expect(currentVersion(db)).toBe(11);
    expect(db.prepare('SELECT count(*) FROM devices').pluck().get()).toBe(1);
    const insert = db.prepare('INSERT INTO export_choices VALUES (?, ?, ?, ?, 0)');
    insert.run('phone', 0, 1, '[]');
    insert.run('phone', 7, 0, '[5000002]');
    expect(() => insert.run('phone', 7, 0, '[]')).toThrow(/UNIQUE constraint failed/);
    expect(() => insert.run('phone', 8, 2, '[]')).toThrow(/CHECK constraint failed/);
    expect(() => insert.run('phone', 9, 0, '{"a":1}')).toThrow(/CHECK constraint failed/);
    expect(() => insert.run('phone', 9, 0, 'not json')).toThrow(/CHECK constraint failed/);
    expect(() => insert.run('ghost', 0, 0, '[]')).toThrow(/FOREIGN KEY constraint failed/);
    db.prepare("DELETE FROM devices WHERE id = 'phone'").run();
    expect(db.prepare('SELECT count(*) FROM export_choices').pluck().get()).toBe(0);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
