/**
 * amoCRM's OAuth 2.0 for one registered private integration: authorization codes
 * (single-use, 20 minutes), JWT access tokens, and refresh tokens that die the moment they
 * are used (reference §1.3, §1.4). Times follow the sandbox clock, so tests can expire
 * tokens without waiting.
 */
import { createHash, randomBytes } from 'node:crypto';
import { uuidV5 } from '../lib/uuid-v5';
import { signJwt, verifyJwt } from './jwt';
import { type SandboxUser, sandboxUserById } from './users';

export interface OAuthClient {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
}

export interface TokenAnswer {
  readonly token_type: 'Bearer';
  readonly expires_in: number;
  readonly access_token: string;
  readonly refresh_token: string;
  readonly server_time: number;
}

export interface OAuthFailure {
  readonly status: 400 | 401;
  readonly detail: string;
  readonly hint?: string;
}

export interface OAuthServer {
  readonly client: OAuthClient;
  issueCode(user: SandboxUser): string;
  /** POST /oauth2/access_token with either grant, body already parsed. */
  exchange(body: Readonly<Record<string, unknown>>): TokenAnswer | OAuthFailure;
  /** The user of a valid access token; 'expired' or null (not ours) otherwise. */
  accessTokenUser(token: string): SandboxUser | 'expired' | null;
  /** The user of a refresh token that could still be exchanged; null otherwise. */
  refreshTokenUser(token: string): SandboxUser | null;
  revokeRefreshTokens(): void;
}

export interface OAuthOptions {
  readonly seed: string;
  readonly accountId: number;
  readonly redirectUri: string;
  readonly accessTokenTtlSeconds: number;
  readonly clock: () => number;
  /** host:port the tokens name as `api_domain`: where the account can be looked up. */
  readonly apiDomain: () => string;
}

const codeTtlSeconds = 20 * 60;
const refreshTtlSeconds = 90 * 24 * 3600;

interface Grant {
  readonly userId: number;
  readonly expiresAt: number;
}

export function createOAuthServer(options: OAuthOptions): OAuthServer {
  const digest = createHash('sha256').update(`amo-sandbox-oauth:${options.seed}`).digest('hex');
  // Derived from the seed, like the long-lived tokens: the same integration on every run.
  const client: OAuthClient = {
    clientId: uuidV5(`amo-sandbox-client:${options.seed}`),
    clientSecret: digest.slice(0, 64),
    redirectUri: options.redirectUri,
  };
  // A new signing key per start: access tokens do not outlive the server that issued them.
  const signingKey = randomBytes(32);
  const codes = new Map<string, Grant>();
  const refreshTokens = new Map<string, Grant>();
  const now = () => Math.floor(options.clock());

  const issueTokens = (userId: number): TokenAnswer => {
    const issuedAt = now();
    const accessToken = signJwt(
      {
        aud: client.clientId,
        jti: randomBytes(16).toString('hex'),
        iat: issuedAt,
        nbf: issuedAt,
        exp: issuedAt + options.accessTokenTtlSeconds,
        sub: String(userId),
        grant_type: '',
        account_id: options.accountId,
        user_id: userId,
        api_domain: options.apiDomain(),
      },
      signingKey,
    );
    const refreshToken = `def50200${randomBytes(48).toString('hex')}`;
    refreshTokens.set(refreshToken, { userId, expiresAt: issuedAt + refreshTtlSeconds });
    return {
      token_type: 'Bearer',
      expires_in: options.accessTokenTtlSeconds,
      access_token: accessToken,
      refresh_token: refreshToken,
      server_time: issuedAt,
    };
  };

  const liveRefresh = (token: string): Grant | null => {
    const grant = refreshTokens.get(token);
    return grant && grant.expiresAt > now() ? grant : null;
  };

  return {
    client,
    issueCode(user) {
      const code = `def50200${randomBytes(64).toString('hex')}`;
      codes.set(code, { userId: user.id, expiresAt: now() + codeTtlSeconds });
      return code;
    },
    exchange(body) {
      if (body['client_id'] !== client.clientId || body['client_secret'] !== client.clientSecret) {
        return { status: 401, detail: 'Client authentication failed', hint: 'client_id or client_secret' };
      }
      if ('redirect_uri' in body && body['redirect_uri'] !== client.redirectUri) {
        return { status: 400, detail: 'redirect_uri does not match the integration', hint: 'redirect_uri' };
      }
      if (body['grant_type'] === 'authorization_code') {
        if (body['redirect_uri'] === undefined) return { status: 400, detail: 'redirect_uri is required' };
        const code = typeof body['code'] === 'string' ? body['code'] : '';
        const grant = codes.get(code);
        codes.delete(code);
        if (!grant) return { status: 400, detail: 'Authorization code has been revoked', hint: 'code' };
        if (grant.expiresAt <= now()) return { status: 400, detail: 'Authorization code has expired', hint: 'code' };
        return issueTokens(grant.userId);
      }
      if (body['grant_type'] === 'refresh_token') {
        const token = typeof body['refresh_token'] === 'string' ? body['refresh_token'] : '';
        const grant = liveRefresh(token);
        // Single-use across every client: the old token dies as the new pair is made.
        refreshTokens.delete(token);
        if (!grant) return { status: 401, detail: 'Token has been revoked', hint: 'refresh_token' };
        return issueTokens(grant.userId);
      }
      return { status: 400, detail: 'grant_type must be authorization_code or refresh_token', hint: 'grant_type' };
    },
    accessTokenUser(token) {
      const payload = verifyJwt(token, signingKey);
      if (!payload || typeof payload['user_id'] !== 'number' || typeof payload['exp'] !== 'number') return null;
      if (payload['exp'] <= now()) return 'expired';
      return sandboxUserById(payload['user_id']) ?? null;
    },
    refreshTokenUser(token) {
      const grant = liveRefresh(token);
      return grant ? (sandboxUserById(grant.userId) ?? null) : null;
    },
    revokeRefreshTokens: () => refreshTokens.clear(),
  };
}
