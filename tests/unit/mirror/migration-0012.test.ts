/**
 * Migration 12: the freshest-first pull's order and floor on sync_state; a row written before it
 * (a pull by id stopped halfway) keeps its cursor and reads as "by id"; only the two orders pass.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { currentVersion, migrateTo } from '../../../src/main/mirror/migrations/runner';
import { tempDir } from '../../helpers/temp-dir';

describe('migration 0012 (freshest-first pull)', () => {
  it('adds order and floor, keeps an interrupted pull by id as it was, refuses other orders', () => {
    const db = new Database(join(tempDir(), 'mirror.sqlite'));
    db.pragma('foreign_keys = ON');
    migrateTo(db, 11);
    db.prepare(
      `INSERT INTO accounts (id, name, subdomain, base_url, current_user_id, is_demo, auth_kind, connected_at)
       VALUES (7, 'Acme', 'acme', 'https://acme.amocrm.ru', 1, 0, 'long-lived', 0)`,
    ).run();
    db.prepare(
      'INSERT INTO sync_state (account_id, full_pull_done, full_pull_started_at, full_pull_next_page) VALUES (7, 0, 100, 5)',
    ).run();
    migrateTo(db, 12);
    expect(currentVersion(db)).toBe(12);
    // Read as the columns stand at version 12 (the repository reads the latest schema).
    const row = () =>
      db
        .prepare(
          'SELECT full_pull_done, full_pull_started_at, full_pull_next_page, full_pull_order, full_pull_floor FROM sync_state WHERE account_id = 7',
        )
        .get();
    expect(row()).toEqual({
      full_pull_done: 0,
      full_pull_started_at: 100,
      full_pull_next_page: 5,
      full_pull_order: null,
      full_pull_floor: null,
    });
    db.prepare(
      "UPDATE sync_state SET full_pull_order = 'updated-desc', full_pull_floor = 90 WHERE account_id = 7",
    ).run();
    expect(row()).toMatchObject({ full_pull_order: 'updated-desc', full_pull_floor: 90 });
    expect(() => db.prepare("UPDATE sync_state SET full_pull_order = 'name-asc'").run()).toThrow(
      /CHECK constraint failed/,
    );
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
