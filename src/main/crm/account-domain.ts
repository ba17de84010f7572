/**
 * Following a renamed account. amoCRM lets an account change its subdomain; the old address
 * then stops answering. The account id stays, and the shared API host named in the access
 * token (`api_domain`) tells where the account lives now.
 */
import { z } from 'zod';
import { type AmoHttpOptions, amoGet } from './amo-http';
import { parseAccountBaseUrl } from './base-url';

const answerSchema = z.object({ id: z.number(), domain: z.string().min(1) }).passthrough();

/** The `api_domain` claim of a JWT access token, or null when the token is not one. */
export function apiDomainOf(accessToken: string): string | null {
  const payload = accessToken.split('.')[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { api_domain?: unknown };
    return typeof claims.api_domain === 'string' && /^[a-z0-9.-]+(?::\d+)?$/i.test(claims.api_domain)
      ? claims.api_domain
      : null;
  } catch {
    return null;
  }
}

/**
 * Asks the API host where account `accountId` lives now; null when it cannot say or names
 * another account. `apiBaseUrl` must already be a vetted origin (https, or loopback http).
 */
export async function currentAccountBaseUrl(http: AmoHttpOptions, accountId: number): Promise<string | null> {
  const answer = await amoGet(http, '/oauth2/account/subdomain');
  const parsed = answer.status === 200 ? answerSchema.safeParse(answer.body) : null;
  if (!parsed?.success || parsed.data.id !== accountId) return null;
  const scheme = new URL(http.baseUrl).protocol;
  try {
    return parseAccountBaseUrl(`${scheme}//${parsed.data.domain}`);
  } catch {
    return null;
  }
}
