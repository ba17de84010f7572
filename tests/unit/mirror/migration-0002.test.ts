/** Migration 2: per-account sync state, removed with its account. */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { currentVersion, migrateTo } from '../../../src/main/mirror/migrations/runner';

describe('migration 0002-sync-state', () => {
  it('adds sync_state keyed on the account and cascading with it', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrateTo(db, 1);
    db.prepare(
      "INSERT INTO accounts (id, name, subdomain, base_url, current_user_id, connected_at) VALUES (7, 'A', 'a', 'https://a.amocrm.ru', 5, 0)",
    ).run();
    migrateTo(db, 2);
    expect(currentVersion(db)).toBe(2);
    db.prepare('INSERT INTO sync_state (account_id, full_pull_next_page, watermark) VALUES (7, 3, 1700000000)').run();
    expect(db.prepare('SELECT full_pull_done, full_pull_next_page FROM sync_state').get()).toEqual({
      full_pull_done: 0,
      full_pull_next_page: 3,
    });
    expect(() => db.prepare('INSERT INTO sync_state (account_id) VALUES (99)').run()).toThrow(/FOREIGN KEY/);
    db.prepare('DELETE FROM accounts WHERE id = 7').run();
    expect(db.prepare('SELECT count(*) FROM sync_state').pluck().get()).toBe(0);
  });
});
