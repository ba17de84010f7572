/**
 * A stand-in for the browser window of amoCRM's consent page: "Allow" as the given sandbox user,
 * then the redirect, as a person clicking through it would. For the team set-up's tests and
 * benchmarks, where each colleague signs in as themselves.
 */
import type { OpenConsentWindow } from '../../src/main/crm/consent';

export function consentAs(userKey: string, seen: string[] = []): OpenConsentWindow {
  return async (url) => {
    seen.push(url);
    const page = new URL(url);
    const allow = new URL('/oauth/allow', page.origin);
    allow.searchParams.set('client_id', page.searchParams.get('client_id') ?? '');
    allow.searchParams.set('state', page.searchParams.get('state') ?? '');
    allow.searchParams.set('user', userKey);
    const answer = await fetch(allow, { redirect: 'manual' });
    return answer.headers.get('location') ?? '';
  };
}
