/**
 * The team mirror's HTTPS server (issue 21, item 3): one computer of the team answers the
 * colleagues' apps on the office network as amoCRM would, from its own mirror, so the
 * account is pulled from amoCRM once for the whole team. A colleague's app keeps its own
 * connector and only changes the address it pulls from (service/connection.ts).
 *
 * What it will and will not do:
 * - GET only, the routes of team/mirror-as-api.ts, nothing else (404); no body is read.
 * - Every request carries the colleague's own amoCRM sign-in; the team mirror asks amoCRM who
 *   that is once per session (colleague-sessions.ts) and answers with exactly what their rights
 *   let them export: never a copy of the whole mirror.
 * - TLS with its own certificate (self-signed-certificate.ts), trusted by its fingerprint.
 * - Not ready until its own first pull is done (503): a colleague's app then pulls from amoCRM.
 * - The HTTP Date of every answer is the account's watermark, not this computer's clock: the
 *   colleague's app pulls later edits from it, and every contact edited before it is here.
 * - Bounded like the app's other servers: connections, per address, header and request time.
 */
import type { Server as HttpServer, IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../shared/errors';
import { bearerToken } from '../lib/http-guards';
import { defaultServerLimits, limitConnections, type ServerLimits, serverOptions } from '../lib/server-limits';
import { getAccount } from '../mirror/accounts-repo';
import type { MirrorDb } from '../mirror/mirror-db';
import { getSyncState } from '../mirror/sync-state-repo';
import type { Colleague, ColleagueSessions } from './colleague-sessions';
import {
  type ApiAnswer,
  accountAnswer,
  type ColleagueRequest,
  contactAnswer,
  contactsAnswer,
  customFieldsAnswer,
  eventsAnswer,
  userAnswer,
  usersAnswer,
} from './mirror-as-api';
import type { TeamCertificate } from './self-signed-certificate';

export interface TeamServerOptions {
  readonly db: MirrorDb;
  readonly accountId: number;
  readonly sessions: ColleagueSessions;
  readonly certificate: TeamCertificate;
  /** The address to listen on: the office network's (never all interfaces unless asked). */
  readonly host: string;
  /** 0: any free port. */
  readonly port: number;
  readonly limits?: ServerLimits;
  /** One line per refused sign-in, for the team mirror's owner. */
  readonly log?: (line: string) => void;
}

export interface TeamServer {
  readonly url: string;
  readonly port: number;
  /** Requests answered with contacts data so far (for the status line and benchmarks). */
  answered(): number;
  close(): Promise<void>;
}

/** A team of up to a few dozen, each app a few connections at most. */
const teamLimits: ServerLimits = { ...defaultServerLimits, maxConnections: 256, maxConnectionsPerAddress: 16 };
const maxUrlLength = 8192;

export async function startTeamServer(options: TeamServerOptions): Promise<TeamServer> {
  // On loopback every colleague has the same address (tests, benchmarks): a limit per address
  // would be a limit on everyone.
  const loopback = /^(127\.|::1$|localhost$)/.test(options.host);
  const limits = options.limits ?? (loopback ? { ...teamLimits, maxConnectionsPerAddress: 0 } : teamLimits);
  let answered = 0;
  const server: Server = createServer(
    { ...serverOptions(limits), cert: options.certificate.certPem, key: options.certificate.keyPem },
    (req, res) => {
      handle(options, req, res).then(
        (counted) => {
          if (counted) answered++;
        },
        (error: unknown) => {
          if (!res.headersSent) reply(res, null, problem(500, 'Internal Server Error', 'The team mirror failed'));
          else res.destroy();
          options.log?.(`team mirror: ${error instanceof Error ? error.message : String(error)}`);
        },
      );
    },
  );
  // Its connection and request events are http.Server's: the same bounds apply as to the app's other servers.
  limitConnections(server as unknown as HttpServer, limits);
  // A TLS handshake that never finishes holds a slot: it gets the same bound as silence.
  server.on('tlsClientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `https://${host}:${port}`,
    port,
    answered: () => answered,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Answers one request; true when it served data (not an error). */
async function handle(options: TeamServerOptions, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const rawUrl = req.url ?? '/';
  if (req.method !== 'GET') return reply(res, null, problem(405, 'Method Not Allowed', 'The team mirror only reads'));
  if (rawUrl.length > maxUrlLength) return reply(res, null, problem(414, 'URI Too Long', 'That address is too long'));
  const url = new URL(rawUrl, 'https://team-mirror.invalid');
  const path = url.pathname.replace(/\/+$/, '');
  if (!path.startsWith('/api/v4/')) return reply(res, null, problem(404, 'Not Found', 'No such address'));

  const account = getAccount(options.db, options.accountId);
  const state = getSyncState(options.db, options.accountId);
  if (!account || !state.fullPullDone || state.watermark === null) {
    return reply(res, null, problem(503, 'Service Unavailable', 'The team mirror has not pulled the account yet'));
  }

  const token = bearerToken(req.headers.authorization);
  let colleague: Colleague;
  try {
    if (token === undefined) throw new AppError('AUTH_REJECTED', 'No amoCRM sign-in was sent');
    // A sync reads its rights first: then they are read from amoCRM afresh (R7: at every export).
    colleague = await options.sessions.colleagueFor(token, path.startsWith('/api/v4/users/'));
  } catch (error) {
    const code = error instanceof AppError ? error.code : 'INTERNAL';
    options.log?.(`team mirror: refused a sign-in from ${req.socket.remoteAddress ?? '?'} (${code})`);
    if (code === 'AUTH_REJECTED')
      return reply(res, state.watermark, problem(401, 'Unauthorized', 'amoCRM did not accept this sign-in'));
    if (code === 'FORBIDDEN')
      return reply(res, state.watermark, problem(403, 'Forbidden', 'This sign-in is for another account'));
    return reply(
      res,
      state.watermark,
      problem(503, 'Service Unavailable', 'The team mirror could not check the sign-in with amoCRM'),
    );
  }

  const host =
    req.headers.host && /^[\w.:[\]-]{1,300}$/.test(req.headers.host) ? req.headers.host : 'team-mirror.invalid';
  const request: ColleagueRequest = {
    db: options.db,
    account,
    colleague,
    query: url.searchParams,
    origin: `https://${host}`,
  };
  const answer = answerFor(path, request);
  return reply(res, state.watermark, answer ?? problem(404, 'Not Found', 'The team mirror does not answer this'));
}

function answerFor(path: string, request: ColleagueRequest): ApiAnswer | null {
  if (path === '/api/v4/account') return accountAnswer(request);
  if (path === '/api/v4/users') return usersAnswer(request);
  if (path.startsWith('/api/v4/users/')) return userAnswer(request, path.slice('/api/v4/users/'.length));
  if (path === '/api/v4/contacts/custom_fields') return customFieldsAnswer(request);
  if (path === '/api/v4/contacts') return contactsAnswer(request);
  if (path.startsWith('/api/v4/contacts/')) return contactAnswer(request, path.slice('/api/v4/contacts/'.length));
  if (path === '/api/v4/events') return eventsAnswer(request);
  return null;
}

type Reply =
  | ApiAnswer
  | { readonly status: 401 | 405 | 414 | 500 | 503; readonly title: string; readonly detail: string };

function problem(status: 401 | 403 | 404 | 405 | 414 | 500 | 503, title: string, detail: string): Reply {
  return { status, title, detail } as Reply;
}

/** Writes the answer; true when it was data. `watermark`: the account's, as the HTTP Date. */
function reply(res: ServerResponse, watermark: number | null, answer: Reply): boolean {
  const headers: Record<string, string> = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
  if (watermark !== null) {
    res.sendDate = false;
    headers['date'] = new Date(watermark * 1000).toUTCString();
  }
  if (answer.status === 204) {
    res.writeHead(204, headers).end();
    return true;
  }
  if (answer.status === 200) {
    res.writeHead(200, { ...headers, 'content-type': 'application/hal+json' }).end(JSON.stringify(answer.body));
    return true;
  }
  const body = JSON.stringify({ title: answer.title, status: answer.status, detail: answer.detail });
  res.writeHead(answer.status, { ...headers, 'content-type': 'application/problem+json' }).end(body);
  return false;
}
