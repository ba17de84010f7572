/**
 * Migration 12: the freshest-first pull's order and floor on sync_state; a row written before it
 * (a pull by id stopped halfway) keeps its cursor and reads as "by id"; only the two orders pass.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { currentVersion, migrateTo } from '../../../src/main/mirror/migrations/runner';
import { getSyncState } from '../../../src/main/mirror/sync-state-repo';
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
    expect(getSyncState(db, 7)).toMatchObject({
      fullPullDone: false,
      fullPullStartedAt: 100,
      fullPullNextPage: 5,
      fullPullOrder: null,
      fullPullFloor: null,
    });
    db.prepare(
      "UPDATE sync_state SET full_pull_order = 'updated-desc', full_pull_floor = 90 WHERE account_id = 7",
    ).run();
    expect(getSyncState(db, 7)).toMatchObject({ fullPullOrder: 'updated-desc', fullPullFloor: 90 });
    expect(() => db.prepare("UPDATE sync_state SET full_pull_order = 'name-asc'").run()).toThrow(
      /CHECK constraint failed/,
    );
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
