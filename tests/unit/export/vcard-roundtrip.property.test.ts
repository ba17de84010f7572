/**
 * Property tests: random contacts with hostile text in every field go through
 * toVCardContact and the writers, and independent readers give back exactly the same
 * names, numbers, e-mails, company, position and label, one card per contact, never an
 * extra or a broken card.
 *
 * The documented normalisations (vcard3.ts), re-implemented here on their own: a lone
 * surrogate becomes U+FFFD (what writing UTF-8 does, judged on the text as given); CRLF and
 * CR become LF; TAB becomes a space; other control characters (C0, DEL, C1) are removed; a
 * TEL loses its line breaks and is trimmed; blank e-mails, company and position are left
 * out (trimmed otherwise); a blank name falls back to the first number.
 *
 * Readers: 3.0 -> tests/helpers/vcard-reader.ts (strict, no code shared with the writer),
 * plus ical.js for the structure. 4.0 -> ical.js for exact values on the full hostile
 * alphabet, and the vcard4 package's parser card by card on an alphabet without `\`, `"`
 * and `:` (its weaknesses are pinned in vcard4.test.ts), plus the strict reader.
 */
import fc from 'fast-check';
import ICAL from 'ical.js';
import { parse as parseVCard4 } from 'vcard4';
import { describe, expect, it } from 'vitest';
import {
  type ExportableChannel,
  type ExportableContact,
  toVCardContact,
  writeContactCards,
  writeContactCardsUtf8,
} from '../../../src/main/export/card-from-mirror';
import { CardWriter, Escape } from '../../../src/main/export/card-writer';
import { escapeText, foldLine } from '../../../src/main/export/vcard-text';
import { writeVCard3 } from '../../../src/main/export/vcard3';
import { escapeText4, writeCard, writeVCard4 } from '../../../src/main/export/vcard4';
import { dialNumbersOf } from '../../../src/main/phones/dial-numbers';
import { type ReadCard, readVCards } from '../../helpers/vcard-reader';

// ---------------------------------------------------------------------------------------
// Hostile material

const pieces = [
  ';',
  ',',
  '\\',
  '\\n',
  '\\,',
  ':',
  '"',
  "'",
  '=',
  '\r',
  '\n',
  '\r\n',
  '\t',
  ' ',
  'END:VCARD',
  'BEGIN:VCARD',
  '\r\nEND:VCARD\r\nBEGIN:VCARD\r\n',
  'VERSION:4.0',
  'FN:evil',
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009f',
  '\u2028',
  '\ufeff',
  '\u200f',
  '\u202e',
  '😀',
  '👨‍👩‍👧',
  '🏳️‍🌈',
  'محمد علي',
  'דוד כהן',
  'e\u0301\u0327',
  'Z\u0351\u0352\u0353\u0354',
  'Ж',
  'Анна',
  'x',
  '0',
  '12345',
  '\ud800',
  '\udfff',
  '\ud83d',
  '\ude00',
  '€',
];
const piece = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...pieces) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);
const hostileText = fc.oneof(
  { weight: 6, arbitrary: fc.array(piece, { maxLength: 12 }).map((parts) => parts.join('')) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.array(piece, { minLength: 300, maxLength: 360 }).map((parts) => parts.join('')) },
);

const codes = [
  ...[
    'MOB',
    'WORK',
    'WORKDD',
    'HOME',
    'FAX',
    'OTHER',
    'PRIV',
    'TELEGRAM',
    'WHATSAPP',
    'SKYPE',
    'JABBER',
    'GTALK',
    'ICQ',
    'MSN',
  ],
  // Keys of Object.prototype: a lookup table must not find them.
  ...['valueOf', 'toString', 'constructor', '__proto__', 'hasOwnProperty', 'VALUEOF'],
];
const typeCode = (text: fc.Arbitrary<string>) => fc.oneof(fc.constantFrom(...codes), fc.constant(null), text);

interface Case {
  readonly contact: ExportableContact;
  /** For parsed numbers: the number as 3.0 writes it and the tel: URI 4.0 writes. */
  readonly parsed: ReadonlyMap<string, string>;
}

const e164 = fc
  .tuple(fc.constantFrom('+7', '+1', '+49', '+380', '+44'), fc.stringMatching(/^[1-9]\d{8,9}$/))
  .map(([country, national]) => country + national);

function contactCase(text: fc.Arbitrary<string>): fc.Arbitrary<Case> {
  const parsedPhone = fc
    .record({
      number: e164,
      extension: fc.option(fc.integer({ min: 1, max: 99_999 }), { nil: undefined }),
      code: typeCode(text),
    })
    .map(({ number, extension, code }) => ({
      channel: {
        kind: 'phone' as const,
        value: extension ? `${number.slice(0, 2)} ${number.slice(2)} доб. ${extension}` : number,
        normalized: number,
        typeCode: code,
      },
      written: extension ? `${number},${extension}` : number,
      tel: extension ? `tel:${number};ext=${extension}` : `tel:${number}`,
    }));
  const rawPhone = fc
    .tuple(text, fc.stringMatching(/^\d{0,8}$/), text, typeCode(text))
    .map(([before, digits, after, code]) => ({
      kind: 'phone' as const,
      value: before + digits + after,
      normalized: null,
      typeCode: code,
    }));
  const email = fc
    .oneof(
      text,
      fc.tuple(text, text).map(([local, domain]) => `${local}@${domain}.example`),
    )
    .chain((value) =>
      fc.record({
        kind: fc.constant('email' as const),
        value: fc.constant(value),
        normalized: fc.constant(value.toLowerCase()),
        typeCode: typeCode(text),
      }),
    );
  const messenger = fc.record({
    kind: fc.constant('im' as const),
    value: fc.oneof(
      text,
      fc.constantFrom(
        '@anna_m',
        'https://t.me/anna_m',
        '+7 912 345-67-89',
        'wa.me/79123456789',
        'anna@xmpp.example',
        'anna.smirnova',
      ),
    ),
    normalized: fc.constant(null),
    typeCode: typeCode(text),
  });

  return fc
    .record({
      accountId: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
      id: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
      name: text,
      firstName: fc.oneof(fc.constant(''), text),
      lastName: fc.oneof(fc.constant(''), text),
      updatedAt: fc.integer({ min: -10, max: 4_102_444_800 }),
      position: fc.option(text, { nil: null }),
      company: fc.option(text, { nil: null }),
      parsedPhones: fc.array(parsedPhone, { maxLength: 3 }),
      others: fc.array(fc.oneof(rawPhone, email, messenger), { maxLength: 6 }),
    })
    .chain((drawn) => {
      const channels: ExportableChannel[] = [...drawn.parsedPhones.map((p) => p.channel), ...drawn.others];
      // The delivered union repeats channels: the same number typed otherwise, an e-mail in capitals.
      return fc.subarray(channels).map((again) => {
        const repeats = again.map((channel) =>
          channel.kind === 'email'
            ? { ...channel, value: channel.value.toUpperCase(), typeCode: 'OTHER' }
            : channel.kind === 'phone' && channel.normalized
              ? { ...channel, value: `8 ${channel.value}`, typeCode: 'HOME' }
              : channel,
        );
        const contact: ExportableContact = {
          accountId: drawn.accountId,
          id: drawn.id,
          name: drawn.name,
          firstName: drawn.firstName,
          lastName: drawn.lastName,
          updatedAt: drawn.updatedAt,
          position: drawn.position,
          company: drawn.company,
          channels: [...channels, ...repeats],
        };
        return { contact, parsed: new Map(drawn.parsedPhones.map((p) => [p.written, p.tel])) };
      });
    });
}

const casesOf = (text: fc.Arbitrary<string>) =>
  fc.uniqueArray(contactCase(text), {
    minLength: 1,
    maxLength: 4,
    selector: (c) => `${c.contact.accountId}:${c.contact.id}`,
  });

// ---------------------------------------------------------------------------------------
// What must come back, computed here on its own

// biome-ignore lint/suspicious/noControlCharactersInRegex: the documented normalisation removes them
const controls = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;
/**
 * The documented normalisation: lone surrogates as U+FFFD (what a UTF-8 round trip does, on
 * the text as given), then line breaks as LF, TAB as space, controls out.
 */
const norm = (text: string): string =>
  Buffer.from(text, 'utf8')
    .toString('utf8')
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(/\t/g, ' ')
    .replace(controls, '');

/** ical.js keeps the backslash of an escaped ';' outside N and ORG (its deviation, named in vcard3.ts). */
const asIcalReads = (text: string): string => text.replace(/;/g, '\\;');

/** The account label as CATEGORIES: one item, or no CATEGORIES at all when it is blank. */
const categoriesOf = (label: string): string[] | undefined => (norm(label).trim() ? [norm(label)] : undefined);

interface Expected {
  readonly fn: string;
  readonly n: readonly string[];
  readonly tel3: readonly string[];
  readonly tel4: readonly string[];
  readonly emails: readonly string[];
  readonly org: string | null;
  readonly title: string | null;
  readonly rev: string | null;
}

const telUri = (e164: string, extension: string | null): string =>
  extension ? `tel:${e164};ext=${extension}` : `tel:${e164}`;

function expectedOf({ contact, parsed }: Case): Expected {
  const tel3: string[] = [];
  const tel4: string[] = [];
  for (const channel of contact.channels) {
    if (channel.kind !== 'phone') continue;
    if (!channel.normalized && (channel.value.match(/\d/g) ?? []).length < 5) continue;
    // Which numbers a field holds is dial-numbers.ts's to say (its own tests pin it); here,
    // that the writers carry each of them whole.
    for (const number of dialNumbersOf(channel.value, channel.normalized)) {
      const written = number.extension ? `${number.main},${number.extension}` : number.main;
      if (tel3.includes(written)) continue;
      tel3.push(written);
      tel4.push(number.e164 ? (parsed.get(written) ?? telUri(number.e164, number.extension)) : written);
    }
  }
  const emails: string[] = [];
  const seen = new Set<string>();
  for (const channel of contact.channels) {
    if (channel.kind !== 'email') continue;
    const address = norm(channel.value).trim();
    if (!address || seen.has(address.toLowerCase())) continue;
    seen.add(address.toLowerCase());
    emails.push(address);
  }
  const name = norm(contact.name);
  const fn = name.trim() ? name : (tel3[0] ?? '—');
  const first = norm(contact.firstName);
  const last = norm(contact.lastName);
  const structured = Boolean(first.trim() || last.trim());
  const optional = (value: string | null | undefined) => (value && norm(value).trim()) || null;
  return {
    fn,
    n: structured ? [last, first, '', '', ''] : ['', fn, '', '', ''],
    tel3,
    tel4,
    emails,
    org: optional(contact.company),
    title: optional(contact.position),
    rev: contact.updatedAt > 0 ? new Date(contact.updatedAt * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') : null,
  };
}

const allowed3 = new Set([
  'VERSION',
  'PRODID',
  'UID',
  'N',
  'FN',
  'ORG',
  'TITLE',
  'TEL',
  'EMAIL',
  'X-SKYPE-USERNAME',
  'X-JABBER',
  'X-GOOGLE-TALK',
  'X-ICQ',
  'X-MSN',
  'IMPP',
  'URL',
  'NOTE',
  'CATEGORIES',
  'REV',
]);
const safeImpp = /^(?:x-apple|skype|xmpp|aim|msnim):[A-Za-z0-9._%+@:-]+$/;
const safeUrl = /^https:\/\/(?:t\.me\/\+?[A-Za-z0-9_]+|wa\.me\/\d+)$/;
const uidShape = /^urn:uuid:ab0c[0-9a-f]{4}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function checkStructure(card: ReadCard, allowed: ReadonlySet<string>): void {
  for (const property of card.properties) expect(allowed.has(property.name), property.name).toBe(true);
  for (const property of card.get('IMPP')) expect(property.raw).toMatch(safeImpp);
  for (const property of card.get('URL')) expect(property.raw).toMatch(safeUrl);
  for (const property of card.get('TEL')) expect(property.params['TYPE']?.length).toBeGreaterThan(0);
  expect(card.get('UID')[0]?.raw).toMatch(uidShape);
}

// ---------------------------------------------------------------------------------------

describe('vCard 3.0 round trip (strict reader)', () => {
  it('gives back the same names, numbers, e-mails, company, position and label for any contacts', () => {
    fc.assert(
      fc.property(casesOf(hostileText), hostileText, (cases, label) => {
        const file = cases.map((c) => writeVCard3(toVCardContact(c.contact, label))).join('');
        // The file as the phone sees it: UTF-8 bytes. Nothing may change on the way.
        expect(Buffer.from(file, 'utf8').toString('utf8')).toBe(file);
        const cards = readVCards(file);
        expect(cards).toHaveLength(cases.length);
        const uids = new Set(cards.map((card) => card.text('UID')));
        expect(uids.size).toBe(cases.length);
        cases.forEach((c, i) => {
          const card = cards[i] as ReadCard;
          const expected = expectedOf(c);
          checkStructure(card, allowed3);
          expect(card.text('FN')).toBe(expected.fn);
          expect(card.components('N')).toEqual(expected.n);
          expect(card.get('TEL').map((p) => p.raw)).toEqual(expected.tel3);
          expect(card.texts('EMAIL')).toEqual(expected.emails);
          expect(card.get('ORG').map((p) => p.raw).length).toBe(expected.org === null ? 0 : 1);
          if (expected.org !== null) expect(card.components('ORG')).toEqual([expected.org]);
          expect(card.texts('TITLE')).toEqual(expected.title === null ? [] : [expected.title]);
          expect(card.list('CATEGORIES')).toEqual(categoriesOf(label));
          expect(card.text('REV')).toBe(expected.rev ?? undefined);
          expect(card.get('NOTE').length).toBeLessThanOrEqual(1);
        });
        // ical.js agrees on the structure: as many cards, each with one FN.
        const jcal = ICAL.parse(file) as unknown;
        const components = cases.length === 1 ? [jcal] : (jcal as unknown[]);
        expect(components).toHaveLength(cases.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('vCard 4.0 round trip', () => {
  it('gives back the same values through ical.js, on the full hostile alphabet', () => {
    fc.assert(
      fc.property(casesOf(hostileText), hostileText, (cases, label) => {
        const file = cases.map((c) => writeVCard4(toVCardContact(c.contact, label))).join('');
        const strict = readVCards(file, { version: '4.0' });
        expect(strict).toHaveLength(cases.length);
        const jcal = ICAL.parse(file) as unknown;
        const components = (cases.length === 1 ? [jcal] : (jcal as unknown[])).map(
          (item) => new ICAL.Component(item as unknown[]),
        );
        expect(components).toHaveLength(cases.length);
        cases.forEach((c, i) => {
          const component = components[i] as ICAL.Component;
          const expected = expectedOf(c);
          checkStructure(strict[i] as ReadCard, allowed3);
          expect(strict[i]?.properties.some((p) => p.name.startsWith('X-'))).toBe(false);
          expect(component.getFirstPropertyValue('version')).toBe('4.0');
          expect(component.getFirstPropertyValue('fn')).toBe(asIcalReads(expected.fn));
          expect(strict[i]?.text('FN')).toBe(expected.fn);
          expect(strict[i]?.components('N')).toEqual(expected.n);
          expect(strict[i]?.texts('EMAIL')).toEqual(expected.emails);
          // ical.js takes "\\;" (an escaped backslash, then the separator) for an escaped ';'
          // (its unescapedIndexOf looks at one character back): N is compared only without it.
          if (!expected.n.slice(0, 4).some((component) => component.endsWith('\\'))) {
            expect(component.getFirstProperty('n')?.getValues()[0]).toEqual(expected.n);
          }
          expect(component.getAllProperties('tel').map((p) => p.getFirstValue())).toEqual(expected.tel4);
          expect(component.getAllProperties('email').map((p) => p.getFirstValue())).toEqual(
            expected.emails.map(asIcalReads),
          );
          expect(component.getAllProperties('org').map((p) => p.getFirstValue())).toEqual(
            expected.org === null ? [] : [expected.org],
          );
          expect(component.getAllProperties('title').map((p) => p.getFirstValue())).toEqual(
            expected.title === null ? [] : [asIcalReads(expected.title)],
          );
          expect(component.getFirstProperty('categories')?.getValues()).toEqual(categoriesOf(label)?.map(asIcalReads));
          expect(component.getAllProperties('rev')).toHaveLength(expected.rev === null ? 0 : 1);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('gives back the same values through the vcard4 package, card by card, without \\ " and :', () => {
    const vcard4Text = hostileText.map((text) => text.replace(/[\\":]/g, ''));
    /** vcard4 splits non-compound values on ';' (weakness 5): join them back. */
    const joined = (value: unknown): unknown => (Array.isArray(value) ? value.join(';') : value);
    fc.assert(
      fc.property(casesOf(vcard4Text), vcard4Text, (cases, label) => {
        for (const c of cases) {
          const text = writeVCard4(toVCardContact(c.contact, label));
          const card = parseVCard4(text) as unknown as {
            getProperty(name: string): { value: unknown; parameters: Record<string, unknown> }[];
          };
          const values = (name: string) => card.getProperty(name).map((p) => joined(p.value));
          const expected = expectedOf(c);
          // vcard4 drops a value ending in an escaped ';' (weakness 6), and every ';' is escaped.
          if (!expected.fn.endsWith(';')) expect(values('FN')).toEqual([expected.fn]);
          const [n] = values('N') as { familyNames: unknown; givenNames: unknown }[];
          expect([joined(n?.familyNames), joined(n?.givenNames)]).toEqual(expected.n.slice(0, 2));
          expect(values('TEL')).toEqual(expected.tel4);
          expect(values('EMAIL').filter(Boolean)).toEqual(expected.emails.filter((email) => !email.endsWith(';')));
          // vcard4 drops a value ending in an escaped ';' (weakness 6): only ORG escapes ';'.
          if (!expected.org?.endsWith(';')) expect(values('ORG')).toEqual(expected.org === null ? [] : [expected.org]);
          if (!expected.title?.endsWith(';'))
            expect(values('TITLE')).toEqual(expected.title === null ? [] : [expected.title]);
          if (!norm(label).trim().endsWith(';')) expect(values('CATEGORIES')).toEqual(categoriesOf(label) ?? []);
          expect(values('UID')[0]).toMatch(uidShape);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('folding', () => {
  it('keeps every physical line within 75 octets, never splits a character or an escape, and unfolds exactly', () => {
    fc.assert(
      fc.property(fc.oneof(hostileText, fc.string({ unit: 'binary', maxLength: 400 })), (text) => {
        const line = `NOTE:${text.replace(/[\r\n]/g, '')}`;
        const folded = foldLine(line);
        const lines = folded.split('\r\n');
        lines.forEach((physical, i) => {
          expect(Buffer.byteLength(physical)).toBeLessThanOrEqual(75);
          if (i > 0) expect(physical.length).toBeGreaterThan(1);
          if (i < lines.length - 1) {
            // No high surrogate left waiting for its low half on the next line.
            const last = physical.charCodeAt(physical.length - 1);
            const next = (lines[i + 1] as string).charCodeAt(1);
            expect(last >= 0xd800 && last <= 0xdbff && next >= 0xdc00 && next <= 0xdfff).toBe(false);
            // An odd run of backslashes at the end would be an escape cut in two.
            expect((/\\+$/.exec(physical)?.[0].length ?? 0) % 2).toBe(0);
          }
        });
        expect(folded.replace(/\r\n /g, '')).toBe(line);
      }),
      { numRuns: 500 },
    );
  });
});

describe('CardWriter and the batch writers', () => {
  it('write, byte for byte, what the string rules (escapeText + foldLine) give', () => {
    const prefixes = fc.constantFrom('FN:', 'N:', 'EMAIL;TYPE=INTERNET,WORK:', `X-${'A'.repeat(70)}:`, '');
    fc.assert(
      fc.property(prefixes, fc.oneof(hostileText, fc.string({ unit: 'binary', maxLength: 400 })), (prefix, text) => {
        // A small buffer, so that growing is part of every run.
        const writer = new CardWriter(8);
        writer.name(prefix).value(text, Escape.Text).newline();
        writer.name(prefix).value(text, Escape.Text).newline();
        const expected = `${foldLine(prefix + escapeText(text))}\r\n${foldLine(prefix + escapeText4(text))}\r\n`;
        expect(writer.textFrom(0)).toBe(expected);
        expect(Buffer.compare(writer.bytes(), Buffer.from(expected, 'utf8'))).toBe(0);
      }),
      { numRuns: 500 },
    );
  });

  it('write the same file in one go as card by card, as bytes and as text', () => {
    fc.assert(
      fc.property(casesOf(hostileText), hostileText, fc.constantFrom('vcard3', 'vcard4'), (cases, label, format) => {
        const contacts = cases.map((c) => c.contact);
        const byCard = contacts.map((contact) => writeCard(toVCardContact(contact, label), format)).join('');
        expect(writeContactCards(contacts, label, format)).toBe(byCard);
        expect(
          Buffer.compare(writeContactCardsUtf8(new Set(contacts), label, format, 'comma'), Buffer.from(byCard, 'utf8')),
        ).toBe(0);
      }),
      { numRuns: 200 },
    );
  });
});
