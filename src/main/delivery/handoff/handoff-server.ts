/**
 * One LAN handoff (design.md, "The LAN handoff"; R14, R15): an HTTP + WebSocket server
 * that lives only as long as the handoff (until the phone acknowledges, the time runs
 * out, or the user cancels), serves one phone the companion page and the sealed payload,
 * and reports the acknowledgement so the caller can write the ledger. Once it ends, its
 * port refuses connections.
 */
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { equalBytes } from '@noble/ciphers/utils.js';
import { type WebSocket, WebSocketServer } from 'ws';
import {
  ackPlaintext,
  checkCode,
  fromBase64Url,
  helloNonceBytes,
  helloProofMatches,
  keyBytes,
  open,
  toBase64Url,
  tokenBytes,
} from '../../../shared/handoff/crypto';
import {
  closeCodes,
  type DesktopMessage,
  handoffPaths,
  maxPhoneMessageBytes,
  type PayloadEncoding,
  parsePhoneMessage,
  type RefusalReason,
} from '../../../shared/handoff/protocol';
import { secretMatches } from '../../lib/http-guards';
import { defaultServerLimits, limitConnections, type ServerLimits, serverOptions } from '../../lib/server-limits';
import { type HandoffContent, preparePayload, sealPayload } from './payload';
import type { PhoneAssets } from './phone-assets';
import { servePhoneFile } from './phone-files';
import { createWrongTokenLimiter, type WrongTokenLimiter } from './wrong-token-limiter';

export type HandoffState = 'waiting' | 'connected' | 'sent' | 'acknowledged' | 'phone-failed';

export interface HandoffStatus {
  readonly state: HandoffState;
  /** True once no phone has come within stallAfterMs: time to show the network checklist. */
  readonly stalled: boolean;
  /** What the phone reported when it could not open the payload. */
  readonly phoneFailure?: 'decrypt' | 'format' | undefined;
}

export type HandoffOutcome =
  | { readonly kind: 'acknowledged' }
  | { readonly kind: 'expired' }
  | { readonly kind: 'cancelled' }
  /** The ledger write after the acknowledgement failed: the phone has the contacts, the ledger does not know. */
  | { readonly kind: 'commit-failed'; readonly error: unknown };

export interface HandoffServerOptions {
  /** The interface address to listen on (a LAN address, or 127.0.0.1 for USB). */
  readonly bindAddress: string;
  /** The host name in the QR's URL ("192.168.1.20"; "localhost" over USB). */
  readonly urlHost: string;
  /** 0 or absent: any free port. A busy port falls back to any free one. */
  readonly port?: number;
  readonly content: HandoffContent;
  readonly assets: PhoneAssets;
  readonly ttlMs?: number;
  readonly stallAfterMs?: number;
  readonly helloTimeoutMs?: number;
  readonly now?: () => number;
  readonly limiter?: WrongTokenLimiter;
  /** Time and connection bounds (lib/server-limits.ts); one phone needs a handful. */
  readonly limits?: Partial<ServerLimits>;
  readonly onStatus?: (status: HandoffStatus) => void;
  /** Where a refused takeover is told, one line each (the desktop's log; the CLI's stderr). */
  readonly log?: (line: string) => void;
  /** Runs once the phone has proved receipt, before it is told "done": the ledger commit (R15). */
  readonly onAcknowledged: () => Promise<void> | void;
}

export interface Handoff {
  readonly token: string;
  /** `http://HOST:PORT/p/TOKEN#k=KEY`: what the QR carries. */
  readonly url: string;
  readonly checkCode: string;
  readonly port: number;
  readonly expiresAt: number;
  readonly outcome: Promise<HandoffOutcome>;
  cancel(): Promise<HandoffOutcome>;
}

export const defaultHandoffTtlMs = 5 * 60_000;
export const defaultStallAfterMs = 20_000;
/** One phone opens a page, its assets and a socket: a few dozen is plenty, even with retries. */
const handoffMaxConnections = 64;
/**
 * A browser opens at most 6 connections to a host at once, plus the socket: 16 leave room
 * for retries, and one machine on the Wi-Fi that saw the token cannot hold all 64 slots
 * (with silent or hello-less sockets, one after the other) to keep the phone out.
 */
const handoffMaxConnectionsPerAddress = 16;

export async function openHandoff(options: HandoffServerOptions): Promise<Handoff> {
  const now = options.now ?? Date.now;
  const token = toBase64Url(nodeRandomBytes(tokenBytes));
  const key = new Uint8Array(nodeRandomBytes(keyBytes));
  const paths = handoffPaths(token);
  const limiter = options.limiter ?? createWrongTokenLimiter();
  const payload = preparePayload(options.content);
  const expiresAt = now() + (options.ttlMs ?? defaultHandoffTtlMs);

  let status: HandoffStatus = { state: 'waiting', stalled: false };
  const setStatus = (next: Partial<HandoffStatus>) => {
    status = { ...status, ...next };
    options.onStatus?.(status);
  };

  const limits = {
    ...defaultServerLimits,
    maxConnections: handoffMaxConnections,
    maxConnectionsPerAddress: handoffMaxConnectionsPerAddress,
    ...options.limits,
  };
  const server = createServer(serverOptions(limits), (req, res) => {
    handleHttp(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  limitConnections(server, limits);
  const sockets = new WebSocketServer({ noServer: true, maxPayload: maxPhoneMessageBytes });
  const port = await listen(server, options.bindAddress, options.port ?? 0);
  const allowedHosts = hostsFor(options.urlHost, port);

  let boundClient: string | null = null;
  /** The nonces of every hello that proved the key: one seen again is a replay (only valid hellos add one). */
  const usedNonces = new Set<string>();
  const log = options.log ?? (() => {});
  let active: WebSocket | null = null;
  let finished = false;
  let resolveOutcome: (outcome: HandoffOutcome) => void = () => {};
  const outcome = new Promise<HandoffOutcome>((resolve) => {
    resolveOutcome = resolve;
  });

  const expiry = setTimeout(() => finish({ kind: 'expired' }, 'expired'), Math.max(0, expiresAt - now()));
  const stall = setTimeout(() => {
    if (boundClient === null) setStatus({ stalled: true });
  }, options.stallAfterMs ?? defaultStallAfterMs);

  function remoteOf(req: IncomingMessage): string {
    return req.socket.remoteAddress ?? 'unknown';
  }

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts.has(req.headers.host ?? '')) {
      // DNS rebinding: a page that reached us under another name is not our phone page.
      res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' }).end('Misdirected request');
      return;
    }
    if (limiter.isBlocked(remoteOf(req), now())) {
      res.writeHead(429, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '60' }).end('Too many attempts');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const path = new URL(req.url ?? '/', 'http://handoff.invalid').pathname;
    const pageToken = /^\/p\/([A-Za-z0-9_-]{1,64})$/.exec(path)?.[1];
    if (pageToken !== undefined && pageToken !== 'share' && !secretMatches(pageToken, token)) {
      limiter.recordWrong(remoteOf(req), now());
    }
    await servePhoneFile(res, options.assets, path, {
      // The share-target view and the installed app's start page carry no token and no secret.
      isPage: path === '/p/' || pageToken === 'share' || (pageToken !== undefined && secretMatches(pageToken, token)),
      connectSource: [...allowedHosts].map((host) => `ws://${host}`).join(' '),
      head: req.method === 'HEAD',
    });
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const origin = req.headers.origin ?? '';
    if (!allowedHosts.has(req.headers.host ?? '') || !allowedHosts.has(origin.replace(/^http:\/\//, ''))) {
      // Only our own page, opened under our own address, may talk to us (no other site in the phone's browser).
      socket.end('HTTP/1.1 403 Forbidden\r\nconnection: close\r\n\r\n');
      return;
    }
    const socketToken = /^\/ws\/([A-Za-z0-9_-]{1,64})$/.exec(new URL(req.url ?? '/', 'http://x').pathname)?.[1];
    const address = remoteOf(req);
    sockets.handleUpgrade(req, socket, head, (ws) => {
      if (limiter.isBlocked(address, now())) return refuse(ws, 'rate-limited');
      if (socketToken === undefined || !secretMatches(socketToken, token)) {
        limiter.recordWrong(address, now());
        return refuse(ws, 'unknown-token');
      }
      if (finished) return refuse(ws, 'expired');
      attach(ws, address);
    });
  });

  function send(ws: WebSocket, message: DesktopMessage): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  }

  function refuse(ws: WebSocket, reason: RefusalReason): void {
    send(ws, { type: 'refused', reason });
    ws.close(closeCodes[reason]);
  }

  function helloProves(message: { client: string; nonce: string; proof: string }): boolean {
    if (usedNonces.has(message.nonce)) return false;
    const nonce = fromBase64Url(message.nonce, helloNonceBytes);
    const proof = fromBase64Url(message.proof);
    return nonce !== null && proof !== null && helloProofMatches(key, token, message.client, nonce, proof);
  }

  function attach(ws: WebSocket, address: string): void {
    let hello = false;
    const helloTimer = setTimeout(() => refuse(ws, 'bad-message'), options.helloTimeoutMs ?? 10_000);
    ws.on('close', () => {
      clearTimeout(helloTimer);
      if (ws === active && !finished) {
        active = null;
        // The phone dropped off (Wi-Fi, screen locked): it may come back with the same client id.
        setStatus({ state: 'waiting' });
      }
    });
    ws.on('error', () => ws.terminate());
    ws.on('message', (data, isBinary) => {
      const message = isBinary ? null : parsePhoneMessage(data.toString());
      if (!message) return refuse(ws, 'bad-message');
      if (message.type === 'hello') {
        if (hello) return refuse(ws, 'bad-message');
        hello = true;
        clearTimeout(helloTimer);
        if (!helloProves(message)) {
          // Someone who saw the token and the client id on the Wi-Fi, without the key: the
          // phone that has the handoff keeps it, and this address counts as guessing.
          limiter.recordWrong(address, now());
          log(
            `handoff: a connection from ${address} gave this handoff's token without proof of its key (a takeover attempt, or a hello sent twice); refused, the phone keeps it`,
          );
          return refuse(ws, 'bad-proof');
        }
        usedNonces.add(message.nonce);
        if (boundClient !== null && boundClient !== message.client) return refuse(ws, 'busy');
        if (active && active !== ws) active.terminate();
        boundClient = message.client;
        active = ws;
        setStatus({ state: 'connected', stalled: false, phoneFailure: undefined });
        const encoding: PayloadEncoding = message.accepts.includes('deflate-raw') ? 'deflate-raw' : 'identity';
        const box = sealPayload(payload, encoding, key, token);
        send(ws, { type: 'payload', encoding, size: box.length });
        ws.send(box);
        setStatus({ state: 'sent' });
        return;
      }
      if (!hello || ws !== active) return refuse(ws, 'bad-message');
      if (message.type === 'failed') {
        // The page tells its user to scan again: that scan may open in another tab or
        // browser (a new client id), so the handoff is free for it, not "busy".
        boundClient = null;
        setStatus({ state: 'phone-failed', phoneFailure: message.reason });
        return;
      }
      const proof = fromBase64Url(message.proof);
      const opened = proof ? open(key, token, 'ack', proof) : null;
      if (!opened || !equalBytes(opened, ackPlaintext)) return refuse(ws, 'bad-proof');
      void acknowledge(ws);
    });
  }

  async function acknowledge(ws: WebSocket): Promise<void> {
    if (finished) return;
    finished = true;
    setStatus({ state: 'acknowledged' });
    let result: HandoffOutcome = { kind: 'acknowledged' };
    try {
      await options.onAcknowledged();
    } catch (error) {
      result = { kind: 'commit-failed', error };
    }
    send(ws, { type: 'done' });
    ws.close(closeCodes.done);
    await shutDown();
    resolveOutcome(result);
  }

  function finish(result: HandoffOutcome, reason: 'expired' | 'cancelled'): Promise<HandoffOutcome> {
    if (!finished) {
      finished = true;
      for (const client of sockets.clients) refuse(client, reason);
      void shutDown().then(() => resolveOutcome(result));
    }
    return outcome;
  }

  async function shutDown(): Promise<void> {
    clearTimeout(expiry);
    clearTimeout(stall);
    // Let the last frames (refused, done) leave, then drop every connection and the port.
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const client of sockets.clients) client.terminate();
    sockets.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  const fragmentKey = toBase64Url(key);
  return {
    token,
    url: `http://${formatHost(options.urlHost)}:${port}${paths.page}#k=${fragmentKey}`,
    checkCode: checkCode(key, token),
    port,
    expiresAt,
    outcome,
    cancel: () => finish({ kind: 'cancelled' }, 'cancelled'),
  };
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** The Host (and Origin) values a phone uses to reach us: the QR's host, and over USB both loopback names. */
function hostsFor(urlHost: string, port: number): Set<string> {
  const hosts = new Set([`${formatHost(urlHost)}:${port}`]);
  if (urlHost === 'localhost' || urlHost === '127.0.0.1') {
    hosts.add(`localhost:${port}`);
    hosts.add(`127.0.0.1:${port}`);
  }
  return hosts;
}

async function listen(server: ReturnType<typeof createServer>, address: string, port: number): Promise<number> {
  const attempt = (wanted: number) =>
    new Promise<number>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      server.once('error', onError);
      server.listen(wanted, address, () => {
        server.off('error', onError);
        resolve((server.address() as AddressInfo).port);
      });
    });
  try {
    return await attempt(port);
  } catch (error) {
    if (port !== 0 && (error as NodeJS.ErrnoException).code === 'EADDRINUSE') return attempt(0);
    throw error;
  }
}
