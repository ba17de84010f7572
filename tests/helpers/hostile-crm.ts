/**
 * A hostile amoCRM: a loopback proxy in front of the sandbox that forwards every request, except
 * the ones a test has armed, which it answers itself (a rewritten page, a wrong type, a body that
 * never ends, a redirect to another host, a connection cut mid-answer). The app connects to the
 * proxy's address as if it were the account; the sandbox behind it stays an honest CRM, so every
 * other request (account, users, fields, events) is real.
 */
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Upstream {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

/** Answers one armed request; `upstream()` fetches what the honest CRM would have said. */
export type Play = (res: ServerResponse, upstream: () => Promise<Upstream>, req: IncomingMessage) => unknown;

export interface HostileCrm {
  /** The account address to connect to, e.g. http://127.0.0.1:40125 */
  readonly url: string;
  /** The next `count` requests whose path (without query) equals `path` are answered by `play`. */
  arm(path: string, play: Play, count?: number): void;
  /** Armed answers not yet used. */
  pending(): number;
  stop(): Promise<void>;
}

export async function startHostileCrm(targetUrl: string): Promise<HostileCrm> {
  const target = new URL(targetUrl);
  let armed: Array<{ path: string; play: Play; left: number }> = [];

  const upstreamOf = (incoming: IncomingMessage, body: Buffer) => () =>
    new Promise<Upstream>((resolve, reject) => {
      const upstream = request(
        {
          host: target.hostname,
          port: target.port,
          method: incoming.method,
          path: incoming.url,
          headers: { ...incoming.headers, host: target.host },
        },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('end', () =>
            resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(chunks) }),
          );
          answer.on('error', reject);
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });

  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const upstream = upstreamOf(incoming, Buffer.concat(chunks));
      const path = new URL(incoming.url ?? '/', 'http://crm.invalid').pathname;
      const trap = armed.find((candidate) => candidate.path === path);
      if (trap) {
        trap.left -= 1;
        if (trap.left <= 0) armed = armed.filter((candidate) => candidate !== trap);
        Promise.resolve(trap.play(outgoing, upstream, incoming)).catch(() => outgoing.socket?.destroy());
        return;
      }
      upstream().then(
        (answer) => {
          const { 'transfer-encoding': _chunked, ...headers } = answer.headers;
          outgoing.writeHead(answer.status, { ...headers, 'content-length': answer.body.length });
          outgoing.end(answer.body);
        },
        () => outgoing.socket?.destroy(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    arm(path, play, count = 1) {
      armed.push({ path, play, left: count });
    },
    pending: () => armed.reduce((sum, trap) => sum + trap.left, 0),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Plays: what a hostile CRM answers instead. */
export const plays = {
  /** The honest answer's JSON, changed by `change` (a wrong type, a missing key). */
  rewrite:
    (change: (json: Record<string, unknown>) => unknown): Play =>
    async (res, upstream) => {
      const answer = await upstream();
      const text = JSON.stringify(change(JSON.parse(answer.body.toString('utf8')) as Record<string, unknown>));
      res.writeHead(200, { 'content-type': 'application/hal+json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    },
  /** A JSON body of about `megabytes` MB, sent as fast as the socket takes it. */
  enormous:
    (megabytes: number): Play =>
    (res) => {
      res.writeHead(200, { 'content-type': 'application/hal+json' });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      res.write('{"_page":1,"padding":"');
      let sent = 0;
      const pump = () => {
        while (sent < megabytes) {
          sent += 1;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end('"}');
      };
      res.on('close', () => {
        sent = Number.POSITIVE_INFINITY;
      });
      pump();
    },
  /** Headers, the start of a page, then a trickle of spaces that never ends (until the client hangs up). */
  endless: (): Play => (res) => {
    res.writeHead(200, { 'content-type': 'application/hal+json' });
    res.write('{"_page":1,');
    const timer = setInterval(() => res.write(' '), 20);
    res.on('close', () => clearInterval(timer));
  },
  /** A redirect to another host, as a hijacked or misconfigured proxy would send. */
  redirect:
    (location: string): Play =>
    (res) => {
      res.writeHead(302, { location, 'content-length': 0 });
      res.end();
    },
  /** The honest answer's first half, then the connection is cut. */
  cut: (): Play => async (res, upstream) => {
    const answer = await upstream();
    res.writeHead(200, { 'content-type': 'application/hal+json', 'content-length': answer.body.length });
    res.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)));
    setTimeout(() => res.socket?.destroy(), 20);
  },
};
