/**
 * The mirror's reads check their rows instead of casting them (mirror/checked-rows.ts).
 * Tried: a row a newer version could have written (a platform this one does not know, an
 * auth kind, a NULL where a name belongs: written with CHECK constraints off), and the
 * drift the check found here: a contact delivered to a CardDAV account.
 */
import { describe, expect, it } from 'vitest';
import { toMirrorContact } from '../../../src/main/crm/contact-mapper';
import { getAccount, listAccountRecords } from '../../../src/main/mirror/accounts-repo';
import { getContactDetail, upsertContacts } from '../../../src/main/mirror/contacts-repo';
import { addDevice, getDevice, listDevices } from '../../../src/main/mirror/devices-repo';
import { openStore } from '../../../src/main/store/open-store';
import { tempDir } from '../../helpers/temp-dir';

function mirrorWithAccount() {
  const db = openStore(`${tempDir()}/mirror.sqlite`);
  db.prepare(
    `INSERT INTO accounts (id, name, subdomain, base_url, country, current_user_id, connected_at)
     VALUES (1, 'Acme', 'acme', 'https://acme.amocrm.ru', 'RU', 1, 0)`,
  ).run();
  return db;
}

describe('rows read from the mirror', () => {
  it('answer DB_CORRUPT, naming the table and the field, for a value this version does not know', () => {
    const db = mirrorWithAccount();
    addDevice(db, 'Pixel', 'android', 1);
    db.pragma('ignore_check_constraints = ON');
    db.prepare("INSERT INTO devices (id, name, platform, created_at) VALUES ('watch', 'Watch', 'watch', 2)").run();
    expect(() => listDevices(db)).toThrow(
      expect.objectContaining({ code: 'DB_CORRUPT', params: { table: 'devices', field: 'platform' } }),
    );
    expect(() => getDevice(db, 'watch')).toThrow(/devices row this version cannot read \(platform/);
    expect(getDevice(db, 'pixel')).toMatchObject({ platform: 'android' });

    db.prepare("UPDATE accounts SET auth_kind = 'magic' WHERE id = 1").run();
    expect(() => getAccount(db, 1)).toThrow(
      expect.objectContaining({ code: 'DB_CORRUPT', params: { table: 'accounts', field: 'auth_kind' } }),
    );
    expect(() => listAccountRecords(db)).toThrow(/accounts row/);
    db.close();
  });

  it('give a contact delivered to a CardDAV account with that platform (the type said phone or file only)', () => {
    const db = mirrorWithAccount();
    upsertContacts(db, 1, [
      toMirrorContact(
        {
          id: 7,
          name: 'Иван',
          custom_fields_values: [{ field_id: 1, field_code: 'PHONE', values: [{ value: '+79123456789' }] }],
        },
        'RU',
      ),
    ]);
    const book = addDevice(db, 'iCloud', 'carddav', 1);
    db.prepare(
      `INSERT INTO export_ledger (device_id, account_id, contact_id, name, first_delivered_at, last_delivered_at)
       VALUES (?, 1, 7, 'Иван', 5, 6)`,
    ).run(book.id);
    expect(getContactDetail(db, 1, 7)?.deliveries).toEqual([
      { deviceId: book.id, deviceName: 'iCloud', platform: 'carddav', firstDeliveredAt: 5, lastDeliveredAt: 6 },
    ]);
    db.close();
  });
});
