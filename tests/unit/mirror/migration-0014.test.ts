/**
 * Migration 14: the team mirror's departures and a colleague's team-mirror address. Departures
 * are written only for accounts served to a team, stamped past the account's watermark; an
 * address comes with its fingerprint or not at all.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { currentVersion, migrateTo } from '../../../src/main/mirror/migrations/runner';
import { tempDir } from '../../helpers/temp-dir';

function database() {
  const db = new Database(join(tempDir(), 'mirror.sqlite'));
  db.pragma('foreign_keys = ON');
  migrateTo(db, 13);
  for (const id of [7, 8]) {
    db.prepare(
      `INSERT INTO accounts (id, name, subdomain, base_url, current_user_id, is_demo, auth_kind, connected_at)
       VALUES (?, 'Acme', 'acme', 'https://acme.amocrm.ru', 1, 0, 'long-lived', 0)`,
    ).run(id);
  }
  migrateTo(db, 14);
  return db;
}

const insertContact = (db: Database.Database, account: number, id: number, responsible: number) =>
  db
    .prepare(
      `INSERT INTO contacts (account_id, id, name, first_name, last_name, responsible_user_id, group_id, created_at,
         updated_at, search_text) VALUES (?, ?, 'X', '', '', ?, 1, 0, 0, 'x')`,
    )
    .run(account, id, responsible);

describe('migration 0014 (team mirror)', () => {
  it('records departures only for a served account: deleted, reassigned (with who had it), restored', () => {
    const db = database();
    expect(currentVersion(db)).toBe(14);
    db.prepare('INSERT INTO sync_state (account_id, full_pull_done, watermark) VALUES (7, 1, 1000)').run();
    db.prepare('INSERT INTO team_mirror_accounts (account_id, enabled_at) VALUES (7, 0)').run();
    for (const account of [7, 8]) for (const id of [1, 2, 3]) insertContact(db, account, id, 50);

    for (const account of [7, 8]) {
      db.prepare('DELETE FROM contacts WHERE account_id = ? AND id = 1').run(account);
      db.prepare('UPDATE contacts SET responsible_user_id = 60 WHERE account_id = ? AND id = 2').run(account);
      db.prepare("UPDATE contacts SET name = 'Y' WHERE account_id = ? AND id = 3").run(account); // not a departure
      insertContact(db, account, 1, 50); // back after the deletion
    }
    const rows = db
      .prepare('SELECT account_id, contact_id, kind, responsible_user_id, stamp FROM contact_departures ORDER BY seq')
      .all();
    expect(rows).toEqual([
      { account_id: 7, contact_id: 1, kind: 'deleted', responsible_user_id: 50, stamp: 1001 },
      { account_id: 7, contact_id: 2, kind: 'reassigned', responsible_user_id: 50, stamp: 1001 },
      { account_id: 7, contact_id: 1, kind: 'restored', responsible_user_id: null, stamp: 1001 },
    ]);
    // Removing the served account (its contacts by cascade) neither fails nor is blocked.
    db.prepare('DELETE FROM accounts WHERE id = 7').run();
    expect(db.prepare('SELECT count(*) FROM contacts WHERE account_id = 7').pluck().get()).toBe(0);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('keeps a team-mirror address with its fingerprint, or neither', () => {
    const db = database();
    db.prepare(
      "UPDATE accounts SET team_mirror_url = 'https://192.168.1.5:8443', team_mirror_fingerprint = 'AB' WHERE id = 7",
    ).run();
    expect(() => db.prepare("UPDATE accounts SET team_mirror_url = 'https://x' WHERE id = 8").run()).toThrow(
      /CHECK constraint failed/,
    );
    expect(() => db.prepare('UPDATE accounts SET team_mirror_fingerprint = NULL WHERE id = 7').run()).toThrow(
      /CHECK constraint failed/,
    );
    db.close();
  });
});
