/**
 * Migration 6: the table of stored export cards, left empty (self-contained: it calls no
 * renderer of today), then filled at open for the contacts already in a mirror (an upgraded
 * user's database exports the same bytes as before) with their renderer version, and the
 * triggers that keep a staged delivery's ledger entry when a sync rewrites the card.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { writeContactCardsUtf8 } from '../../../src/main/export/card-from-mirror';
import { freshContacts } from '../../../src/main/export/delta';
import { renderPlan } from '../../../src/main/export/file-export';
import { freshContactIds } from '../../../src/main/export/fresh-cards';
import { planExport } from '../../../src/main/export/plan-export';
import { storedCardFormat } from '../../../src/main/export/stored-card';
import { rebuildContactCards } from '../../../src/main/export/stored-cards-table';
import { getAccount } from '../../../src/main/mirror/accounts-repo';
import { migration0006ExportCards } from '../../../src/main/mirror/migrations/0006-export-cards';
import { allMigrations } from '../../../src/main/mirror/migrations/index';
import { currentVersion, migrateTo } from '../../../src/main/mirror/migrations/runner';
import { closeStore, openStore } from '../../../src/main/store/open-store';
import { tempDir } from '../../helpers/temp-dir';
import { readVCards } from '../../helpers/vcard-reader';

function mirrorAtVersion5(): { db: Database.Database; path: string } {
  const path = join(tempDir(), 'mirror.sqlite');
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrateTo(db, 5);
  db.prepare(
    `INSERT INTO accounts (id, name, subdomain, base_url, country, current_user_id, connected_at, export_right)
     VALUES (7, 'Ромашка', 'romashka', 'https://romashka.amocrm.ru', 'RU', 5, 0, 'A')`,
  ).run();
  db.prepare("INSERT INTO devices (id, name, platform, created_at) VALUES ('phone', 'Phone', 'android', 0)").run();
  const contact = db.prepare(
    `INSERT INTO contacts (account_id, id, name, first_name, last_name, responsible_user_id, created_at, updated_at,
       phone_count, search_text, position)
     VALUES (7, ?, ?, ?, ?, 5, 0, ?, ?, '', ?)`,
  );
  const channel = db.prepare(
    `INSERT INTO contact_channels (account_id, contact_id, kind, position, value, normalized, type_code)
     VALUES (7, ?, ?, ?, ?, ?, ?)`,
  );
  contact.run(1, 'Иван Петров', 'Иван', 'Петров', 1_700_000_000, 1, 'Директор; по продажам');
  channel.run(1, 'phone', 0, '8 (912) 345-67-89', '+79123456789', 'MOB');
  channel.run(1, 'email', 1, 'Ivan@Example.com', 'ivan@example.com', 'WORK');
  channel.run(1, 'im', 2, 'ivan_p', null, 'TELEGRAM');
  contact.run(2, 'Склад', '', '', 1_700_000_100, 1, null);
  channel.run(2, 'phone', 0, 'n/a', null, 'WORK');
  channel.run(2, 'phone', 1, '+7 (495) 222-33-44 доб. 5', '+74952223344', 'WORK');
  contact.run(3, 'Без телефона', '', '', 1_700_000_200, 0, null);
  channel.run(3, 'email', 0, 'none@example.com', 'none@example.com', 'WORK');
  return { db, path };
}

describe('migration 0006-export-cards', () => {
  it('leaves the cards to the open-time check, which renders those of the contacts already there; the upgraded mirror exports the same bytes', () => {
    const { db, path } = mirrorAtVersion5();
    migrateTo(db, 6);
    expect(currentVersion(db)).toBe(6);
    expect(migration0006ExportCards.version).toBe(6);
    expect(db.prepare('SELECT count(*) FROM contact_cards').pluck().get()).toBe(0);
    expect(db.prepare('SELECT version FROM contact_cards_format').pluck().all()).toEqual([]);
    db.close();

    const mirror = openStore(path);
    // Contacts with a dialable phone only (R2).
    expect(mirror.prepare('SELECT contact_id FROM contact_cards ORDER BY contact_id').pluck().all()).toEqual([1, 2]);
    expect(mirror.prepare('SELECT version FROM contact_cards_format').pluck().all()).toEqual([storedCardFormat]);
    expect(
      JSON.parse(mirror.prepare('SELECT ledger FROM contact_cards WHERE contact_id = 2').pluck().get() as string),
    ).toEqual(['Склад', [['phone', '+74952223344', '+7 (495) 222-33-44 доб. 5', '+74952223344', 'WORK']]]);
    const account = getAccount(mirror, 7);
    if (!account) throw new Error('no account');
    const plan = planExport({
      db: mirror,
      device: { id: 'phone', name: 'Phone', platform: 'android', createdAt: 0 },
      accounts: [account],
      period: 'all',
      filters: { onlyMine: false, responsible: null },
      nowMs: 1_800_000_000_000,
    });
    const bytes = renderPlan(mirror, plan, 'vcard3');
    const delta = plan.deltas[0];
    if (!delta) throw new Error('no delta');
    const js = writeContactCardsUtf8(
      freshContacts(mirror, 7, freshContactIds(mirror, delta.fresh)),
      'amoCRM Ромашка',
      'vcard3',
      plan.telForm,
    );
    expect(bytes.toString('utf8')).toBe(js.toString('utf8'));
    const cards = readVCards(bytes.toString('utf8'));
    expect(cards.map((card) => [card.text('FN'), card.text('TITLE') ?? null])).toEqual([
      ['Иван Петров', 'Директор; по продажам'],
      ['Склад', null],
    ]);
    closeStore(mirror);
  });

  it('renders the cards again when the mirror opens with cards of another renderer version', () => {
    const { db: first, path } = mirrorAtVersion5();
    first.close();
    const opened = openStore(path);
    const before = opened.prepare('SELECT contact_id, vcard3, ledger FROM contact_cards ORDER BY contact_id').all();
    expect(before).toHaveLength(2);
    closeStore(opened);
    const db = new Database(path);
    db.prepare('DELETE FROM contact_cards').run();
    db.prepare('UPDATE contact_cards_format SET version = ?').run(storedCardFormat - 1);
    db.close();
    const mirror = openStore(path);
    expect(mirror.prepare('SELECT contact_id, vcard3, ledger FROM contact_cards ORDER BY contact_id').all()).toEqual(
      before,
    );
    expect(mirror.prepare('SELECT version FROM contact_cards_format').pluck().get()).toBe(storedCardFormat);
    closeStore(mirror);
  });

  it('keeps the entry a staged delivery stands for when a sync changes or deletes the card', () => {
    const { db } = mirrorAtVersion5();
    migrateTo(db, allMigrations.length);
    rebuildContactCards(db);
    db.prepare("INSERT INTO export_plans (id, device_id, staged_at) VALUES (1, 'phone', 0)").run();
    db.prepare(
      'INSERT INTO export_staged (account_id, contact_id, plan_id, ledger) VALUES (7, 1, 1, NULL), (7, 2, 1, NULL)',
    ).run();
    const original = (id: number) =>
      db.prepare('SELECT ledger FROM contact_cards WHERE contact_id = ?').pluck().get(id) as string;
    const [first, second] = [original(1), original(2)];
    const staged = () => db.prepare('SELECT contact_id, ledger FROM export_staged ORDER BY contact_id').all();

    // A change that leaves the entry as it was copies nothing.
    db.prepare('UPDATE contact_cards SET updated_at = 1 WHERE contact_id = 1').run();
    expect(staged()).toEqual([
      { contact_id: 1, ledger: null },
      { contact_id: 2, ledger: null },
    ]);
    db.prepare(`UPDATE contact_cards SET ledger = '["Новое", []]' WHERE contact_id = 1`).run();
    db.prepare(`UPDATE contact_cards SET ledger = '["Новее", []]' WHERE contact_id = 1`).run();
    db.prepare('DELETE FROM contacts WHERE id = 2').run();
    // The first version after staging is kept: the one delivered.
    expect(staged()).toEqual([
      { contact_id: 1, ledger: first },
      { contact_id: 2, ledger: second },
    ]);
    db.prepare('DELETE FROM export_plans WHERE id = 1').run();
    expect(staged()).toEqual([]);
    db.close();
  });

  it('migrates an empty mirror', () => {
    const db = new Database(':memory:');
    migrateTo(db, 6);
    expect(db.prepare('SELECT count(*) FROM contact_cards').pluck().get()).toBe(0);
    expect(db.prepare('SELECT version FROM contact_cards_format').pluck().get()).toBeUndefined();
    db.close();
  });
});
