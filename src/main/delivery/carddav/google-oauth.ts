/**
 * Google's sign-in for its CardDAV scope: the OAuth 2.0 authorization-code flow for
 * installed apps, with a loopback redirect (http://127.0.0.1:PORT/) and PKCE (S256). The
 * client id is configuration (a Google Cloud "Desktop app" client the user or the build
 * supplies); the endpoints can be replaced, which is how the tests run it against a local
 * stand-in: Google itself cannot be reached from where this was built.
 *
 * The core opens the loopback listener, asks the face to show the consent page (an event:
 * the desktop opens the browser, the CLI prints the address), and waits for the redirect.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { AppError } from '../../../shared/errors';

export const googleOAuthDefaults = {
  authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenUrl: 'https://oauth2.googleapis.com/token',
  scope: 'https://www.googleapis.com/auth/carddav',
} as const;

export interface OAuthClientConfig {
  readonly clientId: string;
  readonly clientSecret?: string | undefined;
  readonly authorizeUrl: string;
  readonly tokenUrl: string;
  readonly scope: string;
}

export interface OAuthTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** Unix milliseconds. */
  readonly expiresAt: number;
}

export interface AuthorizeOptions {
  /** Shows the consent page to the user. */
  readonly open: (url: string) => void;
  /** How long to wait for the user (default 5 minutes). */
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

export async function authorizeWithLoopback(
  config: OAuthClientConfig,
  options: AuthorizeOptions,
): Promise<OAuthTokens> {
  const state = randomBytes(24).toString('base64url');
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  let settle: (result: { code: string } | { error: AppError }) => void = () => undefined;
  const redirected = new Promise<{ code: string } | { error: AppError }>((resolve) => {
    settle = resolve;
  });
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/') {
      response.writeHead(404).end();
      return;
    }
    const outcome = readRedirect(url, state);
    response.writeHead('code' in outcome ? 200 : 400, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      'code' in outcome
        ? '<!doctype html><html lang="en"><title>amo-phonebook</title><p>Signed in. You can close this tab and return to amo-phonebook.</p></html>'
        : '<!doctype html><html lang="en"><title>amo-phonebook</title><p>Sign-in failed. Return to amo-phonebook and try again.</p></html>',
    );
    settle(outcome);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const port = (server.address() as { port: number }).port;
  const redirectUri = `http://127.0.0.1:${port}/`;
  const timer = setTimeout(
    () => settle({ error: oauthFailed('nobody signed in within the time allowed; start again') }),
    options.timeoutMs ?? 5 * 60_000,
  );
  try {
    const authorize = new URL(config.authorizeUrl);
    authorize.search = new URLSearchParams({
      client_id: config.clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: config.scope,
      state,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      // A refresh token, so later exports need no new sign-in.
      access_type: 'offline',
      prompt: 'consent',
    }).toString();
    options.open(authorize.href);
    const outcome = await redirected;
    if ('error' in outcome) throw outcome.error;
    return await tokenRequest(
      config,
      {
        grant_type: 'authorization_code',
        code: outcome.code,
        redirect_uri: redirectUri,
        code_verifier: verifier,
      },
      options.now ?? Date.now,
    );
  } finally {
    clearTimeout(timer);
    server.closeAllConnections();
    server.close();
  }
}

/** A new access token from the refresh token (Google keeps the refresh token unless it sends a new one). */
export async function refreshTokens(
  config: OAuthClientConfig,
  refreshToken: string,
  now: () => number = Date.now,
): Promise<OAuthTokens> {
  const tokens = await tokenRequest(config, { grant_type: 'refresh_token', refresh_token: refreshToken }, now);
  return { ...tokens, refreshToken: tokens.refreshToken || refreshToken };
}

function readRedirect(url: URL, state: string): { code: string } | { error: AppError } {
  const error = url.searchParams.get('error');
  if (error) return { error: oauthFailed(`Google did not grant access (${error.slice(0, 100)})`) };
  const got = Buffer.from(url.searchParams.get('state') ?? '');
  const want = Buffer.from(state);
  if (got.length !== want.length || !timingSafeEqual(got, want)) {
    return { error: oauthFailed('the answer does not belong to this sign-in; start again') };
  }
  const code = url.searchParams.get('code');
  return code ? { code } : { error: oauthFailed('no authorization code came back') };
}

async function tokenRequest(
  config: OAuthClientConfig,
  form: Record<string, string>,
  now: () => number,
): Promise<OAuthTokens> {
  const body = new URLSearchParams({
    ...form,
    client_id: config.clientId,
    ...(config.clientSecret ? { client_secret: config.clientSecret } : {}),
  });
  let response: Response;
  try {
    response = await fetch(config.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new AppError(
      'CARDDAV_UNREACHABLE',
      `Cannot reach Google's sign-in server ${new URL(config.tokenUrl).host}: check the internet connection`,
      { host: new URL(config.tokenUrl).host },
      { cause: error },
    );
  }
  const json = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (!response.ok || !json || typeof json['access_token'] !== 'string') {
    const reason = typeof json?.['error'] === 'string' ? json['error'] : `HTTP ${response.status}`;
    throw oauthFailed(`Google refused the sign-in (${reason.slice(0, 100)}); sign in again`);
  }
  const expiresIn = typeof json['expires_in'] === 'number' ? json['expires_in'] : 3600;
  return {
    accessToken: json['access_token'],
    refreshToken: typeof json['refresh_token'] === 'string' ? json['refresh_token'] : '',
    expiresAt: now() + expiresIn * 1000,
  };
}

function oauthFailed(why: string): AppError {
  return new AppError('OAUTH_FAILED', `Google sign-in failed: ${why}`);
}
