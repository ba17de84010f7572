/**
 * The numbers of one CRM phone field as a phone must store them (dial-numbers.ts), and the
 * form of the extension per target (tel-form.ts). Tried: доб./ext/#/x/вн., several numbers in
 * one field, leading 8, 00 and 8 10, foreign numbers, letters (a vanity number, and words
 * that are not one), `;` and `\` in an unparsed number, and text with no number at all.
 */
import { describe, expect, it } from 'vitest';
import { cleanUnparsedNumber, dialNumbersOf, prepareForParsing } from '../../../src/main/phones/dial-numbers';
import { normalizePhone } from '../../../src/main/phones/normalize';
import { dialText, pauseOf, storedPause, telFormFor } from '../../../src/main/phones/tel-form';

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
