/**
 * vCard 4.0 (RFC 6350) on request, read back by the strict reader, by ical.js, and by the
 * `vcard4` package's parser, whose weaknesses are pinned at the end of this file.
 */
import ICAL from 'ical.js';
import { parse as parseVCard4 } from 'vcard4';
import { describe, expect, it } from 'vitest';
import type { VCardContact } from '../../../src/main/export/vcard-model';
import { escapeText4, writeCard, writeVCard4 } from '../../../src/main/export/vcard4';
import { hostileNames } from '../../../src/main/sandbox/names';
import { readVCards } from '../../helpers/vcard-reader';

const card = (overrides: Partial<VCardContact> = {}): VCardContact => ({
  uid: 'urn:uuid:ab0c0000-0000-801f-8000-00000000004d',
  formattedName: 'Анна Смирнова',
  familyName: 'Смирнова',
  givenName: 'Анна',
  phones: [
    { number: '+74951234567,123', types: ['WORK', 'VOICE'], e164: '+74951234567', extension: '123' },
    { number: '12-34,56', types: ['CELL'] },
  ],
  emails: [{ address: 'anna@client.example', types: ['INTERNET', 'WORK'] }],
  organization: 'ООО "Ромашка"; филиал',
  title: 'Head of Sales; EMEA',
  messengers: [
    {
      label: 'Telegram',
      handle: '@anna_m',
      impp: { serviceType: 'Telegram', uri: 'x-apple:anna_m' },
      url: 'https://t.me/anna_m',
    },
  ],
  categories: ['amoCRM Рога, Копыта'],
  revision: 1_700_000_000,
  ...overrides,
});

interface Vcard4Property {
  readonly property: string;
  readonly parameters: Record<string, unknown>;
  readonly value: unknown;
}
interface Vcard4Card {
  getProperty(name: string): Vcard4Property[];
}
const parsed4 = (text: string) => parseVCard4(text) as unknown as Vcard4Card;

describe('writeVCard4', () => {
  it('writes VERSION 4.0 right after BEGIN, tel: URIs, lowercase types, basic-format REV', () => {
    const text = writeVCard4(card());
    expect(text.startsWith('BEGIN:VCARD\r\nVERSION:4.0\r\nPRODID:')).toBe(true);
    expect(text).toContain('\r\nTEL;VALUE=uri;TYPE=work,voice:tel:+74951234567;ext=123\r\n');
    expect(text).toContain('\r\nTEL;TYPE=cell:12-34\\,56\r\n');
    expect(text).toContain('\r\nEMAIL;TYPE=work:anna@client.example\r\n');
    expect(text).toContain('\r\nREV:20231114T221320Z\r\n');
    // A ';' is plain in text, escaped only inside N and ORG components.
    expect(text).toContain('\r\nTITLE:Head of Sales\\; EMEA\r\n');
    expect(text).toContain('\r\nORG:ООО "Ромашка"\\; филиал\r\n');
    expect(text).toContain('\r\nCATEGORIES:amoCRM Рога\\, Копыта\r\n');

    const [read] = readVCards(text, { version: '4.0' });
    expect(read?.components('N')).toEqual(['Смирнова', 'Анна', '', '', '']);
    expect(read?.get('IMPP').map((p) => [p.params['X-SERVICE-TYPE'], p.raw])).toEqual([
      [['Telegram'], 'x-apple:anna_m'],
    ]);
    expect(read?.get('URL').map((p) => p.raw)).toEqual(['https://t.me/anna_m']);
  });

  it('escapes \\\\ \\, \\; and line breaks in text, as 3.0 does (Text::vCard drops a value with a plain ;)', () => {
    expect(escapeText4('a\\b,c;d\r\ne')).toBe('a\\\\b\\,c\\;d\\ne');
    expect(escapeText4('a\u0007\tb\ud800')).toBe('a b\ufffd');
  });

  it('is what writeCard writes for vcard4', () => {
    expect(writeCard(card(), 'vcard4')).toBe(writeVCard4(card()));
  });

  it('reads back the same through ical.js', () => {
    const [jcal] = [ICAL.parse(writeVCard4(card()))];
    const component = new ICAL.Component(jcal as unknown[]);
    expect(component.getFirstPropertyValue('version')).toBe('4.0');
    expect(component.getFirstPropertyValue('fn')).toBe('Анна Смирнова');
    expect(component.getFirstProperty('n')?.getValues()[0]).toEqual(['Смирнова', 'Анна', '', '', '']);
    expect(component.getAllProperties('tel').map((p) => p.getFirstValue())).toEqual([
      'tel:+74951234567;ext=123',
      '12-34,56',
    ]);
    // ical.js keeps the backslash of an escaped ';' outside N and ORG (named in vcard3.ts and the README).
    expect(component.getFirstPropertyValue('title')).toBe('Head of Sales\\; EMEA');
    expect(component.getFirstPropertyValue('org')).toBe('ООО "Ромашка"; филиал');
    expect(component.getFirstProperty('categories')?.getValues()).toEqual(['amoCRM Рога, Копыта']);
    expect(String(component.getFirstPropertyValue('rev'))).toBe('2023-11-14T22:13:20Z');
  });

  it('keeps hostile names exactly through ical.js', () => {
    const text = hostileNames
      .map((name, i) =>
        writeVCard4(card({ uid: `u${i}`, formattedName: name, givenName: name, familyName: `${name};x` })),
      )
      .join('');
    const cards = readVCards(text, { version: '4.0' });
    expect(cards).toHaveLength(hostileNames.length);
    const parsed = ICAL.parse(text) as unknown[];
    expect(parsed).toHaveLength(hostileNames.length);
    parsed.forEach((jcal, i) => {
      const component = new ICAL.Component(jcal as unknown[]);
      const expected = (hostileNames[i] as string).replace(/\r\n|\r/g, '\n');
      // ical.js reads an escaped ';' in FN as "\;" (its known deviation, vcard3.ts).
      expect(component.getFirstPropertyValue('fn')).toBe(expected.replace(/;/g, '\\;'));
      expect(component.getFirstProperty('n')?.getValues()[0]?.slice(0, 2)).toEqual([`${expected};x`, expected]);
    });
  });

  it('is accepted by the vcard4 package parser (RFC 6350 validation), with the same values', () => {
    const read = parsed4(writeVCard4(card()));
    const value = (name: string) => read.getProperty(name).map((p) => p.value);
    expect(value('FN')).toEqual(['Анна Смирнова']);
    expect(value('N')).toEqual([
      {
        familyNames: 'Смирнова',
        givenNames: 'Анна',
        additionalNames: '',
        honorificPrefixes: '',
        honorificSuffixes: '',
      },
    ]);
    expect(value('UID')).toEqual(['urn:uuid:ab0c0000-0000-801f-8000-00000000004d']);
    expect(value('TEL')).toEqual(['tel:+74951234567;ext=123', '12-34,56']);
    expect(read.getProperty('TEL')[0]?.parameters).toEqual({ VALUE: 'uri', TYPE: 'work,voice' });
    expect(value('EMAIL')).toEqual(['anna@client.example']);
    expect(value('ORG')).toEqual(['ООО "Ромашка"; филиал']);
    expect(value('CATEGORIES')).toEqual(['amoCRM Рога, Копыта']);
    expect(value('REV')).toEqual(['20231114T221320Z']);
    expect(read.getProperty('IMPP')[0]?.parameters).toEqual({ 'X-SERVICE-TYPE': 'Telegram' });
    // Written `\;` (vcard3.ts), the value comes back whole: weakness 5 below is not met.
    expect(value('TITLE')).toEqual(['Head of Sales; EMEA']);
  });
});

/**
 * The `vcard4` package (4.0.5) parses RFC 6350 loosely. These pin what it gets wrong on
 * valid input, so the property tests can say why they use ical.js for exact values and
 * give vcard4 an alphabet without `\`, `"` and `:`. If a new version fixes them, these
 * fail: then widen that alphabet.
 */
describe('the vcard4 package parser: known weaknesses on valid 4.0', () => {
  const one = (fn: string) => parsed4(writeVCard4(card({ formattedName: fn })));

  it('1: splits a file into cards at any "BEGIN:VCARD" followed by CRLF, even at the end of a value', () => {
    expect(() => parseVCard4(writeVCard4(card({ formattedName: 'BEGIN:VCARD' })))).toThrow(/one of each BEGIN/);
    expect(readVCards(writeVCard4(card({ formattedName: 'BEGIN:VCARD' })), { version: '4.0' })).toHaveLength(1);
  });

  it('2: leaves a value that parses as a URL unescaped', () => {
    expect(one('C:\\new, old').getProperty('FN')[0]?.value).toBe('C:\\\\new\\, old');
  });

  it('3: reads an escaped backslash before "n" as a line break', () => {
    expect(one('x\\n').getProperty('FN')[0]?.value).toBe('x\\\n');
  });

  it('4: strips double quotes around a value', () => {
    expect(one('"Ромашка"').getProperty('FN')[0]?.value).toBe('Ромашка');
  });

  it('5: splits a non-compound value on an unescaped ";" (we escape it: it reads `\\;` whole)', () => {
    const plain = 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:a;b\r\nEND:VCARD\r\n';
    expect(parsed4(plain).getProperty('FN')[0]?.value).toEqual(['a', 'b']);
    expect(one('a;b').getProperty('FN')[0]?.value).toBe('a;b');
  });

  it('6: drops a value that ends in an escaped ";"', () => {
    const read = parsed4(writeVCard4(card({ organization: 'Рога и Копыта;' })));
    expect(read.getProperty('ORG')[0]?.value).toBeUndefined();
    expect(
      readVCards(writeVCard4(card({ organization: 'Рога и Копыта;' })), { version: '4.0' })[0]?.components('ORG'),
    ).toEqual(['Рога и Копыта;']);
  });
});
