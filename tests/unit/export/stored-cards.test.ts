/**
 * The stored-card export (issue 4): SQLite's bytes are the JS writer's bytes for the same
 * contacts, hostile text included; the staging makes the ledger record what was delivered
 * even when a sync rewrites the mirror before the commit (R15); a plan that is not
 * committed leaves nothing behind.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { toMirrorContact } from '../../../src/main/crm/contact-mapper';
import type { WireContact } from '../../../src/main/crm/wire';
import { writeContactCardsUtf8 } from '../../../src/main/export/card-from-mirror';
import { freshContacts } from '../../../src/main/export/delta';
import { renderPlan } from '../../../src/main/export/file-export';
import { freshContactIds } from '../../../src/main/export/fresh-cards';
import {
  accountLabel,
  commitPlan,
  discardPlan,
  type ExportPlan,
  planExport,
} from '../../../src/main/export/plan-export';
import { getAccount, saveAccount, saveRights } from '../../../src/main/mirror/accounts-repo';
import { deleteContacts, upsertContacts } from '../../../src/main/mirror/contacts-repo';
import type { MirrorDb } from '../../../src/main/mirror/database';
import { abandonedAfterMs } from '../../../src/main/mirror/export-staging-repo';
import type { MirrorContact } from '../../../src/main/model/contact';
import { phoneRegion } from '../../../src/main/phones/normalize';
import { closeStore, openStore } from '../../../src/main/store/open-store';
import type { Device } from '../../../src/shared/api/types';
import { tempDir } from '../../helpers/temp-dir';
import { readVCards } from '../../helpers/vcard-reader';

const accountId = 31;
const android: Device = { id: 'android', name: 'Android', platform: 'android', createdAt: 0 };
const iphone: Device = { id: 'iphone', name: 'iPhone', platform: 'ios', createdAt: 0 };

let open: MirrorDb[] = [];
afterEach(() => {
  for (const db of open) closeStore(db);
  open = [];
});

function mirror(path = join(tempDir(), 'mirror.sqlite')): MirrorDb {
  const db = openStore(path);
  open.push(db);
  saveAccount(db, {
    id: accountId,
    name: 'Ромашка, "ООО"; \\ тест',
    subdomain: 'romashka',
    baseUrl: 'https://romashka.amocrm.ru',
    country: 'RU',
    currentUserId: 5,
    isDemo: false,
    authKind: 'long-lived',
    connectedAt: 0,
  });
  saveRights(db, accountId, { known: true, exportLetter: 'A', isAdmin: true, groupId: 0 }, 0);
  for (const device of [android, iphone]) {
    db.prepare('INSERT OR IGNORE INTO devices (id, name, platform, created_at) VALUES (?, ?, ?, 0)').run(
      device.id,
      device.name,
      device.platform,
    );
  }
  return db;
}

function contact(id: number, name: string, phones: string[], extra: Partial<WireContact> = {}): MirrorContact {
  return toMirrorContact(
    {
      id,
      name,
      updated_at: 1_700_000_000 + id,
      responsible_user_id: 5,
      custom_fields_values: [
        { field_id: 1, field_code: 'PHONE', values: phones.map((value) => ({ value, enum_code: 'MOB' })) },
        { field_id: 2, field_code: 'EMAIL', values: [{ value: `c${id}@Example.com`, enum_code: 'WORK' }] },
        { field_id: 3, field_code: 'IM', values: [{ value: `@handle${id}`, enum_code: 'TELEGRAM' }] },
      ],
      ...extra,
    },
    phoneRegion('RU'),
  );
}

function plan(db: MirrorDb, device: Device): ExportPlan {
  const account = getAccount(db, accountId);
  if (!account) throw new Error('no account');
  return planExport({
    db,
    device,
    accounts: [account],
    period: 'all',
    filters: { onlyMine: false, responsible: null },
    nowMs: 1_800_000_000_000,
  });
}

/** The same new contacts written by the JS writer, from the mirror's rows, in the plan's order. */
function jsBytes(db: MirrorDb, exportPlan: ExportPlan, format: 'vcard3' | 'vcard4' = 'vcard3'): Buffer {
  const delta = exportPlan.deltas[0];
  if (!delta) throw new Error('no delta');
  const ids = freshContactIds(db, delta.fresh);
  const label = accountLabel(getAccount(db, accountId) as NonNullable<ReturnType<typeof getAccount>>);
  return writeContactCardsUtf8(freshContacts(db, accountId, ids), label, format, exportPlan.telForm);
}

const ledger = (db: MirrorDb, device: Device) =>
  db
    .prepare('SELECT contact_id AS id, name FROM export_ledger WHERE device_id = ? ORDER BY contact_id')
    .all(device.id) as Array<{ id: number; name: string }>;
const ledgerPhones = (db: MirrorDb, device: Device, id: number) =>
  db
    .prepare(
      "SELECT key FROM export_ledger_channels WHERE device_id = ? AND contact_id = ? AND kind = 'phone' ORDER BY key",
    )
    .pluck()
    .all(device.id, id);
const stagedRows = (db: MirrorDb) => db.prepare('SELECT count(*) FROM export_staged').pluck().get() as number;

/** Text no importer likes: separators, escapes, line breaks, controls, lone surrogates, RTL, emoji, long runs. */
const hostile = fc
  .array(
    fc.constantFrom(
      'а',
      'Z',
      ' ',
      ',',
      ';',
      ':',
      '\\',
      '\n',
      '\r\n',
      '\t',
      '\u0000',
      '\u0085',
      '\ud800',
      '\udc00',
      '😀',
      '\u202e',
      'END:VCARD',
      'ё'.repeat(40),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

describe('stored cards: the bytes', () => {
  it('are the JS writer’s bytes for the same contacts, for any text (vCard 3.0, Android and iPhone)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            name: hostile,
            phone: fc.constantFrom('+7 912 345-67-89', '8 (495) 111-22-33 доб. 7', '12345', 'n/a'),
          }),
          {
            minLength: 1,
            maxLength: 12,
          },
        ),
        hostile,
        (people, position) => {
          const db = mirror();
          upsertContacts(
            db,
            accountId,
            people.map((person, index) =>
              contact(index + 1, person.name, [person.phone], {
                custom_fields_values: [
                  { field_id: 1, field_code: 'PHONE', values: [{ value: person.phone, enum_code: 'WORK' }] },
                  { field_id: 4, field_code: 'POSITION', values: [{ value: position }] },
                  { field_id: 3, field_code: 'IM', values: [{ value: person.name, enum_code: 'SKYPE' }] },
                ],
              }),
            ),
          );
          for (const device of [android, iphone]) {
            const exportPlan = plan(db, device);
            const bytes = renderPlan(db, exportPlan, 'vcard3');
            expect(bytes.toString('latin1')).toBe(jsBytes(db, exportPlan).toString('latin1'));
            expect(readVCards(bytes.toString('utf8'))).toHaveLength(exportPlan.preview.new);
            discardPlan(db, exportPlan);
          }
          closeStore(db);
          open = open.filter((other) => other !== db);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('orders an iPhone’s cards freshest first and an Android’s by id; vCard 4.0 carries the same contacts', () => {
    const db = mirror();
    upsertContacts(db, accountId, [
      contact(3, 'Старый', ['+79120000003'], { updated_at: 100 }),
      contact(1, 'Новый', ['+79120000001'], { updated_at: 300 }),
      contact(2, 'Средний', ['+79120000002'], { updated_at: 200 }),
      contact(4, 'Без телефона', []),
    ]);
    const names = (bytes: Buffer, version?: '3.0' | '4.0') =>
      readVCards(bytes.toString('utf8'), version ? { version } : {}).map((card) => card.text('FN'));
    const androidPlan = plan(db, android);
    expect(names(renderPlan(db, androidPlan, 'vcard3'))).toEqual(['Новый', 'Средний', 'Старый']);
    const iphonePlan = plan(db, iphone);
    expect(names(renderPlan(db, iphonePlan, 'vcard3'))).toEqual(['Новый', 'Средний', 'Старый']);
    expect(iphonePlan.preview).toMatchObject({ new: 3, skippedNoPhone: 1, capRemaining: 4997 });
    const vcard4 = renderPlan(db, androidPlan, 'vcard4');
    expect(vcard4.equals(jsBytes(db, androidPlan, 'vcard4'))).toBe(true);
    expect(names(vcard4, '4.0')).toEqual(['Новый', 'Средний', 'Старый']);
  });
});

describe('stored cards: the staging and the ledger (R15)', () => {
  it('records what was delivered, not what a sync wrote between the rendering and the commit', () => {
    const db = mirror();
    upsertContacts(db, accountId, [
      contact(1, 'Анна', ['+79120000001']),
      contact(2, 'Борис', ['+79120000002']),
      contact(3, 'Вера', ['+79120000003']),
    ]);
    const exportPlan = plan(db, android);
    const delivered = readVCards(renderPlan(db, exportPlan, 'vcard3').toString('utf8'));
    expect(delivered.map((card) => card.text('FN'))).toEqual(['Анна', 'Борис', 'Вера']);

    // The phone is still acknowledging when a sync lands: a rename with a new phone, a
    // deleted contact, a contact that lost its phone, and a brand-new contact.
    upsertContacts(db, accountId, [
      contact(1, 'Анна Новая', ['+79120000001', '+79129999999'], { updated_at: 1_900_000_000 }),
      contact(3, 'Вера', []),
      contact(4, 'Глеб', ['+79120000004'], { updated_at: 1_900_000_000 }),
    ]);
    deleteContacts(db, accountId, [2]);
    commitPlan(db, android.id, exportPlan, 1_800_000_000_000);

    expect(ledger(db, android)).toEqual([
      { id: 1, name: 'Анна' },
      { id: 2, name: 'Борис' },
      { id: 3, name: 'Вера' },
    ]);
    expect(ledgerPhones(db, android, 1)).toEqual(['+79120000001']);
    expect(ledgerPhones(db, android, 3)).toEqual(['+79120000003']);
    expect(stagedRows(db)).toBe(0);

    // So the next export sends the new name with both numbers (R9, R12), and Глеб.
    const next = planExport({
      db,
      device: android,
      accounts: [getAccount(db, accountId) as NonNullable<ReturnType<typeof getAccount>>],
      period: undefined,
      filters: { onlyMine: false, responsible: null },
      nowMs: 1_800_000_000_000,
    });
    expect(next.preview).toMatchObject({ new: 1, updated: 1 });
    const cards = readVCards(renderPlan(db, next, 'vcard3').toString('utf8'));
    expect(cards.map((card) => [card.text('FN'), card.get('TEL').map((tel) => tel.raw)])).toEqual([
      ['Глеб', ['+79120000004']],
      ['Анна Новая', ['+79120000001', '+79129999999']],
    ]);
    commitPlan(db, android.id, next, 1_800_000_000_000);
    expect(ledgerPhones(db, android, 1)).toEqual(['+79120000001', '+79129999999']);
    expect(ledger(db, android).find((row) => row.id === 1)?.name).toBe('Анна Новая');
  });

  it('leaves nothing behind for a plan that is discarded, and refuses to commit it', () => {
    const db = mirror();
    upsertContacts(db, accountId, [contact(1, 'Анна', ['+79120000001'])]);
    const exportPlan = plan(db, android);
    renderPlan(db, exportPlan, 'vcard3');
    expect(stagedRows(db)).toBe(1);
    discardPlan(db, exportPlan);
    expect(stagedRows(db)).toBe(0);
    expect(db.prepare('SELECT count(*) FROM export_plans').pluck().get()).toBe(0);
    expect(() => commitPlan(db, android.id, exportPlan, 0)).toThrow(/nothing was recorded/);
    expect(ledger(db, android)).toEqual([]);
    // A plan only previewed was never staged: it cannot be committed either.
    expect(() => commitPlan(db, android.id, plan(db, android), 0)).toThrow(/nothing was recorded/);
  });

  it('a rendering staged again replaces the earlier staging of the same plan', () => {
    const db = mirror();
    upsertContacts(db, accountId, [contact(1, 'Анна', ['+79120000001'])]);
    const exportPlan = plan(db, android);
    renderPlan(db, exportPlan, 'vcard3');
    upsertContacts(db, accountId, [contact(2, 'Борис', ['+79120000002'])]);
    const cards = readVCards(renderPlan(db, exportPlan, 'vcard3').toString('utf8'));
    commitPlan(db, android.id, exportPlan, 0);
    expect(ledger(db, android).map((row) => row.id)).toEqual(cards.map((_, index) => index + 1));
  });

  it('clears plans abandoned long ago when the mirror opens, and keeps young ones (another process’s)', () => {
    const path = join(tempDir(), 'mirror.sqlite');
    const db = mirror(path);
    upsertContacts(db, accountId, [contact(1, 'Анна', ['+79120000001'])]);
    const young = plan(db, android);
    renderPlan(db, young, 'vcard3');
    const old = plan(db, iphone);
    renderPlan(db, old, 'vcard3');
    db.prepare('UPDATE export_plans SET staged_at = ? WHERE id = ?').run(Date.now() - abandonedAfterMs - 1000, old.id);
    closeStore(db);
    open = [];
    const reopened = mirror(path);
    expect(reopened.prepare('SELECT id FROM export_plans').pluck().all()).toEqual([young.id]);
    expect(stagedRows(reopened)).toBe(1);
  });
});
