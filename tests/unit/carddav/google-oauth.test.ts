/**
 * Google's sign-in (OAuth authorization code + PKCE, loopback redirect) against a local
 * stand-in of Google's endpoints, and the CardDAV part with the Bearer token through a
 * stand-in of Google's CardDAV front (checks the token, forwards to a real Radicale).
 * Google itself cannot be reached from here; these stand-ins follow its documented
 * protocol, not its quirks.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { readBook } from '../../helpers/dav-reader';
import { type RadicaleHandle, startRadicale } from '../../helpers/radicale';
import { syncWorld } from '../sync/sync-world';

const servers: Server[] = [];
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function listen(server: Server): Promise<string> {
  servers.push(server);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`)),
  );
}

function bodyOf(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/** Google's authorize and token endpoints, as far as the flow needs them. */
async function standInGoogle(options: { deny?: boolean } = {}) {
  const codes = new Map<string, { challenge: string; redirectUri: string }>();
  const valid = new Set<string>();
  const log: string[] = [];
  let issued = 0;
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    if (url.pathname === '/authorize') {
      const redirectUri = url.searchParams.get('redirect_uri') ?? '';
      log.push(`authorize ${url.searchParams.get('scope')} ${url.searchParams.get('code_challenge_method')}`);
      const back = new URL(redirectUri);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      if (options.deny) back.searchParams.set('error', 'access_denied');
      else {
        const code = `code-${codes.size + 1}`;
        codes.set(code, { challenge: url.searchParams.get('code_challenge') ?? '', redirectUri });
        back.searchParams.set('code', code);
      }
      response.writeHead(302, { location: back.href }).end();
      return;
    }
    if (url.pathname === '/token') {
      const form = new URLSearchParams((await bodyOf(request)).toString());
      log.push(`token ${form.get('grant_type')}`);
      const reply = (status: number, json: object) =>
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      if (form.get('client_id') !== 'test-client.apps.example') return reply(401, { error: 'invalid_client' });
      if (form.get('grant_type') === 'authorization_code') {
        const grant = codes.get(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        if (!grant || grant.challenge !== challenge || grant.redirectUri !== form.get('redirect_uri')) {
          return reply(400, { error: 'invalid_grant' });
        }
      } else if (form.get('refresh_token') !== 'refresh-1') return reply(400, { error: 'invalid_grant' });
      const token = `access-${++issued}`;
      valid.add(token);
      return reply(200, { access_token: token, expires_in: 3600, refresh_token: 'refresh-1', token_type: 'Bearer' });
    }
    response.writeHead(404).end();
  });
  return { base: await listen(server), valid, log };
}

/** Google's CardDAV front: Bearer tokens only; forwards to Radicale as its user. */
async function bearerFront(radicale: RadicaleHandle, valid: Set<string>) {
  const seen: string[] = [];
  const server = createServer(async (request, response) => {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    seen.push(token);
    if (!valid.has(token)) return response.writeHead(401).end();
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === 'string' && !['host', 'authorization', 'connection'].includes(name)) headers[name] = value;
    }
    const body = await bodyOf(request);
    const upstream = await fetch(new URL(request.url ?? '/', radicale.url), {
      method: request.method ?? 'GET',
      headers: { ...headers, authorization: radicale.authorization },
      ...(body.length > 0 ? { body } : {}),
      redirect: 'manual',
    });
    const out: Record<string, string> = {};
    upstream.headers.forEach((value, name) => {
      if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(name)) out[name] = value;
    });
    response.writeHead(upstream.status, out).end(Buffer.from(await upstream.arrayBuffer()));
  });
  return { url: `${await listen(server)}/`, seen };
}

describe('Google Contacts over CardDAV (OAuth, against stand-ins)', () => {
  it('signs in through the loopback redirect with PKCE, exports with the Bearer token, refreshes it when it expires', async () => {
    const radicale = await startRadicale();
    cleanups.push(() => radicale.stop());
    const google = await standInGoogle();
    const front = await bearerFront(radicale, google.valid);
    let offset = 0;
    const world = await syncWorld({ contacts: 12, seed: 'google' }, { now: () => Date.now() + offset });
    cleanups.push(() => world.close());
    const account = await world.connectAdmin();
    // Google has no MKCOL: the user's default book must exist (Google always has one).
    await fetch(`${radicale.url}${radicale.user}/default/`, {
      method: 'MKCOL',
      headers: { authorization: radicale.authorization, 'content-type': 'application/xml' },
      body:
        '<?xml version="1.0"?><d:mkcol xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav"><d:set><d:prop>' +
        '<d:resourcetype><d:collection/><c:addressbook/></d:resourcetype></d:prop></d:set></d:mkcol>',
    });
    // The "browser": opens the consent page the core asks for, which redirects to the loopback.
    const opened: string[] = [];
    world.service.events.on('oauth:open', (event) => {
      opened.push(event.url);
      void fetch(event.url);
    });
    const added = await world.call('connectGoogleCardDav', {
      name: 'Google',
      username: 'anna@gmail.example',
      clientId: 'test-client.apps.example',
      authorizeUrl: `${google.base}/authorize`,
      tokenUrl: `${google.base}/token`,
      serverUrl: front.url,
    });
    expect(new URL(opened[0] ?? '').searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(google.log).toEqual(['authorize https://www.googleapis.com/auth/carddav S256', 'token authorization_code']);
    expect(added.device.carddav).toMatchObject({ provider: 'google', auth: 'oauth', ownBook: false });
    expect(added.setup.android[0]).toMatch(/Nothing to do/);
    const stored = await world.secrets.get(`device:${added.device.id}:carddav`);
    expect(stored).toContain('refresh-1');

    const first = await world.call('exportToCardDav', { deviceId: added.device.id, period: 'all' });
    expect(first.written).toBeGreaterThan(0);
    expect(front.seen.every((token) => token === 'access-1')).toBe(true);
    expect((await readBook(`${radicale.url}${radicale.user}/default/`, radicale.authorization)).size).toBe(
      first.written,
    );

    // An hour later the access token has expired: refreshed, stored, used.
    offset = 2 * 3600_000;
    google.valid.delete('access-1');
    world.sandbox.editContact(world.sandbox.contactIds()[0] as number, { phones: ['+7 912 555-55-55'] });
    const second = await world.call('exportToCardDav', { deviceId: added.device.id });
    expect(google.log.at(-1)).toBe('token refresh_token');
    expect(second.written).toBe(1);
    expect(front.seen.at(-1)).toBe('access-2');
    expect(await world.secrets.get(`device:${added.device.id}:carddav`)).toContain('access-2');
    expect(account.id).toBeGreaterThan(0);
  });

  it('a refused consent ends in OAUTH_FAILED and adds no device', async () => {
    const google = await standInGoogle({ deny: true });
    const world = await syncWorld({ contacts: 3, seed: 'google-deny' });
    cleanups.push(() => world.close());
    world.service.events.on('oauth:open', (event) => void fetch(event.url));
    const code = await world.codeOf(
      world.call('connectGoogleCardDav', {
        name: 'Google',
        username: 'anna@gmail.example',
        clientId: 'test-client.apps.example',
        authorizeUrl: `${google.base}/authorize`,
        tokenUrl: `${google.base}/token`,
        serverUrl: 'https://www.googleapis.com/',
      }),
    );
    expect(code).toBe('OAUTH_FAILED');
    expect(await world.call('listDevices', {})).toEqual([]);
  });
});
