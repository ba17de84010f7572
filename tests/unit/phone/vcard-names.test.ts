import { describe, expect, it } from 'vitest';
import { splitUnescaped, unescapeText, unfold, vcardNames } from '../../../src/renderer/phone/vcard-names';

const utf8 = (text: string) => new TextEncoder().encode(text);
const card = (...lines: string[]) => ['BEGIN:VCARD', 'VERSION:3.0', ...lines, 'END:VCARD', ''].join('\r\n');

describe('vcardNames', () => {
  it('counts the cards and reads FN in file order', () => {
    const file = card('FN:Анна Иванова', 'TEL:+79123456789') + card('FN:Bob Stone') + card('FN:李小龍');
    expect(vcardNames(utf8(file))).toEqual({ count: 3, names: ['Анна Иванова', 'Bob Stone', '李小龍'] });
  });

  it('unfolds CRLF + space and CRLF + tab continuations, even one that splits a UTF-8 character', () => {
    const name = 'Константин Константинопольский 👨‍👩‍👧';
    const bytes = utf8(name);
    // Fold in the middle of the first Cyrillic letter's two bytes, and inside the emoji sequence.
    const folded = new Uint8Array([
      ...utf8('BEGIN:VCARD\r\nFN:'),
      ...bytes.subarray(0, 1),
      ...utf8('\r\n '),
      ...bytes.subarray(1, bytes.length - 5),
      ...utf8('\r\n\t'),
      ...bytes.subarray(bytes.length - 5),
      ...utf8('\r\nEND:VCARD\r\n'),
    ]);
    expect(vcardNames(folded).names).toEqual([name]);
  });

  it('unescapes \\\\ \\; \\, and \\n (shown as a space: a name is one line)', () => {
    expect(vcardNames(utf8(card('FN:Smith\\, John \\; Co\\\\Ltd\\nSales'))).names).toEqual([
      'Smith, John ; Co\\Ltd Sales',
    ]);
    expect(unescapeText('a\\nb\\Nc\\\\n')).toBe('a\nb\nc\\n');
  });

  it('keeps emoji and right-to-left text as written; strips control characters', () => {
    const file = card('FN:محمد عبد الله 🌙') + card('FN:שלום\u202e evil') + card('FN:bell\u0007and\u001bescape');
    expect(vcardNames(utf8(file)).names).toEqual(['محمد عبد الله 🌙', 'שלום\u202e evil', 'bell and escape']);
  });

  it('reads grouped and parameterised FN, LF-only files, lower-case names, and falls back to N', () => {
    const file =
      'BEGIN:VCARD\nVERSION:3.0\nitem1.FN;CHARSET=UTF-8:Grouped Name\nEND:VCARD\n' +
      'begin:vcard\nfn:lower case\nend:vcard\n' +
      card('N:Petrov;Ivan;Ivanovich;Dr.;') +
      card('TEL:+1 555 0100');
    expect(vcardNames(utf8(file))).toEqual({
      count: 4,
      names: ['Grouped Name', 'lower case', 'Dr. Ivan Ivanovich Petrov'],
    });
  });

  it('decodes vCard 2.1 quoted-printable names (Android exports), soft line breaks included', () => {
    const file =
      'BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D0=98=D0=B2=D0=B0=D0=BD=D0=BE=D0=B2;=D0=9F=D0=B5=D1=82=D1=80;;;\r\n' +
      'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D0=9F=D0=B5=D1=82=D1=80=20=D0=98=D0=B2=D0=B0=\r\n=D0=BD=D0=BE=\r\n=D0=B2\r\nEND:VCARD\r\n';
    expect(vcardNames(utf8(file)).names).toEqual(['Петр Иванов']);
  });

  it('survives hostile input: no cards, unterminated cards, huge names, junk bytes', () => {
    expect(vcardNames(utf8('hello world'))).toEqual({ count: 0, names: [] });
    expect(vcardNames(utf8('BEGIN:VCARD\r\nFN:never ends\r\n'))).toEqual({ count: 0, names: [] });
    expect(vcardNames(new Uint8Array([0xff, 0xfe, 0x00, 0x0d, 0x0a]))).toEqual({ count: 0, names: [] });
    const long = vcardNames(utf8(card(`FN:${'я'.repeat(5000)}`))).names[0] ?? '';
    expect(Array.from(long).length).toBeLessThanOrEqual(201);
    const many = Array.from({ length: 300 }, (_, i) => card(`FN:Person ${i}`)).join('');
    const read = vcardNames(utf8(many), 200);
    expect(read.count).toBe(300);
    expect(read.names).toHaveLength(200);
  });

  it('splits N on unescaped semicolons only, an escaped backslash before one included', () => {
    expect(splitUnescaped('Smith\\;Jr;John;;', ';')).toEqual(['Smith\\;Jr', 'John', '', '']);
    expect(splitUnescaped('Back\\\\;Slash', ';')).toEqual(['Back\\\\', 'Slash']);
    expect(vcardNames(utf8(card('N:Smith\\;Jr;John;;')))).toEqual({ count: 1, names: ['John Smith;Jr'] });
    expect(vcardNames(utf8(card('N:Back\\\\;Slash;;;')))).toEqual({ count: 1, names: ['Slash Back\\'] });
  });

  it('unfold leaves unfolded text alone', () => {
    const bytes = utf8('A:1\r\nB:2\r\n');
    expect(unfold(bytes)).toEqual(bytes);
  });
});
