/**
 * How the client meets amoCRM's faults, against a real local HTTP server that plays them:
 * HTML 429s, 5xx, 401, the HTML 403 block page, 402, non-JSON bodies, refused connections.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { staticAuth } from '../../../src/main/crm/account-auth';
import { type AmoHttpOptions, amoGet } from '../../../src/main/crm/amo-http';
import { createRequestLimiter } from '../../../src/main/crm/request-limiter';
import { AppError } from '../../../src/shared/errors';

type Reply = { status: number; type?: string; body?: string };
let server: Server | null = null;

async function serve(replies: Reply[]): Promise<{ baseUrl: string; hits: () => number }> {
  let hits = 0;
  server = createServer((_req, res) => {
    const reply = replies[Math.min(hits, replies.length - 1)] as Reply;
    hits++;
    res.writeHead(reply.status, reply.type ? { 'content-type': reply.type } : {});
    res.end(reply.body ?? '');
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits };
}

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

const options = (baseUrl: string, extra: Partial<AmoHttpOptions> = {}): AmoHttpOptions => ({
  baseUrl,
  auth: staticAuth('t'),
  limiter: createRequestLimiter(1000),
  backoffMs: () => 5,
  maxRetries: 3,
  // No request of this limiter has got through yet: a 429 storm counts retries at once.
  rateLimitPatienceMs: 0,
  ...extra,
});

const json = (body: unknown): Reply => ({ status: 200, type: 'application/hal+json', body: JSON.stringify(body) });
const html429: Reply = {
  status: 429,
  type: 'text/html',
  body: '<html><head><title>429 Too Many Requests</title></head></html>',
};

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error instanceof AppError ? error.code : `not an AppError: ${String(error)}`;
  }
}

describe('amoGet', () => {
  it('treats 204 as an empty answer, not an error', async () => {
    const { baseUrl } = await serve([{ status: 204 }]);
    expect(await amoGet(options(baseUrl), '/api/v4/contacts')).toMatchObject({ status: 204 });
  });

  it('backs off and retries an HTML 429, then succeeds', async () => {
    const { baseUrl, hits } = await serve([html429, html429, json({ ok: 1 })]);
    const answer = await amoGet(options(baseUrl), '/x');
    expect(answer).toMatchObject({ status: 200, body: { ok: 1 } });
    // The CRM's own clock, from the Date header, for watermarks.
    expect(Math.abs((answer.serverTime ?? 0) - Date.now() / 1000)).toBeLessThan(5);
    expect(hits()).toBe(3);
  });

  it('gives up on a 429 storm with RATE_LIMITED after the retry budget', async () => {
    const { baseUrl, hits } = await serve([html429]);
    expect(await codeOf(amoGet(options(baseUrl), '/x'))).toBe('RATE_LIMITED');
    expect(hits()).toBe(4);
  });

  it('rides out more 429s than the retry budget while requests still get through (colleagues share the limit)', async () => {
    // Every other answer a 429, ten times over: 3 retries would have given up at the fourth.
    const replies: Reply[] = [];
    for (let i = 0; i < 10; i++) replies.push(html429, html429, html429, html429, json({ page: i }));
    const { baseUrl, hits } = await serve(replies);
    // A fast floor, so that forty 429s cost milliseconds here, not the 10 s a turn of the real one.
    const limiter = createRequestLimiter(1000, undefined, { minimumPerSecond: 500 });
    // Each refused request still waits a first back-off: retried at once, a burst of 429s is
    // the pattern that gets an account blocked (the sandbox blocks at 20 a minute).
    const waits: number[] = [];
    const backoffMs = (attempt: number) => {
      waits.push(attempt);
      return 1;
    };
    const http = options(baseUrl, { limiter, rateLimitPatienceMs: 60_000, backoffMs });
    for (let i = 0; i < 10; i++) expect(await amoGet(http, '/x')).toMatchObject({ body: { page: i } });
    expect(hits()).toBe(50);
    expect(waits).toEqual(new Array(40).fill(1));
    // The limiter heard it: it now goes slower than its limit, and says it shares it.
    expect(limiter.pace()).toBeLessThan(1000);
    expect(limiter.sharing()).toBe(true);
  });

  it('retries 5xx a bounded number of times, then SERVER_ERROR', async () => {
    const { baseUrl, hits } = await serve([{ status: 503, body: 'busy' }]);
    expect(await codeOf(amoGet(options(baseUrl), '/x'))).toBe('SERVER_ERROR');
    expect(hits()).toBe(4);
  });

  it('never retries what needs the user: 401, 402, 403', async () => {
    const cases: Array<[Reply, string]> = [
      [{ status: 401, type: 'application/problem+json', body: '{"status":401}' }, 'AUTH_REJECTED'],
      [{ status: 402, body: '' }, 'ACCOUNT_UNAVAILABLE'],
      [
        { status: 403, type: 'text/html', body: '<html><center><h1>403 Forbidden</h1></center></html>' },
        'ACCOUNT_BLOCKED',
      ],
      [{ status: 403, type: 'application/problem+json', body: '{"status":403}' }, 'FORBIDDEN'],
    ];
    for (const [reply, code] of cases) {
      const { baseUrl, hits } = await serve([reply]);
      expect(await codeOf(amoGet(options(baseUrl), '/x')), `${reply.status}`).toBe(code);
      expect(hits()).toBe(1);
      await new Promise<void>((resolve) => server?.close(() => resolve()));
      server = null;
    }
  });

  it('after a 401 asks the sign-in for a fresh token once and retries with it; a second 401 is final', async () => {
    const seen: string[] = [];
    server = createServer((req, res) => {
      seen.push(req.headers.authorization ?? '');
      const ok = req.headers.authorization === 'Bearer fresh';
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      res.end(ok ? '{"ok":true}' : '{"status":401}');
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    let current = 'stale';
    const renewed: string[] = [];
    const auth = {
      token: async () => current,
      renew: async (rejected: string) => {
        renewed.push(rejected);
        current = 'fresh';
        return current;
      },
    };
    expect(await amoGet(options(baseUrl, { auth }), '/x')).toMatchObject({ status: 200 });
    expect(seen).toEqual(['Bearer stale', 'Bearer fresh']);
    expect(renewed).toEqual(['stale']);
    const never = { token: async () => 'stale', renew: async () => 'also-stale' };
    expect(await codeOf(amoGet(options(baseUrl, { auth: never }), '/x'))).toBe('AUTH_REJECTED');
  });

  it('reports a 200 whose body is not JSON as BAD_RESPONSE', async () => {
    const { baseUrl } = await serve([{ status: 200, type: 'text/html', body: '<html>Welcome to nginx!</html>' }]);
    expect(await codeOf(amoGet(options(baseUrl), '/x'))).toBe('BAD_RESPONSE');
  });

  it('reports a refused connection as NETWORK_UNREACHABLE after retrying', async () => {
    const { baseUrl } = await serve([json({})]);
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = null;
    const error = await amoGet(options(baseUrl), '/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('NETWORK_UNREACHABLE');
    expect((error as AppError).message).toContain('ECONNREFUSED');
  });

  it('times out a server that never answers', async () => {
    server = createServer(() => {
      // never answers
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect(await codeOf(amoGet(options(baseUrl, { timeoutMs: 100, maxRetries: 1 }), '/x'))).toBe('TIMEOUT');
    server.closeAllConnections();
  });

  it('stops with CANCELLED when the user cancels during a back-off', async () => {
    const { baseUrl } = await serve([html429]);
    const controller = new AbortController();
    const pending = amoGet(options(baseUrl, { signal: controller.signal, backoffMs: () => 10_000 }), '/x');
    setTimeout(() => controller.abort(), 100);
    expect(await codeOf(pending)).toBe('CANCELLED');
  });

  it('sends the token as a bearer header and follows no redirects', async () => {
    let seen: string | undefined;
    server = createServer((req, res) => {
      seen = req.headers.authorization;
      res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' });
      res.end();
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // A redirect could carry the token to another host: refused, not followed.
    expect(await codeOf(amoGet(options(baseUrl, { auth: staticAuth('secret-token'), maxRetries: 0 }), '/x'))).toBe(
      'BAD_RESPONSE',
    );
    expect(seen).toBe('Bearer secret-token');
  });
});
