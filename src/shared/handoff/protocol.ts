/**
 * The LAN handoff's wire protocol, shared by the desktop's handoff server
 * (src/main/delivery/handoff) and the companion phone page (src/renderer/phone).
 *
 * 1. The QR carries `http://ADDR:PORT/p/TOKEN#k=KEY`: TOKEN (16 random bytes, base64url)
 *    names the handoff to the server; KEY (32 random bytes, base64url) stays in the
 *    fragment, so it never crosses the network.
 * 2. The page opens `ws://ADDR:PORT/ws/TOKEN` and sends `hello` (text frame, JSON) with a
 *    fresh nonce and a MAC that proves the key (crypto.ts helloProof). The token and the
 *    client id are seen by anyone on the Wi-Fi; without the proof, a connection that
 *    repeats them could push the real phone off. A hello whose nonce was already used is a
 *    replay and is refused like a wrong proof.
 * 3. The desktop answers `payload` (text) then one binary frame: a sealed box
 *    (crypto.ts) of the plaintext below, optionally deflate-raw compressed when the page
 *    said it can inflate.
 * 4. The page decrypts, shows who is in it, and sends `ack` with a sealed proof; only a
 *    valid proof lets the desktop write the ledger (R15). The desktop answers `done`.
 * Any refusal is a `refused` message followed by a close with the matching code.
 *
 * Plaintext: [u32 big-endian length of meta][meta as UTF-8 JSON][the vCard file's bytes].
 */

/** 2: the hello proves the key (1 let whoever saw the client id take the handoff over). */
export const handoffProtocolVersion = 2;

/** Phone -> desktop text frames are tiny; anything larger is refused (ws closes with 1009). */
export const maxPhoneMessageBytes = 4096;

export type PayloadEncoding = 'deflate-raw' | 'identity';

export type RefusalReason =
  /** No handoff has this token (mistyped, old, or from another run). */
  | 'unknown-token'
  /** Another phone already took this handoff. */
  | 'busy'
  /** The handoff ran out of time. */
  | 'expired'
  /** The desktop user cancelled. */
  | 'cancelled'
  /** Too many wrong tokens from this address: wait a minute. */
  | 'rate-limited'
  /** A message the protocol does not know, or in the wrong order. */
  | 'bad-message'
  /** The hello or the acknowledgement did not prove the key (or repeated an earlier hello). */
  | 'bad-proof';

/** WebSocket close codes for each ending (4000-4999 are the application's to define). */
export const closeCodes = {
  done: 4000,
  'unknown-token': 4401,
  'bad-proof': 4403,
  busy: 4409,
  expired: 4410,
  'rate-limited': 4429,
  'bad-message': 4400,
  cancelled: 4499,
} as const satisfies Record<RefusalReason | 'done', number>;

export interface HelloMessage {
  readonly type: 'hello';
  readonly v: typeof handoffProtocolVersion;
  /** A random id the page keeps for this tab (sessionStorage): lets the same phone reconnect after a Wi-Fi drop. */
  readonly client: string;
  /** base64url of helloNonceBytes random bytes, new for every hello. */
  readonly nonce: string;
  /** base64url of helloProof(key, token, client, nonce). */
  readonly proof: string;
  /** Encodings the page can undo (deflate-raw only where DecompressionStream exists). */
  readonly accepts: readonly PayloadEncoding[];
}

export interface AckMessage {
  readonly type: 'ack';
  /** base64url of seal(key, "ack", aad "…ack"): proves the page holds the key and decrypted. */
  readonly proof: string;
}

export interface FailedMessage {
  readonly type: 'failed';
  /** The page could not open the box (tampered or wrong key) or read what was inside. */
  readonly reason: 'decrypt' | 'format';
}

export type PhoneMessage = HelloMessage | AckMessage | FailedMessage;

export interface PayloadMessage {
  readonly type: 'payload';
  readonly encoding: PayloadEncoding;
  /** Bytes of the binary frame that follows. */
  readonly size: number;
}

export interface DoneMessage {
  readonly type: 'done';
}

export interface RefusedMessage {
  readonly type: 'refused';
  readonly reason: RefusalReason;
}

export type DesktopMessage = PayloadMessage | DoneMessage | RefusedMessage;

/** What the page shows before the import: inside the encrypted plaintext. */
export interface HandoffMeta {
  readonly v: typeof handoffProtocolVersion;
  /** Cards in the file. */
  readonly count: number;
  /** Display names of the first contacts (at most metaNameLimit), in file order. */
  readonly names: readonly string[];
  /** The file name to save as (ends in .vcf). */
  readonly fileName: string;
  /** The accounts the contacts come from (their CATEGORIES labels). */
  readonly accounts: readonly string[];
}

export const metaNameLimit = 200;

/** A parsed JSON object from the other side, every field unchecked. */
interface UntrustedMessage {
  readonly type?: unknown;
  readonly v?: unknown;
  readonly client?: unknown;
  readonly nonce?: unknown;
  readonly accepts?: unknown;
  readonly proof?: unknown;
  readonly reason?: unknown;
  readonly encoding?: unknown;
  readonly size?: unknown;
}

export function handoffPaths(token: string): { page: string; socket: string } {
  return { page: `/p/${token}`, socket: `/ws/${token}` };
}

/** A JSON object from the other side, every field still unchecked; null for anything else. */
function untrusted(text: string): UntrustedMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return typeof value === 'object' && value !== null ? (value as UntrustedMessage) : null;
}

/** Reads a phone message, or null for anything that is not one (never throws). */
export function parsePhoneMessage(text: string): PhoneMessage | null {
  const message = untrusted(text);
  if (!message) return null;
  switch (message.type) {
    case 'hello':
      return message.v === handoffProtocolVersion &&
        typeof message.client === 'string' &&
        /^[A-Za-z0-9_-]{8,64}$/.test(message.client) &&
        typeof message.nonce === 'string' &&
        /^[A-Za-z0-9_-]{16,64}$/.test(message.nonce) &&
        typeof message.proof === 'string' &&
        /^[A-Za-z0-9_-]{16,64}$/.test(message.proof) &&
        Array.isArray(message.accepts) &&
        message.accepts.every((encoding) => encoding === 'deflate-raw' || encoding === 'identity')
        ? {
            type: 'hello',
            v: handoffProtocolVersion,
            client: message.client,
            nonce: message.nonce,
            proof: message.proof,
            accepts: message.accepts,
          }
        : null;
    case 'ack':
      return typeof message.proof === 'string' && message.proof.length <= 512
        ? { type: 'ack', proof: message.proof }
        : null;
    case 'failed':
      return message.reason === 'decrypt' || message.reason === 'format'
        ? { type: 'failed', reason: message.reason }
        : null;
    default:
      return null;
  }
}

/** Reads a desktop message, or null for anything that is not one (never throws). */
export function parseDesktopMessage(text: string): DesktopMessage | null {
  const message = untrusted(text);
  if (!message) return null;
  switch (message.type) {
    case 'payload':
      return (message.encoding === 'deflate-raw' || message.encoding === 'identity') &&
        Number.isSafeInteger(message.size) &&
        (message.size as number) > 0
        ? { type: 'payload', encoding: message.encoding, size: message.size as number }
        : null;
    case 'done':
      return { type: 'done' };
    case 'refused':
      return typeof message.reason === 'string' &&
        Object.hasOwn(closeCodes, message.reason) &&
        message.reason !== 'done'
        ? { type: 'refused', reason: message.reason as RefusalReason }
        : null;
    default:
      return null;
  }
}
