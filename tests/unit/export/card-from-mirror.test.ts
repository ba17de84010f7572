/**
 * From the mirror's rows to a card: TEL and EMAIL types per amoCRM enum code, extensions,
 * the union of delivered channels without duplicates, names, ORG/TITLE, CATEGORIES, REV,
 * and the UID, whose values are pinned: they must never change once shipped.
 */
import { describe, expect, it } from 'vitest';
import {
  contactUid,
  dialStrings,
  type ExportableChannel,
  type ExportableContact,
  idsOfContactUid,
  toVCardContact,
} from '../../../src/main/export/card-from-mirror';
import { writeVCard3 } from '../../../src/main/export/vcard3';
import { writeCard } from '../../../src/main/export/vcard4';
import { readVCards } from '../../helpers/vcard-reader';

const contact = (
  channels: readonly ExportableChannel[],
  overrides: Partial<ExportableContact> = {},
): ExportableContact => ({
  accountId: 31,
  id: 77,
  name: 'Анна Смирнова',
  firstName: 'Анна',
  lastName: 'Смирнова',
  updatedAt: 1_700_000_000,
  channels,
  ...overrides,
});
const phone = (value: string, normalized: string | null, typeCode: string | null = 'MOB'): ExportableChannel => ({
  kind: 'phone',
  value,
  normalized,
  typeCode,
});
const email = (value: string, typeCode: string | null = 'WORK'): ExportableChannel => ({
  kind: 'email',
  value,
  normalized: value.toLowerCase(),
  typeCode,
});
const im = (value: string, typeCode: string | null): ExportableChannel => ({
  kind: 'im',
  value,
  normalized: null,
  typeCode,
});

const readOne = (exportable: ExportableContact) => {
  const cards = readVCards(writeVCard3(toVCardContact(exportable, 'amoCRM Acme')));
  expect(cards).toHaveLength(1);
  return cards[0] as NonNullable<(typeof cards)[0]>;
};

describe('TEL and EMAIL types per amoCRM enum code', () => {
  it.each([
    ['MOB', ['CELL']],
    ['WORK', ['WORK', 'VOICE']],
    ['WORKDD', ['WORK', 'VOICE']],
    ['FAX', ['WORK', 'FAX']],
    ['HOME', ['HOME', 'VOICE']],
    ['OTHER', ['VOICE']],
    ['PAGER', ['VOICE']],
    ['', ['VOICE']],
    [null, ['VOICE']],
    ['mob', ['VOICE']],
    ['valueOf', ['VOICE']],
    ['__proto__', ['VOICE']],
    ['constructor', ['VOICE']],
  ] as const)('%s -> TYPE=%s', (code, types) => {
    const read = readOne(contact([phone('+7 912 345-67-89', '+79123456789', code)]));
    expect(read.get('TEL').map((p) => [p.params['TYPE'], p.raw])).toEqual([[types, '+79123456789']]);
  });

  it.each([
    ['WORK', ['INTERNET', 'WORK']],
    ['PRIV', ['INTERNET', 'HOME']],
    ['OTHER', ['INTERNET']],
    ['SOMETHING', ['INTERNET']],
    [null, ['INTERNET']],
    ['toString', ['INTERNET']],
  ] as const)('e-mail %s -> TYPE=%s', (code, types) => {
    const read = readOne(contact([phone('+79123456789', '+79123456789'), email('anna@client.example', code)]));
    expect(read.get('EMAIL').map((p) => p.params['TYPE'])).toEqual([types]);
  });

  it('dials extensions after a pause, and skips text that is not a number', () => {
    const card = toVCardContact(
      contact([
        phone('+7 (495) 123-45-67 доб. 123', '+74951234567', 'WORK'),
        phone('n/a', null, 'MOB'),
        phone('8 800 WORKS', null, 'FAX'),
        phone('12-34-56', null, null),
      ]),
      'amoCRM Acme',
    );
    expect(card.phones).toEqual([
      {
        number: '+74951234567,123',
        main: '+74951234567',
        types: ['WORK', 'VOICE'],
        e164: '+74951234567',
        extension: '123',
      },
      { number: '12-34-56', main: '12-34-56', types: ['VOICE'] },
    ]);
    expect(dialStrings(phone('+1 555 010 9999 ext. 42', '+15550109999'))).toEqual(['+15550109999,42']);
    expect(dialStrings(phone('+1 555 010 9999 ext. 42', '+15550109999'), 'pause-p')).toEqual(['+15550109999p42']);
    expect(dialStrings(phone('12-34-56', null))).toEqual(['12-34-56']);
  });
});

describe('the union of delivered channels (R9-R12)', () => {
  it('writes the same E.164 once however it was typed, with the type of the first', () => {
    const read = readOne(
      contact([
        phone('+7 912 345-67-89', '+79123456789', 'WORK'),
        phone('8 (912) 345 67 89', '+79123456789', 'MOB'),
        phone('89123456789', '+79123456789', 'HOME'),
        phone('+7 495 123-45-67', '+74951234567', 'WORK'),
        phone('+7 495 123-45-67 доб. 5', '+74951234567', 'WORK'),
        phone('12-34-56', null, 'OTHER'),
        phone('12-34-56', null, 'MOB'),
      ]),
    );
    expect(read.get('TEL').map((p) => `${p.params['TYPE']?.join(',')}:${p.raw}`)).toEqual([
      'WORK,VOICE:+79123456789',
      'WORK,VOICE:+74951234567',
      'WORK,VOICE:+74951234567,5',
      'VOICE:12-34-56',
    ]);
  });

  it('writes the same e-mail once whatever its case, as first written', () => {
    const read = readOne(
      contact([
        phone('+79123456789', '+79123456789'),
        email('Anna@Client.example', 'WORK'),
        email('anna@client.EXAMPLE', 'PRIV'),
        email(' anna@client.example ', 'OTHER'),
        email('anna@other.example', 'PRIV'),
        email('   ', 'PRIV'),
      ]),
    );
    expect(read.texts('EMAIL')).toEqual(['Anna@Client.example', 'anna@other.example']);
  });

  it('writes the same messenger once, however the handle was written', () => {
    const read = readOne(
      contact([
        phone('+79123456789', '+79123456789'),
        im('@anna_m', 'TELEGRAM'),
        im('https://t.me/Anna_M', 'OTHER'),
        im('t.me/anna_m', 'TELEGRAM'),
        im('anna.smirnova', 'SKYPE'),
        im('skype:Anna.Smirnova', 'SKYPE'),
      ]),
    );
    expect(read.get('URL').map((p) => p.raw)).toEqual(['https://t.me/anna_m']);
    expect(read.get('IMPP')).toHaveLength(2);
    expect(read.texts('X-SKYPE-USERNAME')).toEqual(['anna.smirnova']);
  });
});

describe('names, company, position, label, revision', () => {
  it('names a contact that has no name by its first number, and puts a lone name in N', () => {
    const channels = [phone('+7 495 123-45-67 доб. 123', '+74951234567', 'WORK')];
    const company = toVCardContact(contact(channels, { name: 'ООО "Ромашка"', firstName: '', lastName: '' }), 'x');
    expect([company.formattedName, company.familyName, company.givenName]).toEqual([
      'ООО "Ромашка"',
      '',
      'ООО "Ромашка"',
    ]);
    for (const name of ['', '   ', '\u0000\u0007', '\r\n']) {
      const nameless = toVCardContact(contact(channels, { name, firstName: '', lastName: '' }), 'x');
      expect(nameless.formattedName).toBe('+74951234567,123');
      expect(nameless.givenName).toBe('+74951234567,123');
    }
    expect(toVCardContact(contact([], { name: '' }), 'x').formattedName).toBe('—');
  });

  it('writes the position as TITLE and the company as ORG, when the CRM has them', () => {
    const channels = [phone('+79123456789', '+79123456789')];
    const read = readOne(contact(channels, { position: 'Директор по закупкам', company: 'ООО "Ромашка"; филиал' }));
    expect(read.text('TITLE')).toBe('Директор по закупкам');
    expect(read.components('ORG')).toEqual(['ООО "Ромашка"; филиал']);
    for (const blank of [null, '', '  \t ', undefined]) {
      const overrides: Partial<ExportableContact> = blank === undefined ? {} : { position: blank, company: blank };
      const bare = readOne(contact(channels, overrides));
      expect(bare.get('TITLE')).toEqual([]);
      expect(bare.get('ORG')).toEqual([]);
    }
  });

  it("labels every card with its account (CATEGORIES) and dates it with the CRM's last edit (REV)", () => {
    const card = toVCardContact(contact([phone('+79123456789', '+79123456789')]), 'amoCRM Acme');
    expect(card.categories).toEqual(['amoCRM Acme']);
    expect(card.revision).toBe(1_700_000_000);
    expect(readOne(contact([phone('+79123456789', '+79123456789')])).text('REV')).toBe('2023-11-14T22:13:20Z');
  });

  it('writes the same card as 3.0 or 4.0 through writeCard', () => {
    const card = toVCardContact(contact([phone('+79123456789', '+79123456789')]), 'amoCRM Acme');
    expect(writeCard(card, 'vcard3')).toBe(writeVCard3(card));
    expect(writeCard(card, 'vcard4')).toContain('\r\nVERSION:4.0\r\n');
  });
});

describe('contactUid', () => {
  it('keeps the values it shipped with (a UUIDv8 laying out both ids)', () => {
    expect(contactUid(31, 77)).toBe('urn:uuid:ab0c0000-0000-801f-8000-00000000004d');
    expect(contactUid(30_123_456, 20_000_001)).toBe('urn:uuid:ab0c0000-1cba-85c0-8000-000001312d01');
    expect(contactUid(1, 1)).toBe('urn:uuid:ab0c0000-0000-8001-8000-000000000001');
    expect(contactUid(2 ** 44, 2 ** 48)).toBe('urn:uuid:ab0c0000-0000-8000-8021-000000000000');
    expect(contactUid(2 ** 53 - 1, 2 ** 53 - 1)).toBe('urn:uuid:ab0cffff-ffff-8fff-bfff-ffffffffffff');
    expect(contactUid(0, 0)).toBe('urn:uuid:ab0c0000-0000-8000-8000-000000000000');
  });

  /** The layout, computed independently with BigInt from the documented bit table. */
  const reference = (accountId: number, contactId: number): string => {
    const a = BigInt(accountId);
    const c = BigInt(contactId);
    const value =
      (0xab0cn << 112n) |
      (((a >> 12n) & 0xffffffffn) << 80n) |
      (8n << 76n) |
      ((a & 0xfffn) << 64n) |
      (2n << 62n) |
      ((a >> 44n) << 53n) |
      c;
    const hex = value.toString(16).padStart(32, '0');
    return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };

  it('matches the documented bit layout, and gives back its ids', () => {
    const samples = [1, 2, 31, 4095, 4096, 65_535, 65_536, 30_123_456, 2 ** 32 - 1, 2 ** 32, 2 ** 44 - 1, 2 ** 44];
    const ids = [...samples, 2 ** 48 - 1, 2 ** 48, 2 ** 52 + 12_345, 2 ** 53 - 1];
    for (const accountId of ids) {
      for (const contactId of ids) {
        const uid = contactUid(accountId, contactId);
        expect(uid).toBe(reference(accountId, contactId));
        expect(uid).toMatch(/^urn:uuid:ab0c[0-9a-f]{4}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(idsOfContactUid(uid)).toEqual({ accountId, contactId });
      }
    }
    expect(idsOfContactUid('urn:uuid:00000000-0000-5000-8000-000000000000')).toBeNull();
  });

  it('is the same for the same pair and different for any other pair', () => {
    expect(contactUid(31, 77)).toBe(contactUid(31, 77));
    const seen = new Set<string>();
    for (let account = 1; account <= 40; account++) {
      for (let id = 1; id <= 250; id++) seen.add(contactUid(account, id));
    }
    expect(seen.size).toBe(40 * 250);
    // Swapping the ids never collides either.
    expect(contactUid(31, 77)).not.toBe(contactUid(77, 31));
  });

  it('refuses ids that are not integers in [0, 2^53)', () => {
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 53, Number.POSITIVE_INFINITY]) {
      expect(() => contactUid(bad, 1)).toThrow(RangeError);
      expect(() => contactUid(1, bad)).toThrow(RangeError);
    }
  });
});
