/**
 * Browser mode: the desktop UI and the same typed API, served on 127.0.0.1 only.
 *
 * `POST /api/<verb>` carries the per-launch secret as a bearer token; `/api/events` is a
 * WebSocket for progress, authenticated by the same secret in its subprotocol (browsers
 * cannot set headers on a WebSocket). Every request must name our loopback host, which
 * stops DNS-rebinding pages from reaching the API through a victim's browser.
 *
 * To open the page for the user (`serve --open`), the secret is never put on a command line
 * (the browser's is readable by every user of the computer in `ps`): `launchUrl()` mints a
 * one-time code instead, which the page exchanges at `POST /api/launch` for the secret, as
 * Jupyter does. A spent or expired code is worth nothing.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { AppError } from '../../shared/errors';
import { createDispatcher } from '../api/dispatch';
import { bearerToken, isAllowedHost, isAllowedOrigin, secretMatches } from '../lib/http-guards';
import { defaultServerLimits, limitConnections, type ServerLimits, serverOptions } from '../lib/server-limits';
import type { CoreService } from '../service';
import { serveStatic } from './static-files';

export interface BrowserModeOptions {
  readonly service: CoreService;
  readonly uiRoot: string;
  readonly port?: number;
  /** Time and connection bounds (lib/server-limits.ts); tests shorten them. */
  readonly limits?: Partial<ServerLimits>;
  /** Unix milliseconds, for the launch codes' lifetime; tests move it. */
  readonly now?: () => number;
}

export interface BrowserModeHandle {
  /** The address to open, with the secret in the fragment (never sent over HTTP). */
  readonly url: string;
  /** A new one-time address for a browser's command line: `#launch=CODE`, good once, for launchCodeMs. */
  launchUrl(): string;
  readonly port: number;
  readonly secret: string;
  close(): Promise<void>;
}

const maxBodyBytes = 64 * 1024;
/** How long a launch code waits for its browser: a cold start of a big browser takes seconds. */
export const launchCodeMs = 120_000;
/** At most this many codes wait at once (one per `--open`; a runaway caller just starts over). */
const maxLaunchCodes = 16;
export const eventsProtocol = 'amo-phonebook.v1';
export const secretProtocolPrefix = 'secret.';

export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserModeHandle> {
  if (!existsSync(join(options.uiRoot, 'desktop', 'index.html'))) {
    throw new AppError(
      'UI_NOT_BUILT',
      'The desktop UI is not built yet: run `npm run build` first (`npm run serve` does both)',
    );
  }
  const secret = randomBytes(32).toString('base64url');
  const launchCodes = new Map<string, number>();
  const now = options.now ?? Date.now;
  const dispatch = createDispatcher(options.service.api);
  let port = 0;

  const limits = { ...defaultServerLimits, ...options.limits };
  const server = createServer(serverOptions(limits), (req, res) => {
    if (!isAllowedHost(req.headers.host, port)) return reply(res, 421, { error: 'Misdirected request' });
    const path = new URL(req.url ?? '/', `http://127.0.0.1:${port}`).pathname;
    if (path.startsWith('/api/')) {
      handleApi(req, res, path.slice('/api/'.length)).catch(() => reply(res, 500, { error: 'Internal error' }));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, { error: 'Method not allowed' });
    serveStatic(res, options.uiRoot, path, port).catch(() => reply(res, 500, { error: 'Internal error' }));
  });

  async function handleApi(req: IncomingMessage, res: ServerResponse, verb: string): Promise<void> {
    if (req.method !== 'POST') return reply(res, 405, { error: 'Method not allowed' });
    // Our page's fetch always names our origin; another site's page (which cannot know the
    // secret anyway) is refused before the secret is even compared.
    if (req.headers.origin !== undefined && !isAllowedOrigin(req.headers.origin, port))
      return reply(res, 403, { error: 'Forbidden origin' });
    if (verb === 'launch') return exchangeLaunchCode(req, res);
    if (!secretMatches(bearerToken(req.headers.authorization), secret))
      return reply(res, 401, { error: 'Unauthorized' });
    const input = await readJson(req, res);
    if (input === undefined) return;
    reply(res, 200, await dispatch(verb, input));
  }

  /** `POST /api/launch {"code"}`: the secret, once per code, while the code is fresh. */
  async function exchangeLaunchCode(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const input = await readJson(req, res);
    if (input === undefined) return;
    const code = (input as { code?: unknown } | null)?.code;
    const match =
      typeof code === 'string' ? [...launchCodes.keys()].find((known) => secretMatches(code, known)) : undefined;
    const expiresAt = match === undefined ? undefined : launchCodes.get(match);
    if (match !== undefined) launchCodes.delete(match);
    if (expiresAt === undefined || expiresAt < now()) {
      return reply(res, 401, { error: 'This launch address was used already or is too old' });
    }
    reply(res, 200, { secret });
  }

  /** The JSON body of an API request, or undefined once a refusal has been sent. */
  async function readJson(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      reply(res, 415, { error: 'JSON only' });
      return undefined;
    }
    const body = await readBody(req);
    if (body === null) {
      // Answer first, then hang up: the rest of the body is never read.
      res.once('finish', () => req.destroy());
      reply(res, 413, { error: 'Request too large' }, { connection: 'close' });
      return undefined;
    }
    try {
      return body.length === 0 ? {} : (JSON.parse(body) as unknown);
    } catch {
      reply(res, 400, { error: 'Malformed JSON' });
      return undefined;
    }
  }

  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: 1024,
    handleProtocols: (protocols) => (protocols.has(eventsProtocol) ? eventsProtocol : false),
  });
  server.on('upgrade', (req, socket, head) => {
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const presented = offered.find((p) => p.startsWith(secretProtocolPrefix))?.slice(secretProtocolPrefix.length);
    const path = new URL(req.url ?? '/', `http://127.0.0.1:${port}`).pathname;
    if (
      path !== '/api/events' ||
      !isAllowedHost(req.headers.host, port) ||
      !isAllowedOrigin(req.headers.origin, port) ||
      !secretMatches(presented, secret)
    ) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => {
      const stop = options.service.events.onAny((event) => ws.send(JSON.stringify(event)));
      ws.on('close', stop);
      ws.on('error', stop);
    });
  });

  limitConnections(server, limits);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/#secret=${secret}`,
    launchUrl() {
      for (const [code, expiresAt] of launchCodes) if (expiresAt < now()) launchCodes.delete(code);
      if (launchCodes.size >= maxLaunchCodes) launchCodes.clear();
      const code = randomBytes(32).toString('base64url');
      launchCodes.set(code, now() + launchCodeMs);
      return `http://127.0.0.1:${port}/#launch=${code}`;
    },
    port,
    secret,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function reply(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...extra,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

/** The body as text, or null if it is larger than the cap (the rest is not read). */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        req.pause();
        req.removeAllListeners('data');
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
