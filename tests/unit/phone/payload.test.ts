import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { displayText, safeFileName } from '../../../src/renderer/phone/display-text';
import { acceptedEncodings, openPayload, parseMeta } from '../../../src/renderer/phone/handoff/payload';
import { keyBytes, packPlaintext, randomBytes, seal } from '../../../src/shared/handoff/crypto';
import { handoffProtocolVersion } from '../../../src/shared/handoff/protocol';

const key = randomBytes(keyBytes);
const token = 'AAAAAAAAAAAAAAAAAAAAAA';
const meta = {
  v: handoffProtocolVersion,
  count: 2,
  names: ['Анна', 'Bob 🙂'],
  fileName: 'acme-2025.vcf',
  accounts: ['acme', 'kommo-demo'],
};
const vcard = new TextEncoder().encode('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Анна\r\nEND:VCARD\r\n'.repeat(2));

describe('openPayload', () => {
  it('opens an identity box: the meta, and the vCard bytes exactly as packed', async () => {
    const box = seal(key, token, 'payload', packPlaintext(JSON.stringify(meta), vcard));
    const result = await openPayload(key, token, 'identity', box);
    expect(result).toEqual({ ok: true, received: { meta, vcard } });
  });

  it('inflates a deflate-raw box (DecompressionStream, as in the page)', async () => {
    expect(acceptedEncodings()).toEqual(['deflate-raw']); // Node 20 has DecompressionStream
    const packed = packPlaintext(JSON.stringify(meta), vcard);
    const box = seal(key, token, 'payload', new Uint8Array(deflateRawSync(packed)));
    const result = await openPayload(key, token, 'deflate-raw', box);
    expect(result.ok && result.received.vcard).toEqual(vcard);
  });

  it('"decrypt" for a tampered box, another key, or another token', async () => {
    const box = seal(key, token, 'payload', packPlaintext(JSON.stringify(meta), vcard));
    const tampered = box.slice();
    tampered[30] = (tampered[30] as number) ^ 0x01;
    expect(await openPayload(key, token, 'identity', tampered)).toEqual({ ok: false, reason: 'decrypt' });
    expect(await openPayload(randomBytes(keyBytes), token, 'identity', box)).toEqual({ ok: false, reason: 'decrypt' });
    expect(await openPayload(key, 'BBBBBBBBBBBBBBBBBBBBBB', 'identity', box)).toEqual({ ok: false, reason: 'decrypt' });
  });

  it('"format" for what opens but is not a payload: not deflate, lengths that do not add up, bad meta', async () => {
    const sealed = (plaintext: Uint8Array) => seal(key, token, 'payload', plaintext);
    const notDeflate = sealed(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff]));
    expect(await openPayload(key, token, 'deflate-raw', notDeflate)).toEqual({ ok: false, reason: 'format' });
    expect(await openPayload(key, token, 'identity', sealed(new Uint8Array([0, 0, 1, 0, 1])))).toEqual({
      ok: false,
      reason: 'format',
    });
    for (const metaJson of [
      'not json',
      '[]',
      '{"v":2}',
      JSON.stringify({ ...meta, v: 1 }),
      JSON.stringify({ ...meta, count: -1 }),
    ]) {
      expect(await openPayload(key, token, 'identity', sealed(packPlaintext(metaJson, vcard)))).toEqual({
        ok: false,
        reason: 'format',
      });
    }
  });
});

describe('parseMeta', () => {
  it('keeps what a page can show safely: string names only, at most 200, one line each; a safe file name', () => {
    const parsed = parseMeta(
      JSON.stringify({
        v: handoffProtocolVersion,
        count: 500,
        names: ['Line\nbreak', 42, null, ...Array.from({ length: 300 }, (_, i) => `P${i}`)],
        fileName: '../../etc/passwd',
        accounts: ['acme', '', 7],
        extra: { __proto__: { polluted: true } },
      }),
    );
    expect(parsed?.names[0]).toBe('Line break');
    expect(parsed?.names.length).toBe(198); // 200 entries read, two of them not strings
    expect(parsed?.fileName).toBe('_.._etc_passwd.vcf');
    expect(parsed?.accounts).toEqual(['acme']);
  });

  it('refuses non-objects and missing fields', () => {
    for (const json of ['null', '1', '"x"', '{}', '{"v":1,"count":1,"names":"x","accounts":[]}']) {
      expect(parseMeta(json)).toBeNull();
    }
  });
});

describe('display text and file names', () => {
  it('one line, no controls, capped', () => {
    expect(displayText('  a\t\u0000b\u009b c  ')).toBe('a b c');
    expect(Array.from(displayText('😀'.repeat(300)))).toHaveLength(201);
  });

  it('file names end in .vcf and hold no folders', () => {
    expect(safeFileName('contacts.vcf')).toBe('contacts.vcf');
    expect(safeFileName('Контакты 2025')).toBe('Контакты 2025.vcf');
    expect(safeFileName('C:\\x\\y.VCF')).toBe('C_x_y.VCF');
    expect(safeFileName('')).toBe('contacts.vcf');
    expect(safeFileName(undefined)).toBe('contacts.vcf');
    expect(safeFileName('...')).toBe('contacts.vcf');
  });
});
