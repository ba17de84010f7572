/** A renamed subdomain: the old address answers 404, the lookups name the new one. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../../src/main/sandbox/server';
import { call } from './sandbox-http';

let sandbox: SandboxHandle;
let oldBase: string;
let refreshToken: string;

beforeAll(async () => {
  sandbox = await startSandbox({ contacts: 20, seed: 'rename', rateLimit: 0 });
  oldBase = sandbox.baseUrl;
  const answer = await call(`${oldBase}/oauth2/access_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      client_id: sandbox.oauth.clientId,
      client_secret: sandbox.oauth.clientSecret,
      redirect_uri: sandbox.oauth.redirectUri,
      grant_type: 'authorization_code',
      code: sandbox.issueAuthorizationCode(),
    }),
  });
  refreshToken = (answer.json as { refresh_token: string }).refresh_token;
});
afterAll(() => sandbox.close());

const bearer = () => ({ authorization: `Bearer ${sandbox.tokens['admin']}` });
const port = () => new URL(oldBase).port;

describe('sandbox renamed subdomain', () => {
  it('moves the account from 127.0.0.1 to localhost', async () => {
    expect(oldBase).toBe(`http://127.0.0.1:${port()}`);
    const before = await call(`${oldBase}/api/v4/account`, { headers: bearer() });
    expect(before.status).toBe(200);
    const oldSubdomain = (before.json as { subdomain: string }).subdomain;

    const newBase = sandbox.renameSubdomain();
    expect(newBase).toBe(`http://localhost:${port()}`);
    expect(sandbox.baseUrl).toBe(newBase);

    const moved = await call(`${oldBase}/api/v4/contacts`, { headers: bearer() });
    expect(moved.status).toBe(404);
    expect(moved.contentType).toContain('application/problem+json');
    expect(moved.text).toMatch(/moved/i);

    const after = await call(`${newBase}/api/v4/account`, { headers: bearer() });
    expect(after.status).toBe(200);
    const account = after.json as { subdomain: string; _links: { self: { href: string } } };
    expect(account.subdomain).not.toBe(oldSubdomain);
    expect(account._links.self.href.startsWith(newBase)).toBe(true);
  });

  it('names the new domain at both lookups, also when asked at the old address', async () => {
    for (const base of [oldBase, sandbox.baseUrl]) {
      const byBearer = await call(`${base}/oauth2/account/subdomain`, { headers: bearer() });
      expect(byBearer.status).toBe(200);
      expect(byBearer.json).toMatchObject({ id: sandbox.accountId, domain: `localhost:${port()}` });
      const byRefresh = await call(`${base}/oauth2/account/current/subdomain`, {
        headers: { 'x-refresh-token': refreshToken },
      });
      expect(byRefresh.status).toBe(200);
      expect(byRefresh.json).toEqual(byBearer.json);
    }
    const wrong = await call(`${oldBase}/oauth2/account/current/subdomain`, { headers: { 'x-refresh-token': 'x' } });
    expect(wrong.status).toBe(401);
  });

  it('refuses the token endpoint at the old address and serves it at the new one', async () => {
    const body = JSON.stringify({
      client_id: sandbox.oauth.clientId,
      client_secret: sandbox.oauth.clientSecret,
      redirect_uri: sandbox.oauth.redirectUri,
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
    });
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body };
    expect((await call(`${oldBase}/oauth2/access_token`, init)).status).toBe(404);
    const answer = await call(`${sandbox.baseUrl}/oauth2/access_token`, init);
    expect(answer.status).toBe(200);
    const payload = (answer.json as { access_token: string }).access_token.split('.')[1] ?? '';
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toMatchObject({
      api_domain: `localhost:${port()}`,
    });
  });

  it('sends the consent redirect with the new host as referer', async () => {
    const response = await fetch(`${oldBase}/oauth/allow?client_id=${sandbox.oauth.clientId}&state=s`, {
      redirect: 'manual',
    });
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get('location') ?? '').searchParams.get('referer')).toBe(`localhost:${port()}`);
  });
});
