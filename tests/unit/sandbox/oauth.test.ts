/** OAuth as amoCRM does it: consent page, single-use codes, rotating refresh tokens, JWT access tokens. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, sandboxDefaults, startSandbox } from '../../../src/main/sandbox/server';
import { sandboxUsers } from '../../../src/main/sandbox/users';
import { type Answer, apiGet, call } from './sandbox-http';

interface TokenAnswer {
  token_type: string;
  expires_in: number;
  access_token: string;
  refresh_token: string;
  server_time: number;
}

const t0 = 1_790_000_000;
let now = t0;
let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox({
    contacts: 50,
    seed: 'oauth',
    rateLimit: 0,
    clock: () => now,
    accessTokenTtlSeconds: 3600,
  });
});
afterAll(() => sandbox.close());

const tokenRequest = (body: Record<string, unknown>, base = sandbox.baseUrl): Promise<Answer> =>
  call(`${base}/oauth2/access_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const credentials = () => ({
  client_id: sandbox.oauth.clientId,
  client_secret: sandbox.oauth.clientSecret,
  redirect_uri: sandbox.oauth.redirectUri,
});
const exchangeCode = (code: string, extra: Record<string, unknown> = {}) =>
  tokenRequest({ ...credentials(), grant_type: 'authorization_code', code, ...extra });
const refresh = (token: string) =>
  tokenRequest({ ...credentials(), grant_type: 'refresh_token', refresh_token: token });
const jwtPayload = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
const userOf = async (accessToken: string) => {
  const answer = await apiGet(sandbox, '/api/v4/account', accessToken);
  return answer.status === 200 ? (answer.json as { current_user_id: number }).current_user_id : answer.status;
};
const admin = sandboxUsers.find((u) => u.key === 'admin');

describe('sandbox OAuth', () => {
  it('registers one private integration with the default redirect URI', () => {
    expect(sandbox.oauth.clientId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(sandbox.oauth.clientSecret.length).toBeGreaterThanOrEqual(32);
    expect(sandbox.oauth.redirectUri).toBe(sandboxDefaults.redirectUri);
  });

  it('shows a consent page whose Allow link redirects to the redirect URI with code, state and referer', async () => {
    const page = await call(`${sandbox.baseUrl}/oauth?client_id=${sandbox.oauth.clientId}&state=xyz&mode=post_message`);
    expect(page.status).toBe(200);
    expect(page.contentType).toContain('text/html');
    const href = /<a id="allow" href="([^"]+)"/.exec(page.text)?.[1]?.replaceAll('&#38;', '&');
    expect(href).toMatch(/^\/oauth\/allow\?/);
    const allowed = await fetch(`${sandbox.baseUrl}${href}`, { redirect: 'manual' });
    expect(allowed.status).toBe(302);
    const location = new URL(allowed.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(sandbox.oauth.redirectUri);
    expect(location.searchParams.get('state')).toBe('xyz');
    expect(location.searchParams.get('referer')).toBe(new URL(sandbox.baseUrl).host);
    const answer = await exchangeCode(location.searchParams.get('code') ?? '');
    expect(answer.status).toBe(200);
    expect(await userOf((answer.json as TokenAnswer).access_token)).toBe(admin?.id);
  });

  it('refuses the consent page for an unknown client', async () => {
    expect((await call(`${sandbox.baseUrl}/oauth?client_id=nope&state=1`)).status).toBe(400);
  });

  it('exchanges a code for a JWT access token naming exp, api_domain, account and user', async () => {
    now = t0 + 100;
    const answer = await exchangeCode(sandbox.issueAuthorizationCode('responsible'));
    expect(answer.status).toBe(200);
    const body = answer.json as TokenAnswer;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, server_time: now });
    expect(body.refresh_token).toEqual(expect.any(String));
    expect(body.access_token.split('.')).toHaveLength(3);
    const responsible = sandboxUsers.find((u) => u.key === 'responsible')?.id;
    expect(jwtPayload(body.access_token)).toMatchObject({
      exp: now + 3600,
      api_domain: new URL(sandbox.baseUrl).host,
      account_id: sandbox.accountId,
      user_id: responsible,
    });
    expect(await userOf(body.access_token)).toBe(responsible);
  });

  it('uses a code once, within 20 minutes, with the registered redirect URI and the right secret', async () => {
    now = t0 + 200;
    const code = sandbox.issueAuthorizationCode();
    expect((await exchangeCode(code, { redirect_uri: 'https://evil.example/cb' })).status).toBe(400);
    expect((await exchangeCode(code, { client_secret: 'wrong' })).status).toBe(401);
    expect((await exchangeCode(code)).status).toBe(200);
    const reused = await exchangeCode(code);
    expect(reused.status).toBe(400);
    expect(reused.contentType).toContain('application/problem+json');

    const stale = sandbox.issueAuthorizationCode();
    now += 20 * 60 + 1;
    expect((await exchangeCode(stale)).status).toBe(400);
    const fresh = sandbox.issueAuthorizationCode();
    now += 20 * 60 - 1;
    expect((await exchangeCode(fresh)).status).toBe(200);
    expect((await exchangeCode('def50200unknown')).status).toBe(400);
  });

  it('rotates refresh tokens: each works once, a reused one is revoked', async () => {
    const first = (await exchangeCode(sandbox.issueAuthorizationCode())).json as TokenAnswer;
    const second = await refresh(first.refresh_token);
    expect(second.status).toBe(200);
    const pair = second.json as TokenAnswer;
    expect(pair.refresh_token).not.toBe(first.refresh_token);
    expect(await userOf(pair.access_token)).toBe(admin?.id);

    const reused = await refresh(first.refresh_token);
    expect(reused.status).toBe(401);
    expect(reused.contentType).toContain('application/problem+json');
    expect(reused.json).toMatchObject({ status: 401, detail: 'Token has been revoked' });
    expect((await refresh('def50200never-issued')).status).toBe(401);
    // The wrong client secret does not use the token up.
    const wrongClient = await tokenRequest({
      ...credentials(),
      client_secret: 'x',
      grant_type: 'refresh_token',
      refresh_token: pair.refresh_token,
    });
    expect(wrongClient.status).toBe(401);
    expect((await refresh(pair.refresh_token)).status).toBe(200);
  });

  it('revokes every refresh token on request', async () => {
    const pair = (await exchangeCode(sandbox.issueAuthorizationCode())).json as TokenAnswer;
    sandbox.revokeRefreshTokens();
    expect((await refresh(pair.refresh_token)).json).toMatchObject({ status: 401, detail: 'Token has been revoked' });
  });

  it('expires access tokens after their lifetime; long-lived tokens never', async () => {
    const pair = (await exchangeCode(sandbox.issueAuthorizationCode())).json as TokenAnswer;
    now += 3599;
    expect(await userOf(pair.access_token)).toBe(admin?.id);
    now += 1;
    expect(await userOf(pair.access_token)).toBe(401);
    now += 10 * 365 * 86_400;
    expect(await userOf(sandbox.tokens['admin'] as string)).toBe(admin?.id);
  });

  it('refuses a tampered access token', async () => {
    const pair = (await exchangeCode(sandbox.issueAuthorizationCode())).json as TokenAnswer;
    const [header, , signature] = pair.access_token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...jwtPayload(pair.access_token), user_id: 5_000_005 })).toString(
      'base64url',
    );
    expect(await userOf(`${header}.${forged}.${signature}`)).toBe(401);
  });

  it('answers /oauth2/account/subdomain for a valid bearer token only', async () => {
    const answer = await apiGet(sandbox, '/oauth2/account/subdomain');
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      id: sandbox.accountId,
      subdomain: sandbox.account.subdomain,
      domain: new URL(sandbox.baseUrl).host,
      top_level_domain: 'ru',
    });
    expect((await apiGet(sandbox, '/oauth2/account/subdomain', 'bad')).status).toBe(401);
  });
});

describe('sandbox OAuth options', () => {
  it('redirects at once with autoApprove, to a custom redirect URI', async () => {
    const auto = await startSandbox({
      contacts: 5,
      rateLimit: 0,
      autoApprove: true,
      redirectUri: 'https://app.example/cb',
    });
    try {
      const response = await fetch(`${auto.baseUrl}/oauth?client_id=${auto.oauth.clientId}&state=s1&mode=popup`, {
        redirect: 'manual',
      });
      expect(response.status).toBe(302);
      const location = new URL(response.headers.get('location') ?? '');
      expect(`${location.origin}${location.pathname}`).toBe('https://app.example/cb');
      expect(location.searchParams.get('state')).toBe('s1');
      const exchanged = await call(`${auto.baseUrl}/oauth2/access_token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          client_id: auto.oauth.clientId,
          client_secret: auto.oauth.clientSecret,
          redirect_uri: 'https://app.example/cb',
          grant_type: 'authorization_code',
          code: location.searchParams.get('code'),
        }),
      });
      expect(exchanged.status).toBe(200);
      expect((exchanged.json as TokenAnswer).expires_in).toBe(86_400);
    } finally {
      await auto.close();
    }
  });
});
