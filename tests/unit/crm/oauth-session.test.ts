/**
 * OAuth refresh, against a real local token endpoint that, like amoCRM's, accepts each
 * refresh token exactly once.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { OAuthCredentials } from '../../../src/main/crm/credentials';
import { parseCredentials, serializeCredentials } from '../../../src/main/crm/credentials';
import { createOAuthSession } from '../../../src/main/crm/oauth-session';
import { createRequestLimiter } from '../../../src/main/crm/request-limiter';

let server: Server | null = null;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

/** A token endpoint: refresh tokens are single-use; each refresh issues access-N / refresh-N. */
async function tokenEndpoint(): Promise<{ baseUrl: string; refreshes: () => number }> {
  let issued = 0;
  const valid = new Set(['refresh-0']);
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      const request = JSON.parse(body) as { refresh_token: string; grant_type: string };
      // Answer slowly, so concurrent callers really overlap.
      setTimeout(() => {
        if (request.grant_type !== 'refresh_token' || !valid.delete(request.refresh_token)) {
          res.writeHead(401, { 'content-type': 'application/problem+json' });
          res.end(JSON.stringify({ status: 401, detail: 'Token has been revoked' }));
          return;
        }
        issued++;
        valid.add(`refresh-${issued}`);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            token_type: 'Bearer',
            expires_in: 86400,
            access_token: `access-${issued}`,
            refresh_token: `refresh-${issued}`,
          }),
        );
      }, 50);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, refreshes: () => issued };
}

function store(expiresAt: number) {
  let saved: OAuthCredentials = {
    kind: 'oauth',
    accessToken: 'access-0',
    refreshToken: 'refresh-0',
    expiresAt,
    clientId: 'c',
    clientSecret: 's',
    redirectUri: 'https://x.example/cb',
  };
  const log: string[] = [];
  return {
    log,
    current: () => saved,
    load: async () => saved,
    save: async (next: OAuthCredentials) => {
      log.push(`saved ${next.refreshToken}`);
      saved = next;
    },
  };
}

describe('OAuth session', () => {
  it('refreshes once for many concurrent callers, and saves the new pair before handing it out', async () => {
    const endpoint = await tokenEndpoint();
    const now = Date.now();
    const secrets = store(now + 1000); // about to expire: inside the early-refresh margin
    const session = createOAuthSession({
      http: { baseUrl: endpoint.baseUrl, limiter: createRequestLimiter(100) },
      load: secrets.load,
      save: secrets.save,
      now: () => now,
    });
    const tokens = await Promise.all(Array.from({ length: 8 }, () => session.token()));
    expect(new Set(tokens)).toEqual(new Set(['access-1']));
    expect(endpoint.refreshes()).toBe(1);
    expect(secrets.log).toEqual(['saved refresh-1']);
    expect(await session.token()).toBe('access-1');
  });

  it('after a 401, refreshes once; a token already replaced is simply swapped; a dead refresh token means reconnect', async () => {
    const endpoint = await tokenEndpoint();
    const secrets = store(Date.now() + 86_400_000);
    const session = createOAuthSession({
      http: { baseUrl: endpoint.baseUrl, limiter: createRequestLimiter(100) },
      load: secrets.load,
      save: secrets.save,
      now: Date.now,
    });
    expect(await session.token()).toBe('access-0');
    const [first, second] = await Promise.all([session.renew('access-0'), session.renew('access-0')]);
    expect([first, second]).toEqual(['access-1', 'access-1']);
    expect(endpoint.refreshes()).toBe(1);
    // A caller that still holds the old token gets the new one without another refresh.
    expect(await session.renew('access-0')).toBe('access-1');
    expect(endpoint.refreshes()).toBe(1);

    // Someone else used our refresh token (another app, another computer): it is dead now.
    secrets.current().refreshToken = 'refresh-0';
    expect(await session.renew('access-1')).toBeNull();
  });
});

describe('stored credentials', () => {
  it('round-trips both kinds and reads a bare token written by the first version', () => {
    const oauth = store(1).current();
    expect(parseCredentials(serializeCredentials(oauth), 'acme')).toEqual(oauth);
    expect(parseCredentials(serializeCredentials({ kind: 'long-lived', token: 't' }), 'acme')).toEqual({
      kind: 'long-lived',
      token: 't',
    });
    expect(parseCredentials('eyJraWQ.bare.token', 'acme')).toEqual({ kind: 'long-lived', token: 'eyJraWQ.bare.token' });
    expect(() => parseCredentials('{"kind":"oauth"}', 'acme')).toThrow(/unreadable/);
  });
});
