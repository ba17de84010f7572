/**
 * vCard 3.0 as importers demand it, read back by an RFC 2426 reader written separately
 * (tests/helpers/vcard-reader.ts) and cross-checked with ical.js.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { CardWriter, Escape, revisionStamp3, revisionStamp4 } from '../../../src/main/export/card-writer';
import type { VCardContact } from '../../../src/main/export/vcard-model';
import { cleanText, escapeText, foldLine } from '../../../src/main/export/vcard-text';
import { writeVCard3 } from '../../../src/main/export/vcard3';
import { hostileNames } from '../../../src/main/sandbox/names';
import { readVCards } from '../../helpers/vcard-reader';

const card = (overrides: Partial<VCardContact> = {}): VCardContact => ({
  uid: 'urn:uuid:ab0c0000-0000-801f-8000-00000000004d',
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
    expect(text.startsWith('BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:')).toBe(true);
    expect(text.endsWith('END:VCARD\r\n')).toBe(true);
    const [read] = readVCards(text);
    expect(read?.components('N')).toEqual(['Смирнова', 'Анна', '', '', '']);
    expect(read?.text('FN')).toBe('Анна Смирнова');
    expect(read?.text('UID')).toBe('urn:uuid:ab0c0000-0000-801f-8000-00000000004d');
    expect(read?.get('TEL')[0]?.params['TYPE']).toEqual(['CELL']);
    expect(read?.get('TEL')[0]?.raw).toBe('+79123456789');
    expect(read?.get('EMAIL')[0]?.params['TYPE']).toEqual(['INTERNET', 'WORK']);
    expect(read?.text('REV')).toBe('2023-11-14T22:13:20Z');
    expect(read?.list('CATEGORIES')).toEqual(['amoCRM Acme']);
  });

  it('writes the company as ORG and the position as TITLE, escaped, and leaves them out when absent', () => {
    const [read] = readVCards(writeVCard3(card({ organization: 'ООО "Ромашка"; отдел, закупок', title: 'CEO\\CFO' })));
    expect(read?.components('ORG')).toEqual(['ООО "Ромашка"; отдел, закупок']);
    expect(read?.text('TITLE')).toBe('CEO\\CFO');
    const [bare] = readVCards(writeVCard3(card()));
    expect(bare?.get('ORG')).toEqual([]);
    expect(bare?.get('TITLE')).toEqual([]);
  });

  it('writes one CATEGORIES label, a comma in it escaped, so all exported contacts share it', () => {
    const text = writeVCard3(card({ categories: ['amoCRM Рога, Копыта; и Ко'] }));
    expect(text).toContain('CATEGORIES:amoCRM Рога\\, Копыта\\; и Ко\r\n');
    expect(readVCards(text)[0]?.list('CATEGORIES')).toEqual(['amoCRM Рога, Копыта; и Ко']);
  });

  it('writes REV in UTC, extended format, and leaves it out without a real time', () => {
    for (const seconds of [1, 951_782_400, 1_700_000_000, 1_709_210_096, 4_102_444_799, 253_402_300_799]) {
      expect(revisionStamp3(seconds)).toBe(new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'));
      expect(revisionStamp4(seconds)).toBe(revisionStamp3(seconds).replace(/[-:]/g, ''));
    }
    for (const revision of [0, -5, Number.NaN, Number.POSITIVE_INFINITY, undefined]) {
      expect(readVCards(writeVCard3(card({ revision })))[0]?.get('REV')).toEqual([]);
    }
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
    // ical.js agrees on the structure: the same number of cards, and the same N.
    const parsed = ICAL.parse(text) as unknown[];
    expect(parsed).toHaveLength(hostileNames.length);
    parsed.forEach((jcal, i) => {
      const component = new ICAL.Component(jcal as unknown[]);
      const expected = (hostileNames[i] as string).replace(/\r\n|\r/g, '\n');
      expect(component.getFirstProperty('n')?.getValues()[0]?.slice(0, 2)).toEqual([`${expected};x`, expected]);
    });
  });

  it('never lets a phone value start a new line or property', () => {
    const [read] = readVCards(
      writeVCard3(card({ phones: [{ number: '+7912\r\nEND:VCARD\r\nFN:evil', types: ['CELL', 'X-Bad Type;'] }] })),
    );
    expect(read?.get('FN')).toHaveLength(1);
    expect(read?.get('TEL')[0]?.params['TYPE']).toEqual(['CELL', 'X-BadType']);
    expect(read?.get('TEL')[0]?.raw).toBe('+7912END:VCARDFN:evil');
  });

  it('keeps a comma in a TEL value: it is a dialling pause, not text', () => {
    const [read] = readVCards(
      writeVCard3(card({ phones: [{ number: '+74951234567,123', types: ['WORK', 'VOICE'] }] })),
    );
    expect(read?.get('TEL')[0]?.raw).toBe('+74951234567,123');
  });
});

describe('escaping and cleaning text', () => {
  it('escapes backslash, comma, semicolon and line breaks', () => {
    expect(escapeText('a\\b,c;d\r\ne\nf\rg')).toBe('a\\\\b\\,c\\;d\\ne\\nf\\ng');
    expect(escapeText('\\n is not a line break')).toBe('\\\\n is not a line break');
    expect(escapeText('plain Анна 😀')).toBe('plain Анна 😀');
  });

  it('removes control characters, turns TAB into a space, and a lone surrogate into U+FFFD', () => {
    expect(cleanText('a\u0000b\u0007c\u001bd\u007fe\u0085f\u009fg')).toBe('abcdefg');
    expect(cleanText('Ivan\tPetrov')).toBe('Ivan Petrov');
    expect(cleanText('a\r\nb\rc\nd')).toBe('a\nb\nc\nd');
    expect(cleanText('x\ud83dy')).toBe('x\ufffdy');
    expect(cleanText('x\ude00y')).toBe('x\ufffdy');
    expect(cleanText('\ude00\ud83d')).toBe('\ufffd\ufffd');
    // Judged on the text as given: halves around a removed control do not pair up.
    expect(cleanText('\ud83d\u0000\ude00')).toBe('\ufffd\ufffd');
    expect(cleanText('ok 😀 \u202eRTL\u200f é')).toBe('ok 😀 \u202eRTL\u200f é');
    expect(escapeText('a\u0007b\tc\ud800')).toBe('ab c\ufffd');
  });

  it('turns the Unicode line and paragraph separators into a line break (vdirsyncer splits lines at them)', () => {
    expect(cleanText('a\u2028b\u2029c')).toBe('a\nb\nc');
    expect(escapeText('line1\u2028BEGIN:VCARD')).toBe('line1\\nBEGIN:VCARD');
    const text = writeVCard3(card({ formattedName: 'Анна\u2028BEGIN:VCARD\u2029FN:evil' }));
    expect(text).not.toMatch(/[\u2028\u2029]/);
    expect(text).toContain('FN:Анна\\nBEGIN:VCARD\\nFN:evil\r\n');
  });
});

describe('folding at 75 octets', () => {
  const check = (folded: string, original: string) => {
    for (const line of folded.split('\r\n')) {
      expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
      // A split character would decode to U+FFFD.
      expect(Buffer.from(line, 'utf8').toString('utf8')).not.toContain('\uFFFD');
    }
    expect(
      folded
        .split('\r\n')
        .slice(1)
        .every((line) => line.startsWith(' ') && line.length > 1),
    ).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(original);
  };

  it('leaves a line of exactly 75 octets alone and folds one of 76', () => {
    const exact = `FN:${'a'.repeat(72)}`;
    expect(foldLine(exact)).toBe(exact);
    const over = `FN:${'a'.repeat(73)}`;
    expect(foldLine(over)).toBe(`FN:${'a'.repeat(72)}\r\n a`);
    expect(foldLine('FN:short')).toBe('FN:short');
  });

  it('moves a 2-, 3- or 4-octet character that would straddle octet 75 whole to the next line', () => {
    for (const [char, size] of [
      ['Ж', 2],
      ['€', 3],
      ['😀', 4],
    ] as const) {
      // The character starts at octet 75: it would end past it.
      const line = `FN:${'a'.repeat(71)}${char}tail`;
      const folded = foldLine(line);
      const [first, second] = folded.split('\r\n');
      expect(first).toBe(`FN:${'a'.repeat(71)}`);
      expect(second).toBe(` ${char}tail`);
      expect(Buffer.byteLength(first as string) + size).toBeGreaterThan(75);
      check(folded, line);
    }
  });

  it('fills continuation lines to 75 octets including the leading space', () => {
    const line = `FN:${'Ж'.repeat(100)}${'😀'.repeat(30)}${'x'.repeat(80)}`;
    const folded = foldLine(line);
    check(folded, line);
    const lines = folded.split('\r\n');
    expect(Buffer.byteLength(lines[1] as string)).toBeGreaterThanOrEqual(74);
  });

  it('never splits an escape sequence across lines', () => {
    // The backslash of "\n" would be octet 75: it moves to the next line with its letter.
    const line = `NOTE:${'a'.repeat(69)}\\nb`;
    expect(foldLine(line)).toBe(`NOTE:${'a'.repeat(69)}\r\n \\nb`);
    // An escaped backslash ending at octet 75 is complete: the cut stays after it.
    const pair = `NOTE:${'a'.repeat(68)}\\\\nb`;
    expect(foldLine(pair)).toBe(`NOTE:${'a'.repeat(68)}\\\\\r\n nb`);
    check(foldLine(line), line);
    check(foldLine(pair), pair);
  });

  it('counts a lone surrogate as the 3 octets of its U+FFFD replacement', () => {
    const line = `FN:${'a'.repeat(70)}\ud800b`;
    const [first] = foldLine(line).split('\r\n');
    expect(Buffer.byteLength(first as string)).toBeLessThanOrEqual(75);
  });
});

describe('messengers in vCard 3.0', () => {
  it('writes each form the card carries, and NOTE for those an importer would lose', () => {
    const text = writeVCard3(
      card({
        messengers: [
          {
            label: 'Telegram',
            handle: '@anna_m',
            impp: { serviceType: 'Telegram', uri: 'x-apple:anna_m' },
            url: 'https://t.me/anna_m',
          },
          {
            label: 'Skype',
            handle: 'anna.smirnova',
            androidProperty: 'X-SKYPE-USERNAME',
            impp: { serviceType: 'Skype', uri: 'skype:anna.smirnova' },
          },
          { label: 'Jabber', handle: 'not a jid; really', androidProperty: 'X-JABBER' },
          { label: 'Viber', handle: '+7 912 000-00-00' },
        ],
      }),
    );
    const [read] = readVCards(text);
    expect(read?.get('IMPP').map((p) => [p.params['X-SERVICE-TYPE'], p.raw])).toEqual([
      [['Telegram'], 'x-apple:anna_m'],
      [['Skype'], 'skype:anna.smirnova'],
    ]);
    expect(read?.get('URL').map((p) => p.raw)).toEqual(['https://t.me/anna_m']);
    expect(read?.text('X-SKYPE-USERNAME')).toBe('anna.smirnova');
    expect(read?.text('X-JABBER')).toBe('not a jid; really');
    expect(read?.text('NOTE')).toBe('Jabber: not a jid; really\nViber: +7 912 000-00-00');
  });

  it('refuses URIs that are not printable ASCII with a scheme, and tokens in X-SERVICE-TYPE', () => {
    const [read] = readVCards(
      writeVCard3(
        card({
          messengers: [
            {
              label: 'X',
              handle: 'h',
              impp: { serviceType: 'Tele;gram:"x"', uri: 'x-apple:a b\r\nEND:VCARD' },
              url: 'javascript alert(1)',
            },
          ],
        }),
      ),
    );
    expect(read?.get('IMPP')).toEqual([]);
    expect(read?.get('URL')).toEqual([]);
    expect(read?.text('NOTE')).toBe('X: h');
  });
});

describe('CardWriter', () => {
  it('decodes an ASCII card and a non-ASCII one alike, and starts afresh after reset', () => {
    const writer = new CardWriter(4);
    writer.name('FN:').value('Smith, John', Escape.Text).newline();
    expect(writer.textFrom(0)).toBe('FN:Smith\\, John\r\n');
    writer.reset();
    writer.name('FN:').value('Анна 😀', Escape.Text).newline();
    expect(writer.textFrom(0)).toBe('FN:Анна 😀\r\n');
    expect(writer.bytes().length).toBe(Buffer.byteLength('FN:Анна 😀\r\n'));
  });

  it('drops line breaks and controls from values written as they are (URIs, numbers)', () => {
    const writer = new CardWriter();
    writer.name('TEL;TYPE=CELL:').value('+7912\r\n345\u0000;,\\', Escape.None).newline();
    expect(writer.textFrom(0)).toBe('TEL;TYPE=CELL:+7912345;,\\\r\n');
  });
});
