/**
 * The numbers of one CRM phone field as a phone must store them (dial-numbers.ts), and the
 * form of the extension per target (tel-form.ts). Tried: доб./ext/#/x/вн., several numbers in
 * one field, leading 8, 00 and 8 10, foreign numbers, letters (a vanity number, and words
 * that are not one), `;` and `\` in an unparsed number, and text with no number at all.
 */
import fc from 'fast-check';
import type { CountryCode } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';
import {
  cleanUnparsedNumber,
  type DialNumber,
  dialNumbersOf,
  prepareForParsing,
  scannedNumbersOf,
} from '../../../src/main/phones/dial-numbers';
import { normalizePhone } from '../../../src/main/phones/normalize';
import { dialText, pauseOf, storedPause, telFormFor } from '../../../src/main/phones/tel-form';
import { createSandboxAccount } from '../../../src/main/sandbox/account';

const numbers = (raw: string) =>
  dialNumbersOf(raw, normalizePhone(raw, 'RU').e164).map((n) => dialText(n.main, n.extension, 'comma'));

describe('the numbers of a phone field', () => {
  it.each([
    ['495-947-11-73 доб. 562', ['+74959471173,562']],
    ['+7 (495) 947-11-73 доб.562', ['+74959471173,562']],
    ['8 495 947 11 73 ext. 45', ['+74959471173,45']],
    ['+7 495 947-11-73 #123', ['+74959471173,123']],
    ['+7 495 947-11-73 x12', ['+74959471173,12']],
    ['+7 495 947-11-73 вн. 7', ['+74959471173,7']],
    ['+7 495 947-11-73, +7 916 123-45-67', ['+74959471173', '+79161234567']],
    ['8 916 123 45 67 / 8 495 947 11 73 доб. 12', ['+79161234567', '+74959471173,12']],
    ['89161234567', ['+79161234567']],
    ['00 44 20 7946 0123', ['+442079460123']],
    ['8 10 44 20 7946 0123', ['+442079460123']],
    ['+44 20 7946 0958 ext 12', ['+442079460958,12']],
    ['+1 (415) 555-0123', ['+14155550123']],
  ])('%s -> %j', (raw, expected) => {
    expect(numbers(raw)).toEqual(expected);
  });

  it('reads 00 as the international prefix (libphonenumber alone took 00 44… for a Russian number)', () => {
    expect(prepareForParsing('00 44 20 7946 0123')).toBe('+44 20 7946 0123');
    expect(normalizePhone('00 44 20 7946 0123', 'RU').e164).toBe('+442079460123');
    expect(normalizePhone('8 916 123 45 67 / 8 495 947 11 73', 'RU').e164).toBe('+79161234567');
  });

  it('keeps an unparsed number to the characters a TEL may hold, letters out, a vanity number as its digits', () => {
    expect(cleanUnparsedNumber('8-800-FLOWERS')).toBe('8-800-3569377');
    // Words are not a vanity number: their letters go (AOSP would read "p" as a pause, "w" as a wait).
    expect(cleanUnparsedNumber('12-34-56 call after 5pm')).toBe('12-34-56 5');
    expect(cleanUnparsedNumber('+7 (495) 123;45\\67\r\nEND:VCARD')).toBe('+7 (495) 123 45 67');
    expect(cleanUnparsedNumber('  12+34  ')).toBe('12 34');
    expect(cleanUnparsedNumber('n/a')).toBe('');
    expect(dialNumbersOf('n/a', null)).toEqual([]);
    expect(dialNumbersOf('12-34-56', null)).toEqual([{ e164: null, extension: null, main: '12-34-56' }]);
  });
});

describe('the extension per target', () => {
  it('is "p" for Android, "," for the iPhone, a file (Google Contacts) and CardDAV until its server is read back', () => {
    expect(telFormFor('android')).toBe('pause-p');
    expect(telFormFor('ios')).toBe('comma');
    expect(telFormFor('file')).toBe('comma');
    expect(telFormFor('carddav')).toBe('comma');
    expect(dialText('+74959471173', '562', 'pause-p')).toBe('+74959471173p562');
    expect(dialText('+74959471173', '562', 'escaped-comma')).toBe('+74959471173\\,562');
    expect(dialText('+74959471173', null, 'pause-p')).toBe('+74959471173');
    expect(pauseOf('comma')).toBe(',');
    // The stored cards' marker is a control character no written value can hold.
    expect(storedPause).toBe('\u0001');
  });
});

/**
 * dialNumbersOf answers a field of one plain number ("8 (916) 123-45-67") without
 * libphonenumber's scan of the text; here it must answer exactly as the scan does. Tried:
 * every phone field of a 20,000-contact sandbox account (all its typing styles, foreign
 * numbers, extensions), plain-digit fields that hold two numbers or extra digits, trunk and
 * international prefixes, `(0)`, short and service numbers, NBSP and tab separators, and
 * random strings of digits and separators read with five countries.
 */
describe('the shortcut for a field of one plain number', () => {
  const bothWays = (raw: string, region: CountryCode | undefined) => {
    const normalized = normalizePhone(raw, region).e164;
    return { fast: dialNumbersOf(raw, normalized), scanned: scannedNumbersOf(raw, normalized) };
  };

  it('answers as the scan does for every phone of a sandbox account', () => {
    const account = createSandboxAccount({ seed: 'dial-shortcut', contactCount: 20_000, anchorTime: 1_750_000_000 });
    let fields = 0;
    let mismatches: string[] = [];
    for (let index = 0; index < 20_000; index++) {
      for (const field of account.contactAt(index).custom_fields_values ?? []) {
        if (field.field_code !== 'PHONE') continue;
        for (const { value } of field.values ?? []) {
          fields++;
          const { fast, scanned } = bothWays(String(value), 'RU');
          if (JSON.stringify(fast) !== JSON.stringify(scanned)) mismatches.push(String(value));
        }
      }
    }
    mismatches = mismatches.slice(0, 5);
    expect(fields).toBeGreaterThan(15_000);
    expect(mismatches).toEqual([]);
  });

  it.each([
    ['89161234567 84959471173', 'RU'],
    ['+7 495 947 11 73 12', 'RU'],
    ['8 495 947 11 73 1', 'RU'],
    ['7 7 495 947 11 73', 'RU'],
    ['8 10 44 20 7946 0123', 'RU'],
    ['00 44 20 7946 0123', 'RU'],
    ['+44 (0) 20 7946 0958', 'RU'],
    ['0049 30 1234567', 'DE'],
    ['030 1234567', 'DE'],
    ['+7 727 312 3456', 'KZ'],
    ['8 727 312 3456', 'RU'],
    ['(415) 555-0123', 'US'],
    ['1 415 555 0123', 'US'],
    ['011 44 20 7946 0958', 'US'],
    ['8 800 555 35 35', 'RU'],
    ['112', 'RU'],
    ['947-11-73', 'RU'],
    ['\u00a08\u00a0916\u00a0123\u00a045\u00a067', 'RU'],
    ['8\t916\t1234567', 'RU'],
    ['  +7 916 123 45 67  ', 'RU'],
    ['+7 916 123 45 67 +7 916 123 45 68', 'RU'],
    ['916 123 45 67 916 123 45 68', undefined],
    ['+7 (495) 947-11-73 доб. 562', 'RU'],
    ['8 495 947 11 73 ext. 45', 'RU'],
    ['8 495 947 11 73, доб 45', 'RU'],
    ['8 495 947 11 73 доб. 12345678901', 'RU'],
    ['8 495 947 11 73 доб. 562 доб. 7', 'RU'],
    ['8 495 947 11 73 доб. 5 62', 'RU'],
    ['+7 495 947 11 73 вн. 7', 'RU'],
    ['8 (495) доб. 562', 'RU'],
    ['+79161234567', undefined],
  ] as const)('%j read with %s', (raw, region) => {
    const { fast, scanned } = bothWays(raw, region);
    expect(fast).toEqual(scanned);
  });

  it('answers as the scan does for random digits and separators', () => {
    const separator = fc.constantFrom(' ', '-', '(', ')', '.', '\u00a0', '');
    const field = fc
      .tuple(
        fc.constantFrom('', '+', '8', '+7', '00', '8 10 ', '0', '+1 ', '+44 '),
        fc.array(fc.tuple(fc.stringMatching(/^\d{1,4}$/), separator), { minLength: 1, maxLength: 6 }),
      )
      .map(([start, groups]) => start + groups.map(([digits, sep]) => digits + sep).join(''));
    const extension = fc.oneof(
      fc.constant(''),
      fc
        .tuple(
          fc.constantFrom(
            ' доб. ',
            'доб.',
            ', доб ',
            ' ДОБ.',
            ' ext. ',
            ' Ext ',
            ',ext.',
            ' вн. ',
            ' доп.',
            ' x',
            ' #',
          ),
          fc.stringMatching(/^\d{1,12}$/),
          fc.constantFrom('', ' ', '.', ' )'),
        )
        .map((parts) => parts.join('')),
    );
    let differences = 0;
    fc.assert(
      fc.property(
        fc.tuple(field, extension).map(([number, ext]) => number + ext),
        fc.constantFrom<CountryCode | undefined>('RU', 'US', 'DE', 'KZ', 'GB', undefined),
        (raw, region) => {
          const { fast, scanned } = bothWays(raw, region);
          if (JSON.stringify(fast) === JSON.stringify(scanned)) return;
          differences++;
          const first = fast[0] as DialNumber;
          if (scanned.length === 1) {
            // A number the scan does not find (libphonenumber holds +7 000 … invalid, or junk
            // around it): its fallback reads the extension with the number's region, which
            // such a number may have none of, and loses "доб. 2"; the shortcut keeps what is written.
            expect(scanned).toEqual([{ ...first, extension: null }]);
            expect(raw).toMatch(new RegExp(`(доб|ext|вн|доп)\\.?\\s*${first.extension}\\D*$`, 'iu'));
            return;
          }
          // Or the scan has the same number first and then reads the same digits again as a
          // shorter number of the same country ("40 0(1000" in Germany: +494001000, then
          // +491000): an echo of junk typing, which the shortcut rightly leaves out.
          expect(fast).toEqual(scanned.slice(0, 1));
          const digits = raw.replace(/\D+/g, '');
          for (const echo of scanned.slice(1)) expect(digits).toContain((echo.e164 ?? '').slice(4));
        },
      ),
      { numRuns: 3000 },
    );
    // Both need junk digits ("(0", a stray ")", +7 000 …); the sandbox's typing styles have none (above).
    expect(differences).toBeLessThan(600);
  });
});
