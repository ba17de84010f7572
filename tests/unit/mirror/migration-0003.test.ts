/** Migration 3: rights, users, groups and field definitions; existing accounts keep their data. */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { currentVersion, migrateTo } from '../../../src/main/mirror/migrations/runner';

describe('migration 0003-people-and-fields', () => {
  it('classifies existing accounts, leaves rights unknown, and adds the people and field tables', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrateTo(db, 2);
    const insert = db.prepare(
      'INSERT INTO accounts (id, name, subdomain, base_url, current_user_id, connected_at, is_demo) VALUES (?, ?, ?, ?, 5, 0, ?)',
    );
    insert.run(1, 'Real', 'real', 'https://real.amocrm.ru', 0);
    insert.run(2, 'Demo', 'demo', 'http://127.0.0.1:1', 1);
    migrateTo(db, 3);
    expect(currentVersion(db)).toBe(3);
    expect(db.prepare('SELECT id, auth_kind, export_right, is_admin FROM accounts ORDER BY id').all()).toEqual([
      { id: 1, auth_kind: 'long-lived', export_right: null, is_admin: null },
      { id: 2, auth_kind: 'demo', export_right: null, is_admin: null },
    ]);
    expect(() => db.prepare("UPDATE accounts SET export_right = 'X' WHERE id = 1").run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO crm_fields (account_id, id, code, name) VALUES (1, 100, 'PHONE', 'Телефон')").run();
    db.prepare("INSERT INTO crm_field_enums (account_id, field_id, id, value) VALUES (1, 100, 600001, 'MOB')").run();
    db.prepare("INSERT INTO crm_users (account_id, id, name, group_id) VALUES (1, 5, 'Ирина', 101)").run();
    db.prepare('DELETE FROM accounts WHERE id = 1').run();
    for (const table of ['crm_fields', 'crm_field_enums', 'crm_users']) {
      expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    }
  });
});
