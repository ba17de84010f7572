/**
 * Migration 13: whose contacts the first pull asked for. A row written before it reads as "every
 * contact" (NULL), so an existing mirror is never pulled again for it; only a user id passes.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { currentVersion, migrateTo } from '../../../src/main/mirror/migrations/runner';
import { tempDir } from '../../helpers/temp-dir';

describe('migration 0013 (pulled for one user)', () => {
  it('adds pulled_for_user_id as NULL on old rows, keeps the rest, refuses what is not a user id', () => {
    const db = new Database(join(tempDir(), 'mirror.sqlite'));
    db.pragma('foreign_keys = ON');
    migrateTo(db, 12);
    db.prepare(
      `INSERT INTO accounts (id, name, subdomain, base_url, current_user_id, is_demo, auth_kind, connected_at)
       VALUES (7, 'Acme', 'acme', 'https://acme.amocrm.ru', 1, 0, 'long-lived', 0)`,
    ).run();
    db.prepare(
      `INSERT INTO sync_state (account_id, full_pull_done, full_pull_started_at, watermark, full_pull_order)
       VALUES (7, 1, 100, 200, NULL)`,
    ).run();
    migrateTo(db, 13);
    expect(currentVersion(db)).toBe(13);
    // Read as the columns stand at version 13 (the repository reads the latest schema).
    const row = () =>
      db.prepare('SELECT full_pull_done, watermark, pulled_for_user_id FROM sync_state WHERE account_id = 7').get();
    expect(row()).toEqual({ full_pull_done: 1, watermark: 200, pulled_for_user_id: null });
    db.prepare('UPDATE sync_state SET pulled_for_user_id = 5000002 WHERE account_id = 7').run();
    expect(row()).toEqual({ full_pull_done: 1, watermark: 200, pulled_for_user_id: 5_000_002 });
    expect(() => db.prepare('UPDATE sync_state SET pulled_for_user_id = 0').run()).toThrow(/CHECK constraint failed/);
    expect(() => db.prepare("UPDATE sync_state SET pulled_for_user_id = 'me'").run()).toThrow();
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
