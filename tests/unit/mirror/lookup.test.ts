/** "Who is calling?": one number, however it was typed on either side. */
import { beforeAll, describe, expect, it } from 'vitest';
import { toMirrorContact } from '../../../src/main/crm/contact-mapper';
import { upsertContacts } from '../../../src/main/mirror/contacts-repo';
import type { MirrorDb } from '../../../src/main/mirror/database';
import {
  e164Candidates,
  lastSevenCandidates,
  lookupPhone,
  maxLookupMatches,
} from '../../../src/main/mirror/phone-lookup';
import type { MirrorContact } from '../../../src/main/model/contact';
import { phoneRegion } from '../../../src/main/phones/normalize';
import { contactVerbs } from '../../../src/main/service/contacts-handlers';
import { openStore } from '../../../src/main/store/open-store';
import { tempDir } from '../../helpers/temp-dir';

const moscow = 1;
const london = 2;
const nowhere = 3;

function withPhones(id: number, name: string, phones: string[], country: string | null): MirrorContact {
  return toMirrorContact(
    {
      id,
      name,
      custom_fields_values: [
        { field_id: 1, field_code: 'PHONE', values: phones.map((value) => ({ value, enum_code: 'WORK' })) },
      ],
    },
    phoneRegion(country),
  );
}

function addAccount(db: MirrorDb, id: number, name: string, country: string | null): void {
  db.prepare(
    `INSERT INTO accounts (id, name, subdomain, base_url, country, current_user_id, connected_at)
     VALUES (?, ?, ?, ?, ?, 1, 0)`,
  ).run(id, name, `a${id}`, `https://a${id}.amocrm.ru`, country);
}

describe('lookupPhone', () => {
  let db: MirrorDb;
  const ids = (phone: string) => lookupPhone(db, phone).matches.map((item) => item.id);

  beforeAll(() => {
    db = openStore(`${tempDir()}/mirror.sqlite`);
    addAccount(db, moscow, 'Москва', 'RU');
    addAccount(db, london, 'London', 'GB');
    addAccount(db, nowhere, 'Nowhere', null);
    upsertContacts(db, moscow, [
      withPhones(1, 'Иван Петров', ['+7 912 345-67-89'], 'RU'),
      withPhones(2, 'Офис', ['8 (495) 123-45-67 доб. 12'], 'RU'),
      withPhones(3, 'Склад', ['222-33-44'], 'RU'),
      withPhones(4, 'London office', ['+44 20 7946 0958'], 'RU'),
      withPhones(5, 'Короткий', ['12', 'n/a'], 'RU'),
      withPhones(7, '', ['89123456789'], 'RU'),
      withPhones(8, 'Иван (второй)', ['9123456789', '+7 900 111-22-33'], 'RU'),
    ]);
    upsertContacts(db, london, [withPhones(6, 'Mary', ['020 7946 0123'], 'GB')]);
    upsertContacts(db, nowhere, [withPhones(9, 'Иван Петров', ['+7 (912) 345 67 89'], null)]);
  });

  it('finds a number typed any way people type it, in every account, no-name contacts last', () => {
    for (const typed of [
      '+7 912 345-67-89',
      '8 (912) 345 67 89',
      '89123456789',
      '79123456789',
      '9123456789',
      '+7 (912) 345-67-89 доб. 12',
      '8-912-345-67-89 ext. 5',
      '  +7 912 3456789  ',
      'tel: +7 912 345 67 89',
    ]) {
      const result = lookupPhone(db, typed);
      expect(result, typed).toMatchObject({ query: typed, normalized: '+79123456789', matchedBy: 'e164' });
      expect(
        result.matches.map((item) => [item.accountId, item.id]),
        typed,
      ).toEqual([
        [moscow, 8],
        [moscow, 1],
        [nowhere, 9],
        [moscow, 7],
      ]);
    }
  });

  it('returns list items: name, the first phone as written, e-mail, phone count', () => {
    expect(lookupPhone(db, '+7 900 111 22 33').matches).toEqual([
      {
        accountId: moscow,
        id: 8,
        name: 'Иван (второй)',
        primaryPhone: '9123456789',
        primaryEmail: null,
        phoneCount: 2,
      },
    ]);
  });

  it('ignores extensions on either side', () => {
    expect(lookupPhone(db, '+7 495 123-45-67')).toMatchObject({ matchedBy: 'e164', matches: [{ id: 2 }] });
    expect(ids('8 495 1234567 доб. 99')).toEqual([2]);
  });

  it('reads foreign numbers, and national ones with the region of the account that could own them', () => {
    expect(lookupPhone(db, '+44 20 7946 0958')).toMatchObject({
      normalized: '+442079460958',
      matchedBy: 'e164',
      matches: [{ id: 4 }],
    });
    expect(ids('+442079460958')).toEqual([4]);
    // A British national number: only the London account's region reads it.
    expect(lookupPhone(db, '020 7946 0123')).toMatchObject({
      normalized: '+442079460123',
      matchedBy: 'e164',
      matches: [{ accountId: london, id: 6 }],
    });
    expect(ids('+44 20 7946 0123')).toEqual([6]);
  });

  it("falls back to amoCRM's last seven digits when the whole number matches no one", () => {
    // Stored without a city code (no E.164 form): found from a full number.
    expect(lookupPhone(db, '+7 495 222-33-44')).toEqual({
      query: '+7 495 222-33-44',
      normalized: '+74952223344',
      matchedBy: 'last7',
      matches: [expect.objectContaining({ id: 3, name: 'Склад', primaryPhone: '222-33-44' })],
    });
    // Typed without a city code: found among full numbers.
    // (Read as British, "345-67-89" is a possible +44 number; no one has it, so: last seven.)
    expect(lookupPhone(db, '345-67-89')).toMatchObject({ normalized: '+443456789', matchedBy: 'last7' });
    expect(ids('345-67-89')).toEqual([8, 1, 9, 7]);
    expect(ids('222 33 44')).toEqual([3]);
    // The whole number wins when it matches: no last-seven extras.
    expect(lookupPhone(db, '+7 (999) 345-67-89')).toMatchObject({ matchedBy: 'last7' });
    expect(lookupPhone(db, '+7 (912) 345-67-89').matchedBy).toBe('e164');
  });

  it('says so when no one has the number', () => {
    expect(lookupPhone(db, '+7 900 000-00-00')).toEqual({
      query: '+7 900 000-00-00',
      normalized: '+79000000000',
      matchedBy: 'none',
      matches: [],
    });
    expect(lookupPhone(db, '+1 415 555 0100')).toMatchObject({ matchedBy: 'none', matches: [] });
  });

  it('copes with garbage: no digits, a lone plus, too few or far too many digits', () => {
    for (const garbage of ['n/a', '+', '', '   ', 'доб. 12', '12', '123456', '0'.repeat(40), '7'.repeat(64), '+-()']) {
      expect(lookupPhone(db, garbage), JSON.stringify(garbage)).toEqual({
        query: garbage,
        normalized: null,
        matchedBy: 'none',
        matches: [],
      });
    }
    // Seven digits buried in a long string are not a phone number.
    expect(lookupPhone(db, `11111111111${'3456789'}`).matchedBy).toBe('none');
    expect(lookupPhone(db, '"; DROP TABLE contacts; --').matchedBy).toBe('none');
  });

  it('goes through the index, never a scan of every phone', () => {
    const plans: string[] = [];
    const prepare = db.prepare.bind(db);
    const spy = Object.assign(Object.create(db) as MirrorDb, {
      prepare: (sql: string) => {
        if (/contact_channels ch/.test(sql)) {
          const plan = prepare(`EXPLAIN QUERY PLAN ${sql}`).all('["+79123456789"]') as { detail: string }[];
          plans.push(plan.map((row) => row.detail).join('\n'));
        }
        return prepare(sql);
      },
    });
    lookupPhone(spy, '+7 912 345-67-89');
    lookupPhone(spy, '345-67-89');
    // Which E.164 forms someone has, their contacts, and the last-seven fallback.
    expect(plans).toHaveLength(3);
    for (const plan of plans) {
      expect(plan).toMatch(/SEARCH ch (EXISTS )?USING (COVERING )?INDEX contact_channels_by_phone/);
      expect(plan).not.toMatch(/SCAN (ch|contact_channels)\b/);
    }
  });

  it('answers through the API handler', async () => {
    expect(await contactVerbs.lookupPhone({ db }, { phone: '8 912 345 67 89' })).toEqual(
      lookupPhone(db, '8 912 345 67 89'),
    );
  });
});

describe('the number read from a query', () => {
  it('is tried with each account region, then with none', () => {
    expect(e164Candidates('8 (912) 345-67-89', ['RU'])).toEqual(['+79123456789']);
    expect(e164Candidates('020 7946 0123', ['RU', 'GB'])).toEqual(['+442079460123']);
    expect(e164Candidates('+44 20 7946 0123', [])).toEqual(['+442079460123']);
    expect(e164Candidates('8 (912) 345-67-89', [])).toEqual([]);
    expect(e164Candidates('n/a', ['RU'])).toEqual([]);
  });

  it('gives the last seven digits of the number, never of its extension', () => {
    expect(lastSevenCandidates('+7 912 345-67-89 доб. 12', ['+79123456789'])).toEqual(['3456789']);
    expect(lastSevenCandidates('345-67-89 доб. 12', [])).toEqual(['3456789']);
    expect(lastSevenCandidates('345-67', [])).toEqual([]);
    expect(lastSevenCandidates('1'.repeat(16), [])).toEqual(['1111111']);
    expect(lastSevenCandidates('1'.repeat(17), [])).toEqual([]);
  });

  it('caps what one lookup returns', () => {
    expect(maxLookupMatches).toBeGreaterThanOrEqual(50);
  });
});
