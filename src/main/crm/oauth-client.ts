/**
 * The token endpoint, `POST https://{account}/oauth2/access_token`: an authorization code
 * or a refresh token in, a new access and refresh pair out. Refresh tokens are single-use
 * everywhere: the caller must store the new pair before using it.
 */
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { type AmoHttpOptions, amoRequest } from './amo-http';
import type { OAuthCredentials } from './credentials';

const tokenAnswerSchema = z.object({
  token_type: z.string().optional(),
  expires_in: z.number().positive(),
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
});

export interface Integration {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
}

type Grant =
  | { readonly grant: 'authorization_code'; readonly code: string }
  | { readonly grant: 'refresh_token'; readonly refreshToken: string };

/** Anonymous requests (no bearer) through the account's limiter. */
export type TokenEndpointHttp = Omit<AmoHttpOptions, 'auth'>;

export async function requestTokens(
  http: TokenEndpointHttp,
  integration: Integration,
  grant: Grant,
  now: () => number,
): Promise<OAuthCredentials> {
  const host = new URL(http.baseUrl).host;
  const body = {
    client_id: integration.clientId,
    client_secret: integration.clientSecret,
    redirect_uri: integration.redirectUri,
    grant_type: grant.grant,
    ...(grant.grant === 'authorization_code' ? { code: grant.code } : { refresh_token: grant.refreshToken }),
  };
  let answer: Awaited<ReturnType<typeof amoRequest>>;
  try {
    answer = await amoRequest(
      { ...http, auth: { token: async () => '', renew: async () => null } },
      { method: 'POST', path: '/oauth2/access_token', body, authorized: false },
    );
  } catch (error) {
    if (error instanceof AppError && (error.code === 'AUTH_REJECTED' || error.params['status'] === 400)) {
      throw new AppError(
        'AUTH_REJECTED',
        grant.grant === 'authorization_code'
          ? `${host} refused the authorization code: it is used, expired, or for another integration. Connect again`
          : `${host} no longer accepts this sign-in (the refresh token was revoked or expired). Connect the account again`,
        { host },
        { cause: error },
      );
    }
    throw error;
  }
  const parsed = answer.status === 200 ? tokenAnswerSchema.safeParse(answer.body) : null;
  if (!parsed?.success)
    throw new AppError('BAD_RESPONSE', `${host} answered the token request without tokens`, { host });
  return {
    kind: 'oauth',
    accessToken: parsed.data.access_token,
    refreshToken: parsed.data.refresh_token,
    expiresAt: now() + parsed.data.expires_in * 1000,
    // Named one by one: callers may pass a whole credentials object as the integration.
    clientId: integration.clientId,
    clientSecret: integration.clientSecret,
    redirectUri: integration.redirectUri,
  };
}
