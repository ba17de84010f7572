/**
 * The sandbox: an HTTP server on loopback that answers like amoCRM's API v4 for a
 * generated account. The demo account runs it in-process; `amo-phonebook sandbox` runs it
 * in the foreground for tests and for trying the CLI.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SlidingWindow } from '../lib/sliding-window';
import { createSandboxAccount, type SandboxAccount, sandboxToken } from './account';
import { replyProblem, replyTooManyRequests } from './http-replies';
import { serveAccount, serveContacts } from './routes';

export interface SandboxOptions {
  readonly port?: number;
  readonly host?: string;
  readonly contacts?: number;
  readonly seed?: string;
  /** Requests per second before 429; amoCRM allows 7 per integration. 0 turns it off. */
  readonly rateLimit?: number;
  readonly anchorTime?: number;
}

export interface SandboxHandle {
  readonly baseUrl: string;
  readonly accountId: number;
  /** One bearer token per sandbox user, by role key (`admin`, `responsible`, ...). */
  readonly tokens: Readonly<Record<string, string>>;
  readonly account: SandboxAccount;
  /** Requests answered 429 so far: a well-behaved client keeps this at zero. */
  rejectedRequests(): number;
  /** Every request received so far, refused or not. */
  receivedRequests(): number;
  close(): Promise<void>;
}

export const sandboxDefaults = { contacts: 12_000, seed: 'amo-phonebook', rateLimit: 7 } as const;

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const host = options.host ?? '127.0.0.1';
  const account = createSandboxAccount({
    seed: options.seed ?? sandboxDefaults.seed,
    contactCount: options.contacts ?? sandboxDefaults.contacts,
    ...(options.anchorTime === undefined ? {} : { anchorTime: options.anchorTime }),
  });
  const rateLimit = options.rateLimit ?? sandboxDefaults.rateLimit;
  const window = rateLimit > 0 ? new SlidingWindow(rateLimit, 1000) : null;
  let rejected = 0;
  let received = 0;
  let baseUrl = '';

  const server = createServer((req, res) => {
    received++;
    if (window && !window.tryAcquire(performance.now())) {
      rejected++;
      replyTooManyRequests(res);
      return;
    }
    handle(req, res, account, baseUrl);
  });
  // Keep-alive sockets would hold `close()` open; the API is request/response anyway.
  server.keepAliveTimeout = 1000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    baseUrl,
    accountId: account.id,
    tokens: Object.fromEntries(account.users.map((user) => [user.key, sandboxToken(account.seed, user)])),
    account,
    rejectedRequests: () => rejected,
    receivedRequests: () => received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function handle(req: IncomingMessage, res: ServerResponse, account: SandboxAccount, baseUrl: string): void {
  const url = new URL(req.url ?? '/', baseUrl);
  if (req.method !== 'GET') {
    replyProblem(res, 405, 'Method Not Allowed', `${req.method} is not supported here`);
    return;
  }

  const header = req.headers.authorization ?? '';
  const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
  const user = account.tokens.get(token);
  if (!user) {
    replyProblem(res, 401, 'Unauthorized', 'Token is missing, invalid or revoked');
    return;
  }

  switch (url.pathname) {
    case '/api/v4/account':
      serveAccount(res, account, user, url.searchParams, baseUrl);
      return;
    case '/api/v4/contacts':
      serveContacts(res, account, url.searchParams, baseUrl);
      return;
    default: {
      replyProblem(res, 404, 'Not Found', `No route for ${url.pathname}`);
      return;
    }
  }
}
