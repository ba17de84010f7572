/**
 * A phone at the protocol level: speaks the handoff protocol over a real WebSocket with
 * the shared crypto, as the companion page does. It stands in for the page in the
 * server's tests (the page itself runs in Chromium in the e2e tests), and lets tests
 * misbehave on purpose: wrong proofs, binary junk, oversized messages.
 */
import { inflateRawSync } from 'node:zlib';
import WebSocket from 'ws';
import {
  ackPlaintext,
  fromBase64Url,
  helloNonceBytes,
  helloProof,
  open,
  randomBytes,
  seal,
  toBase64Url,
  unpackPlaintext,
} from '../../src/shared/handoff/crypto';
import {
  type DesktopMessage,
  handoffProtocolVersion,
  type PayloadEncoding,
  parseDesktopMessage,
} from '../../src/shared/handoff/protocol';

export interface ScannedUrl {
  readonly origin: string;
  readonly token: string;
  readonly key: Uint8Array;
}

export function scan(url: string): ScannedUrl {
  const parsed = new URL(url);
  const token = /^\/p\/([A-Za-z0-9_-]+)$/.exec(parsed.pathname)?.[1];
  const key = fromBase64Url(parsed.hash.replace(/^#k=/, ''), 32);
  if (!token || !key) throw new Error(`Not a handoff URL: ${url}`);
  return { origin: parsed.origin, token, key };
}

export interface PhoneConnection {
  readonly socket: WebSocket;
  readonly messages: DesktopMessage[];
  readonly closed: Promise<{ code: number }>;
  /**
   * Sends a hello that proves the key, as the page does; `key` (another key), `nonce` (one
   * already used) and `proof` (any text) misbehave on purpose. Returns the JSON text sent.
   */
  hello(options?: {
    client?: string;
    accepts?: PayloadEncoding[];
    key?: Uint8Array;
    nonce?: Uint8Array;
    proof?: string;
  }): string;
  /** Resolves with the payload's box (the binary frame) and its encoding. */
  payload(): Promise<{ box: Uint8Array; encoding: PayloadEncoding }>;
  next(type: DesktopMessage['type']): Promise<DesktopMessage>;
}

export async function connectPhone(
  scanned: ScannedUrl,
  options: { token?: string; origin?: string; via?: string; from?: string } = {},
): Promise<PhoneConnection> {
  // `via` (host:port) reaches a server whose URL names a host no resolver knows (phone.test), Host unchanged.
  const target = options.via === undefined ? scanned.origin : `http://${options.via}`;
  const wsUrl = `${target.replace(/^http/, 'ws')}/ws/${options.token ?? scanned.token}`;
  const socket = new WebSocket(wsUrl, {
    origin: options.origin ?? scanned.origin,
    // Another machine on the Wi-Fi, as loopback sees it: 127.0.0.2 (Linux routes all of 127/8 to lo).
    ...(options.from === undefined ? {} : { localAddress: options.from }),
    ...(options.via === undefined ? {} : { headers: { host: new URL(scanned.origin).host } }),
  });
  const messages: DesktopMessage[] = [];
  const binaries: Uint8Array[] = [];
  const waiters: Array<() => void> = [];
  const wake = () => {
    for (const waiter of waiters.splice(0)) waiter();
  };
  socket.on('message', (data, isBinary) => {
    if (isBinary) binaries.push(new Uint8Array(data as Buffer));
    else {
      const message = parseDesktopMessage(data.toString());
      if (message) messages.push(message);
    }
    wake();
  });
  const closed = new Promise<{ code: number }>((resolve) => socket.on('close', (code) => resolve({ code })));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const until = async <T>(find: () => T | undefined): Promise<T> => {
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      if (socket.readyState === socket.CLOSED) throw new Error('The desktop closed the connection');
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        void closed.then(() => resolve());
      });
    }
  };
  return {
    socket,
    messages,
    closed,
    hello({ client = 'phone-one-1234', accepts = ['deflate-raw'], key, nonce, proof } = {}) {
      const helloNonce = nonce ?? randomBytes(helloNonceBytes);
      const text = JSON.stringify({
        type: 'hello',
        v: handoffProtocolVersion,
        client,
        nonce: toBase64Url(helloNonce),
        proof: proof ?? toBase64Url(helloProof(key ?? scanned.key, scanned.token, client, helloNonce)),
        accepts,
      });
      socket.send(text);
      return text;
    },
    async payload() {
      const announced = await until(() => messages.find((message) => message.type === 'payload'));
      const box = await until(() => binaries[0]);
      if (announced.type !== 'payload') throw new Error('unreachable');
      return { box, encoding: announced.encoding };
    },
    next: (type) => until(() => messages.find((message) => message.type === type)),
  };
}

/** What the page does with the box: open, inflate, unpack. */
export function openPayload(scanned: ScannedUrl, box: Uint8Array, encoding: PayloadEncoding) {
  const opened = open(scanned.key, scanned.token, 'payload', box);
  if (!opened) return null;
  const plaintext = encoding === 'deflate-raw' ? new Uint8Array(inflateRawSync(opened)) : opened;
  const unpacked = unpackPlaintext(plaintext);
  if (!unpacked) return null;
  return { meta: JSON.parse(unpacked.metaJson) as Record<string, unknown>, vcard: Buffer.from(unpacked.vcard) };
}

export function ackFor(scanned: ScannedUrl, key = scanned.key): string {
  return JSON.stringify({ type: 'ack', proof: toBase64Url(seal(key, scanned.token, 'ack', ackPlaintext)) });
}
