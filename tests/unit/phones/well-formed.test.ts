/** Lone surrogates never reach the mirror: the CRM's JSON is cleaned at the door (lib/well-formed.ts). */
import { describe, expect, it } from 'vitest';
import { maxStoredTextLength, parseWellFormedJson, storableText, wellFormed } from '../../../src/main/lib/well-formed';

describe('well-formed text', () => {
  it('replaces a lone surrogate with U+FFFD and keeps pairs, emoji and plain text as they are', () => {
    expect(wellFormed('a\ud83db')).toBe('a\ufffdb');
    expect(wellFormed('\ude00\ud83d')).toBe('\ufffd\ufffd');
    expect(wellFormed('ok 😀')).toBe('ok 😀');
    const plain = 'Анна';
    expect(wellFormed(plain)).toBe(plain);
  });

  it('cleans every string of a JSON document, keys and nesting included, and parses plain JSON as JSON.parse does', () => {
    const text = '{"name":"Broken \\ud83d emoji","ok":"\\ud83d\\ude00","list":[{"v":"\\udc00"}],"n":1}';
    expect(parseWellFormedJson(text)).toEqual({ name: 'Broken \ufffd emoji', ok: '😀', list: [{ v: '\ufffd' }], n: 1 });
    expect(parseWellFormedJson('{"a":[1,"b",null]}')).toEqual({ a: [1, 'b', null] });
    expect(() => parseWellFormedJson('{"a":')).toThrow();
  });

  it('stores text without NUL, cut at the cap on a code point, never halving an emoji', () => {
    expect(storableText('Nu\u0000ll\u0000')).toBe('Null');
    expect(storableText('a\ud83db\u0085')).toBe('a\ufffdb\u0085');
    const emoji = '😀'.repeat(maxStoredTextLength + 5);
    const cut = storableText(emoji);
    expect(Array.from(cut)).toHaveLength(maxStoredTextLength);
    expect(cut).toBe(wellFormed(cut));
    const short = 'Анна Петрова';
    expect(storableText(short)).toBe(short);
  });
});
