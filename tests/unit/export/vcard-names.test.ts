import { describe, expect, it } from 'vitest';
import { writeContactCardsUtf8 } from '../../../src/main/export/card-from-mirror';
import { countCards, formattedNames } from '../../../src/main/export/vcard-names';

const hostile = [
  'Анна Петрова',
  "O'Brien; Smith, Jr. \\ the 3rd",
  `${'Очень длинное имя '.repeat(20)}🙂`,
  'Line\nbreak END:VCARD',
  'שלום עולם',
];

describe('the names the phone page lists', () => {
  it('reads back exactly the names written, through folding and escapes (tried: ; , \\ newlines, emoji, RTL, 300+ characters)', () => {
    const bytes = writeContactCardsUtf8(
      hostile.map((name, i) => ({
        accountId: 1,
        id: i + 1,
        name,
        firstName: '',
        lastName: '',
        updatedAt: 1_700_000_000,
        channels: [{ kind: 'phone' as const, value: '+79161234567', normalized: '+79161234567', typeCode: 'MOB' }],
      })),
      'amoCRM Test',
      'vcard3',
      'comma',
    );
    expect(formattedNames(bytes, 10)).toEqual(hostile);
    expect(formattedNames(bytes, 2)).toEqual(hostile.slice(0, 2));
    expect(formattedNames(new Uint8Array(0), 5)).toEqual([]);
    // A name that reads END:VCARD is escaped text, never the end of a card.
    expect(countCards(bytes)).toBe(hostile.length);
    expect(countCards(new Uint8Array(0))).toBe(0);
  });
});
