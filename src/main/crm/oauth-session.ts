/**
 * An OAuth sign-in that keeps itself fresh.
 *
 * amoCRM's refresh tokens are single-use across every client: two refreshes racing with the
 * same token brick the session. So refreshing is single-flight (concurrent callers share
 * one), the new pair is saved before anyone uses it, and a token that a 401 rejected is
 * refreshed at most once; then the user is asked to connect again.
 */
import type { AccountAuth } from './account-auth';
import type { OAuthCredentials } from './credentials';
import { requestTokens, type TokenEndpointHttp } from './oauth-client';

export interface OAuthSessionOptions {
  readonly http: TokenEndpointHttp;
  readonly load: () => Promise<OAuthCredentials>;
  /** Must durably store the pair before returning: the old refresh token is already dead. */
  readonly save: (credentials: OAuthCredentials) => Promise<void>;
  readonly now: () => number;
  /** Refresh this long before expiry, so a long sync does not meet a 401 halfway. */
  readonly earlyMs?: number;
}

export function createOAuthSession(options: OAuthSessionOptions): AccountAuth {
  let refreshing: Promise<OAuthCredentials> | null = null;
  const earlyMs = options.earlyMs ?? 5 * 60_000;

  function refresh(current: OAuthCredentials): Promise<OAuthCredentials> {
    refreshing ??= (async () => {
      try {
        const next = await requestTokens(
          options.http,
          current,
          { grant: 'refresh_token', refreshToken: current.refreshToken },
          options.now,
        );
        await options.save(next);
        return next;
      } finally {
        refreshing = null;
      }
    })();
    return refreshing;
  }

  return {
    async token() {
      if (refreshing !== null) return (await refreshing).accessToken;
      const current = await options.load();
      if (current.expiresAt - earlyMs > options.now()) return current.accessToken;
      return (await refresh(current)).accessToken;
    },
    async renew(rejected) {
      if (refreshing !== null) return (await refreshing).accessToken;
      const current = await options.load();
      // Someone already refreshed since this token was sent: use theirs.
      if (current.accessToken !== rejected) return current.accessToken;
      try {
        return (await refresh(current)).accessToken;
      } catch {
        return null;
      }
    },
  };
}
