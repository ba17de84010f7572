/**
 * vCard 3.0 as importers demand it, read back by an RFC 2426 reader written separately
 * (tests/helpers/vcard-reader.ts) and cross-checked with ical.js.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { contactUid, dialString, toVCardContact } from '../../../src/main/export/card-from-mirror';
import { escapeText, foldLine, type VCardContact, writeVCard3 } from '../../../src/main/export/vcard3';
import { hostileNames } from '../../../src/main/sandbox/names';
import { readVCards } from '../../helpers/vcard-reader';

const card = (overrides: Partial<VCardContact> = {}): VCardContact => ({
  uid: 'urn:uuid:00000000-0000-5000-8000-000000000000',
  formattedName: 'Анна Смирнова',
  familyName: 'Смирнова',
  givenName: 'Анна',
  phones: [{ number: '+79123456789', types: ['CELL'] }],
  emails: [{ address: 'anna@client.example', types: ['INTERNET', 'WORK'] }],
  ...overrides,
});

describe('writeVCard3', () => {
  it('writes VERSION 3.0, N and FN, typed TEL and EMAIL, CRLF, no BOM', () => {
    const text = writeVCard3(card({ categories: ['amoCRM Acme'], revision: 1_700_000_000 }));
    expect(text.startsWith('BEGIN:VCARD\r\nVERSION:3.0\r\n')).toBe(true);
    const [read] = readVCards(text);
    expect(read?.components('N')).toEqual(['Смирнова', 'Анна', '', '', '']);
    expect(read?.text('FN')).toBe('Анна Смирнова');
    expect(read?.get('TEL')[0]?.params['TYPE']).toEqual(['CELL']);
    expect(read?.text('TEL')).toBe('+79123456789');
    expect(read?.get('EMAIL')[0]?.params['TYPE']).toEqual(['INTERNET', 'WORK']);
    expect(read?.text('REV')).toBe('2023-11-14T22:13:20Z');
    expect(read?.text('CATEGORIES')).toBe('amoCRM Acme');
  });

  it('folds at 75 octets without splitting a UTF-8 character', () => {
    const long = 'Ж'.repeat(100) + '😀'.repeat(30) + 'x'.repeat(80);
    const folded = foldLine(`FN:${long}`);
    for (const line of folded.split('\r\n')) {
      expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
      // A split character would decode to U+FFFD.
      expect(Buffer.from(line, 'utf8').toString('utf8')).not.toContain('\uFFFD');
    }
    expect(folded.replace(/\r\n /g, '')).toBe(`FN:${long}`);
    expect(foldLine('FN:short')).toBe('FN:short');
  });

  it('keeps hostile names exactly: separators, backslashes, line breaks, END:VCARD, emoji, RTL, 300 characters', () => {
    const text = hostileNames
      .map((name, i) =>
        writeVCard3(card({ uid: `u${i}`, formattedName: name, givenName: name, familyName: `${name};x` })),
      )
      .join('');
    const cards = readVCards(text);
    expect(cards).toHaveLength(hostileNames.length);
    hostileNames.forEach((name, i) => {
      const expected = name.replace(/\r\n|\r/g, '\n');
      expect(cards[i]?.text('FN')).toBe(expected);
      expect(cards[i]?.components('N')?.slice(0, 2)).toEqual([`${expected};x`, expected]);
    });
    // ical.js agrees on the structure: the same number of cards, each with one FN.
    const parsed = ICAL.parse(text) as unknown[];
    expect(parsed).toHaveLength(hostileNames.length);
  });

  it('escapes text and drops control characters that cannot be encoded', () => {
    expect(escapeText('a\\b,c;d\r\ne\nf\rg\u0007h')).toBe('a\\\\b\\,c\\;d\\ne\\nf\\ngh');
  });

  it('never lets a phone value start a new line or property', () => {
    const [read] = readVCards(
      writeVCard3(card({ phones: [{ number: '+7912\r\nEND:VCARD\r\nFN:evil', types: ['CELL', 'X-Bad Type;'] }] })),
    );
    expect(read?.get('FN')).toHaveLength(1);
    expect(read?.get('TEL')[0]?.params['TYPE']).toEqual(['CELL', 'X-BadType']);
  });
});

describe('cards from the mirror', () => {
  const contact = {
    accountId: 31,
    id: 77,
    name: 'ООО "Ромашка"',
    firstName: '',
    lastName: '',
    updatedAt: 1_700_000_000,
    channels: [
      { kind: 'phone', value: '+7 (495) 123-45-67 доб. 123', normalized: '+74951234567', typeCode: 'WORK' },
      { kind: 'phone', value: 'n/a', normalized: null, typeCode: 'MOB' },
      { kind: 'phone', value: '8 800 WORKS', normalized: null, typeCode: 'FAX' },
      { kind: 'phone', value: '12-34-56', normalized: null, typeCode: null },
      { kind: 'email', value: 'info@romashka.example', normalized: 'info@romashka.example', typeCode: 'PRIV' },
    ],
  } as const;

  it('types every phone, dials extensions after a pause, and skips text that is not a number', () => {
    const vcard = toVCardContact(contact, 'amoCRM Acme');
    expect(vcard.phones).toEqual([
      { number: '+74951234567,123', types: ['WORK', 'VOICE'] },
      { number: '12-34-56', types: ['VOICE'] },
    ]);
    expect(vcard.emails).toEqual([{ address: 'info@romashka.example', types: ['INTERNET', 'HOME'] }]);
    // No structured name: the whole name goes into N so importers that ignore FN still show it.
    expect(vcard.givenName).toBe('ООО "Ромашка"');
    expect(dialString(contact.channels[0])).toBe('+74951234567,123');
  });

  it('gives each (account, contact) one stable UID, different across accounts', () => {
    expect(contactUid(31, 77)).toBe(contactUid(31, 77));
    expect(contactUid(31, 77)).not.toBe(contactUid(32, 77));
    expect(contactUid(31, 77)).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('names a contact that has no name by its first number', () => {
    expect(toVCardContact({ ...contact, name: '' }, 'x').formattedName).toBe('+74951234567,123');
  });
});
