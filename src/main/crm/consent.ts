/**
 * The OAuth consent flow: the URL that opens amoCRM's (or Kommo's) consent screen, and
 * reading the redirect it sends back. Pure functions; the window that shows the page is
 * injected by the face (Electron opens one; the CLI prints the URL).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../shared/errors';
import { isLoopbackHost } from './base-url';

export type ConsentProduct = 'amocrm' | 'kommo' | 'custom';

const consentSites: Readonly<Record<Exclude<ConsentProduct, 'custom'>, string>> = {
  amocrm: 'https://www.amocrm.ru',
  kommo: 'https://www.kommo.com',
};

const accountHostPattern = /^[a-z0-9-]+\.(?:amocrm\.ru|kommo\.com|amocrm\.com)$/i;

/**
 * Opens `url` for the user and resolves with the full URL the browser was redirected to
 * once it starts with `redirectUri`. Filled in by each face.
 */
export type OpenConsentWindow = (url: string, redirectUri: string, signal?: AbortSignal) => Promise<string>;

export function newState(): string {
  return randomBytes(24).toString('base64url');
}

export function consentUrl(product: ConsentProduct, clientId: string, state: string, customBase?: string): string {
  const base = product === 'custom' ? customBase : consentSites[product];
  if (!base) throw new AppError('INVALID_INPUT', 'A custom consent site needs its address');
  const url = new URL('/oauth', base);
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('state', state);
  url.searchParams.set('mode', 'post_message');
  return url.toString();
}

export interface ConsentResult {
  readonly code: string;
  /** The account's own address, from the `referer` amoCRM adds to the redirect. */
  readonly accountBaseUrl: string;
}

/**
 * Checks the redirect: it must be for our redirect URI, carry the state we sent (else it
 * may be a forged redirect), a code, and a referer that is an amoCRM/Kommo account (or a
 * loopback sandbox, when the consent site itself was one).
 */
export function readConsentRedirect(
  redirectedTo: string,
  expected: { redirectUri: string; state: string; allowLoopback: boolean },
): ConsentResult {
  let url: URL;
  try {
    url = new URL(redirectedTo);
  } catch {
    throw new AppError('INVALID_INPUT', 'That is not the address amoCRM sent you back to', { reason: 'notRedirect' });
  }
  const target = new URL(expected.redirectUri);
  if (url.origin !== target.origin || url.pathname !== target.pathname) {
    throw new AppError('INVALID_INPUT', `The address must start with ${expected.redirectUri}`, {
      reason: 'otherRedirect',
      redirectUri: expected.redirectUri,
    });
  }
  const error = url.searchParams.get('error');
  if (error)
    throw new AppError('AUTH_REJECTED', `amoCRM did not grant access (${error.slice(0, 100)})`, { host: target.host });
  const state = url.searchParams.get('state') ?? '';
  if (!sameSecret(state, expected.state)) {
    throw new AppError(
      'AUTH_REJECTED',
      'The answer from amoCRM does not belong to this connection attempt; start again',
      { host: target.host },
    );
  }
  const code = url.searchParams.get('code');
  const referer = (url.searchParams.get('referer') ?? '').toLowerCase();
  if (!code || !referer)
    throw new AppError('BAD_RESPONSE', 'amoCRM sent no authorization code or account address', { host: target.host });
  const hostname = referer.replace(/:\d+$/, '');
  if (accountHostPattern.test(referer)) return { code, accountBaseUrl: `https://${referer}` };
  if (expected.allowLoopback && isLoopbackHost(hostname)) return { code, accountBaseUrl: `http://${referer}` };
  throw new AppError('BAD_RESPONSE', `amoCRM named an unexpected account address: ${referer.slice(0, 100)}`, {
    host: target.host,
  });
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
