/**
 * Which page is ours. Pure functions with their own tests: they decide who may call the
 * API over IPC and where the window may go.
 */

export const appScheme = 'app';
export const appHost = 'amo-phonebook';
export const appOrigin = `${appScheme}://${appHost}`;

/**
 * True only for our own UI: `app://amo-phonebook/...`, or the dev server's exact origin
 * while developing. Compared by parsed origin, never by string prefix (which
 * `app://amo-phonebook.evil` would pass).
 */
export function isTrustedAppUrl(value: unknown, devServerUrl?: string): boolean {
  if (typeof value !== 'string') return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === `${appScheme}:` && url.host === appHost) return true;
  if (devServerUrl) {
    try {
      return url.origin === new URL(devServerUrl).origin;
    } catch {
      return false;
    }
  }
  return false;
}

/** Links the user may open in the system browser: http(s) only, no credentials. */
export function externalUrlToOpen(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value);
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) return null;
    return url.toString();
  } catch {
    return null;
  }
}
