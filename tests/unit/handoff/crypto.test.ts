import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  checkCode,
  fromBase64Url,
  keyBytes,
  open,
  packPlaintext,
  randomBytes,
  seal,
  toBase64Url,
  unpackPlaintext,
} from '../../../src/shared/handoff/crypto';

const key = Uint8Array.from({ length: keyBytes }, (_, i) => i);
const token = 'AAAAAAAAAAAAAAAAAAAAAA';

describe('handoff crypto', () => {
  it('seals a box that Node’s own ChaCha20-Poly1305 agrees with (an independent implementation)', () => {
    const plaintext = new TextEncoder().encode('BEGIN:VCARD\r\nFN:Анна\r\nEND:VCARD\r\n');
    const box = seal(key, token, 'payload', plaintext);
    expect(box.length).toBe(plaintext.length + 28);
    const nonce = box.subarray(0, 12);
    const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
    cipher.setAAD(new TextEncoder().encode(`amo-phonebook handoff v1 payload ${token}`), {
      plaintextLength: plaintext.length,
    });
    const expected = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
    expect(Buffer.from(box.subarray(12)).equals(expected)).toBe(true);
    expect(open(key, token, 'payload', box)).toEqual(plaintext);
  });

  it('refuses a tampered box, another key, another handoff, and an ack passed off as a payload', () => {
    const box = seal(key, token, 'payload', new Uint8Array([1, 2, 3]));
    const flipped = box.slice();
    flipped[20] = (flipped[20] as number) ^ 1;
    expect(open(key, token, 'payload', flipped)).toBeNull();
    expect(open(randomBytes(keyBytes), token, 'payload', box)).toBeNull();
    expect(open(key, 'BBBBBBBBBBBBBBBBBBBBBB', 'payload', box)).toBeNull();
    expect(open(key, token, 'ack', box)).toBeNull();
    expect(open(key, token, 'payload', box.subarray(0, 20))).toBeNull();
    expect(open(key.subarray(0, 16), token, 'payload', box)).toBeNull();
  });

  it('never uses the same nonce twice for one key', () => {
    const nonces = new Set(
      Array.from({ length: 200 }, () => toBase64Url(seal(key, token, 'ack', new Uint8Array(1)).subarray(0, 12))),
    );
    expect(nonces.size).toBe(200);
  });

  it('derives a six-digit check code that depends on both the key and the token', () => {
    const code = checkCode(key, token);
    expect(code).toMatch(/^\d{3} \d{3}$/);
    expect(checkCode(key, token)).toBe(code);
    expect(checkCode(randomBytes(keyBytes), token)).not.toBe(code);
    expect(checkCode(key, 'CCCCCCCCCCCCCCCCCCCCCC')).not.toBe(code);
  });

  it('round-trips base64url and rejects text that is not exactly the expected bytes', () => {
    const bytes = randomBytes(32);
    const text = toBase64Url(bytes);
    expect(text).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fromBase64Url(text, 32)).toEqual(bytes);
    expect(fromBase64Url(text, 16)).toBeNull();
    expect(fromBase64Url(`${text.slice(0, 10)}+/`)).toBeNull();
    expect(fromBase64Url('<script>')).toBeNull();
  });

  it('packs meta and vCard bytes and refuses a length that runs past the end', () => {
    const vcard = new TextEncoder().encode('BEGIN:VCARD\r\n');
    const packed = packPlaintext('{"count":1}', vcard);
    expect(unpackPlaintext(packed)).toEqual({ metaJson: '{"count":1}', vcard });
    const lying = packed.slice();
    new DataView(lying.buffer).setUint32(0, 10_000);
    expect(unpackPlaintext(lying)).toBeNull();
    expect(unpackPlaintext(new Uint8Array(2))).toBeNull();
  });
});
