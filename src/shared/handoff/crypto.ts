/**
 * The handoff's cryptography, one implementation for both ends: the desktop seals, the
 * phone page opens (and seals its acknowledgement). The page is not a secure context on a
 * LAN address, so no crypto.subtle: ChaCha20-Poly1305 and SHA-256 come from the audited
 * @noble libraries, randomness from crypto.getRandomValues (present everywhere).
 */
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { equalBytes } from '@noble/ciphers/utils.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';

export const keyBytes = 32;
export const tokenBytes = 16;
const nonceBytes = 12;
const encoder = new TextEncoder();

export function randomBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  return bytes;
}

/** Binds a box to its handoff and its purpose: a payload box cannot pass as an ack, nor travel to another handoff. */
function additionalData(token: string, purpose: 'payload' | 'ack'): Uint8Array {
  return encoder.encode(`amo-phonebook handoff v1 ${purpose} ${token}`);
}

/** nonce (12 random bytes) || ciphertext || tag (16 bytes): 28 bytes more than the plaintext. */
export function seal(key: Uint8Array, token: string, purpose: 'payload' | 'ack', plaintext: Uint8Array): Uint8Array {
  const nonce = randomBytes(nonceBytes);
  const sealed = chacha20poly1305(key, nonce, additionalData(token, purpose)).encrypt(plaintext);
  const box = new Uint8Array(nonceBytes + sealed.length);
  box.set(nonce, 0);
  box.set(sealed, nonceBytes);
  return box;
}

/** The plaintext, or null when the box was tampered with, made with another key, or for another handoff. */
export function open(key: Uint8Array, token: string, purpose: 'payload' | 'ack', box: Uint8Array): Uint8Array | null {
  if (key.length !== keyBytes || box.length < nonceBytes + 16) return null;
  try {
    return chacha20poly1305(key, box.subarray(0, nonceBytes), additionalData(token, purpose)).decrypt(
      box.subarray(nonceBytes),
    );
  } catch {
    return null;
  }
}

/** The acknowledgement's content: fixed, so only the key holder can produce a box that opens to it. */
export const ackPlaintext = encoder.encode('ack');

/** Random bytes the phone puts in each hello, so that no hello can be sent twice. */
export const helloNonceBytes = 16;
const helloProofBytes = 32;

/** The hello's MAC key: derived from the fragment's key, so the key itself signs nothing but boxes. */
function helloKey(key: Uint8Array): Uint8Array {
  return sha256(concat(encoder.encode('amo-phonebook handoff v2 hello key '), key));
}

function helloMessage(token: string, client: string, nonce: Uint8Array): Uint8Array {
  return concat(encoder.encode(`amo-phonebook handoff v2 hello ${token} ${client} `), nonce);
}

/**
 * What the phone sends with each hello (the first, and every reconnect): HMAC-SHA256 over the
 * token, its client id and a fresh nonce, keyed from the fragment's key. The token and the id
 * travel in clear on the Wi-Fi; only the key holder can make this.
 */
export function helloProof(key: Uint8Array, token: string, client: string, nonce: Uint8Array): Uint8Array {
  return hmac(sha256, helloKey(key), helloMessage(token, client, nonce));
}

/** Whether a hello's proof was made with the key (compared in constant time). */
export function helloProofMatches(
  key: Uint8Array,
  token: string,
  client: string,
  nonce: Uint8Array,
  proof: Uint8Array,
): boolean {
  if (key.length !== keyBytes || nonce.length !== helloNonceBytes || proof.length !== helloProofBytes) return false;
  return equalBytes(helloProof(key, token, client, nonce), proof);
}

/**
 * The short code both screens show ("123 456"): derived from the key and the token, so
 * it matches only when the phone scanned this desktop's QR.
 */
export function checkCode(key: Uint8Array, token: string): string {
  const digest = sha256(concat(encoder.encode('amo-phonebook check v1 '), key, encoder.encode(` ${token}`)));
  const value =
    ((digest[0] as number) * 2 ** 24 +
      (digest[1] as number) * 2 ** 16 +
      (digest[2] as number) * 2 ** 8 +
      (digest[3] as number)) %
    1_000_000;
  const digits = value.toString().padStart(6, '0');
  return `${digits.slice(0, 3)} ${digits.slice(3)}`;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes, or null for text that is not base64url of exactly `length` bytes. */
export function fromBase64Url(text: string, length?: number): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  let binary: string;
  try {
    binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  } catch {
    return null;
  }
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  if (length !== undefined && bytes.length !== length) return null;
  return bytes;
}

/** Plaintext = [u32 BE meta length][meta JSON][vCard bytes] (protocol.ts). */
export function packPlaintext(metaJson: string, vcard: Uint8Array): Uint8Array {
  const meta = encoder.encode(metaJson);
  const out = new Uint8Array(4 + meta.length + vcard.length);
  new DataView(out.buffer).setUint32(0, meta.length);
  out.set(meta, 4);
  out.set(vcard, 4 + meta.length);
  return out;
}

/** The meta JSON text and the vCard bytes, or null when the lengths do not add up. */
export function unpackPlaintext(plaintext: Uint8Array): { metaJson: string; vcard: Uint8Array } | null {
  if (plaintext.length < 4) return null;
  const metaLength = new DataView(plaintext.buffer, plaintext.byteOffset, plaintext.byteLength).getUint32(0);
  if (4 + metaLength > plaintext.length) return null;
  return {
    metaJson: new TextDecoder('utf-8', { fatal: false }).decode(plaintext.subarray(4, 4 + metaLength)),
    vcard: plaintext.subarray(4 + metaLength),
  };
}
