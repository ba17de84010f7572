/**
 * Which addresses an account may be connected at. A pure function with its own tests:
 * tokens are sent to this address, so it decides where the user's credentials go.
 */
import { AppError } from '../../shared/errors';

/** amoCRM (Russia) and Kommo (international) serve each account on its own subdomain. */
const knownCrmSuffixes = ['.amocrm.ru', '.kommo.com', '.amocrm.com'] as const;

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1') return true;
  return /^127(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * Turns what a user typed ("acme.amocrm.ru", "https://acme.kommo.com/leads") into the
 * account's origin. Plain http is accepted only on loopback (the sandbox), never across a
 * network, where it would expose the token.
 */
export function parseAccountBaseUrl(input: string): string {
  const trimmed = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new AppError('INVALID_URL', `"${input}" is not a web address`, { url: input });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError('INVALID_URL', `"${input}" must start with https://`, { url: input });
  }
  if (url.username || url.password) {
    throw new AppError('INVALID_URL', 'The address must not contain a user name or password', { url: input });
  }
  const host = url.hostname.toLowerCase();
  if (knownCrmSuffixes.some((suffix) => host === `www${suffix}`)) {
    throw new AppError(
      'INVALID_URL',
      `${host} is the shared site, not an account: use your account's own address, such as acme${host.slice(3)}`,
      { url: input },
    );
  }
  if (url.protocol === 'http:' && !isLoopbackHost(host)) {
    throw new AppError(
      'INSECURE_URL',
      `Refusing plain http:// for ${host}: the token would cross the network unencrypted. Use https://`,
      { url: input },
    );
  }
  return url.origin;
}
