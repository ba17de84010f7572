/**
 * The team mirror's TLS certificate: self-signed, ECDSA P-256, made here in a few lines of DER
 * because neither Node nor Electron can make an X.509 certificate, and no certificate
 * authority vouches for a computer on an office network anyway. Colleagues trust it by its
 * SHA-256 fingerprint, which the team invitation carries (pinned-fetch.ts): the name in it
 * means nothing, so the office's changing addresses never break it.
 *
 * Pure but for the key pair and the clock, which are injected for tests.
 */
import { createHash, createPrivateKey, generateKeyPairSync, type KeyObject, sign, X509Certificate } from 'node:crypto';

export interface TeamCertificate {
  readonly certPem: string;
  readonly keyPem: string;
  /** `AB:CD:...`, as Node's `fingerprint256` writes it: SHA-256 of the certificate's DER. */
  readonly fingerprint: string;
}

/** Ten years: the fingerprint is in every invitation, so the certificate should outlive them. */
const validForMs = 10 * 365 * 24 * 3600 * 1000;

export function makeTeamCertificate(
  now: Date = new Date(),
  keys: { privateKey: KeyObject; publicKey: KeyObject } = generateKeyPairSync('ec', { namedCurve: 'P-256' }),
): TeamCertificate {
  const algorithm = sequence(oid('2a8648ce3d040302')); // ecdsa-with-SHA256, no parameters
  const name = sequence(set(sequence(oid('550403'), utf8('amo-phonebook team mirror')))); // CN=...
  const serial = integer(randomSerial(keys.publicKey));
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))), // v3
    serial,
    algorithm,
    name,
    sequence(time(now), time(new Date(now.getTime() + validForMs))),
    name,
    keys.publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = sign('sha256', tbs, keys.privateKey); // DER ECDSA-Sig-Value, as X.509 wants it
  const der = sequence(tbs, algorithm, bitString(signature));
  const certPem = pem('CERTIFICATE', der);
  return {
    certPem,
    keyPem: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    fingerprint: new X509Certificate(certPem).fingerprint256,
  };
}

/** Whether `pair` is a certificate this module made and the key that belongs to it, still valid at `now`. */
export function isUsableCertificate(pair: { certPem: string; keyPem: string }, now: Date = new Date()): boolean {
  try {
    const cert = new X509Certificate(pair.certPem);
    const key = createPrivateKey(pair.keyPem);
    return cert.checkPrivateKey(key) && new Date(cert.validTo).getTime() > now.getTime() + 24 * 3600 * 1000;
  } catch {
    return false;
  }
}

/** Fingerprints compare without regard to case or separators (`ab:cd` = `ABCD`). */
export function sameFingerprint(a: string, b: string): boolean {
  const plain = (value: string) => value.replace(/[^0-9a-f]/gi, '').toUpperCase();
  return plain(a).length === 64 && plain(a) === plain(b);
}

// --- DER, the handful of types a certificate needs --------------------------------------------

function tlv(tag: number, content: Buffer): Buffer {
  const length = content.length;
  if (length < 0x80) return Buffer.concat([Buffer.from([tag, length]), content]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.concat([Buffer.from([tag, 0x80 | bytes.length, ...bytes]), content]);
}

const sequence = (...parts: Buffer[]) => tlv(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]) => tlv(0x31, Buffer.concat(parts));
const oid = (hex: string) => tlv(0x06, Buffer.from(hex, 'hex'));
const utf8 = (text: string) => tlv(0x0c, Buffer.from(text, 'utf8'));
const explicit = (tag: number, inner: Buffer) => tlv(0xa0 | tag, inner);
const bitString = (bytes: Buffer) => tlv(0x03, Buffer.concat([Buffer.from([0]), bytes]));

/** A positive INTEGER: a leading zero where the top bit is set, no other leading zeros. */
function integer(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = bytes.subarray(start);
  return tlv(0x02, (trimmed[0] as number) & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

/** RFC 5280 4.1.2.5: UTCTime up to 2049, GeneralizedTime from 2050, always in UTC to the second. */
function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14); // YYYYMMDDHHMMSS
  return date.getUTCFullYear() < 2050
    ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`, 'ascii'))
    : tlv(0x18, Buffer.from(`${iso}Z`, 'ascii'));
}

/** 16 bytes from the public key: unique per certificate without another source of randomness. */
function randomSerial(publicKey: KeyObject): Buffer {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest()
    .subarray(0, 16);
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
