/**
 * The OAuth consent window: fills the core's `OpenConsentWindow` (src/main/crm/consent.ts).
 *
 * amoCRM's consent page runs in its own window, in a session of its own (an in-memory
 * partition, new each time: nothing of it is kept, and it never sees the app's session),
 * with no preload, so the page gets no path into the app. The window watches every
 * navigation; the moment one heads for the registered redirect URL it is stopped (that
 * address need not exist), its `state` is compared with the one sent, and the window
 * closes. Closing the window first rejects with CANCELLED.
 *
 * The window is made by an injected factory, so all of this is tested with a fake.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { OpenConsentWindow } from '../crm/consent';
import { windowOpenHandler } from './window-security';

interface NavigationEvent {
  readonly url: string;
  preventDefault(): void;
}

/** The part of a BrowserWindow this needs. */
export interface ConsentWindow {
  readonly webContents: {
    on(event: 'will-navigate' | 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
    on(event: 'did-navigate', listener: (event: unknown, url: string) => void): unknown;
    setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  };
  loadURL(url: string): Promise<void>;
  close(): void;
  isDestroyed(): boolean;
  once(event: 'closed', listener: () => void): unknown;
}

export interface ConsentWindowDeps {
  /** Makes a window whose session is `partition` (not prefixed `persist:`: in memory). */
  readonly createWindow: (partition: string) => ConsentWindow;
  /** For links on the consent page that open new windows (help, terms): the system browser. */
  readonly openExternal: (url: string) => Promise<void>;
}

/** True when `candidate` is the redirect URI: same origin and path, any query. */
export function isRedirectTo(candidate: string, redirectUri: string): boolean {
  try {
    const url = new URL(candidate);
    const target = new URL(redirectUri);
    return url.origin === target.origin && url.pathname === target.pathname;
  } catch {
    return false;
  }
}

/** The `state` sent in the consent URL must come back unchanged; else the answer is not ours. */
export function stateMatches(redirectedTo: string, consentUrl: string): boolean {
  const sent = new URL(consentUrl).searchParams.get('state');
  if (sent === null) return true;
  return new URL(redirectedTo).searchParams.get('state') === sent;
}

export function createConsentWindowOpener(deps: ConsentWindowDeps): OpenConsentWindow {
  return (url, redirectUri, signal) =>
    new Promise<string>((resolve, reject) => {
      if (signal?.aborted) {
        reject(new AppError('CANCELLED', 'The amoCRM sign-in was cancelled'));
        return;
      }
      const window = deps.createWindow(`consent-${randomUUID()}`);
      let settled = false;
      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        outcome();
        if (!window.isDestroyed()) window.close();
      };
      const onAbort = () => finish(() => reject(new AppError('CANCELLED', 'The amoCRM sign-in was cancelled')));
      const catchRedirect = (target: string, event?: NavigationEvent) => {
        if (!isRedirectTo(target, redirectUri)) return;
        event?.preventDefault();
        if (stateMatches(target, url)) finish(() => resolve(target));
        else
          finish(() =>
            reject(
              new AppError(
                'AUTH_REJECTED',
                'The answer from amoCRM does not belong to this connection attempt; start again',
              ),
            ),
          );
      };

      signal?.addEventListener('abort', onAbort, { once: true });
      // A server redirect (302) arrives as will-redirect; a script or form as will-navigate;
      // did-navigate is the backstop should either be missed.
      window.webContents.on('will-redirect', (event) => catchRedirect(event.url, event));
      window.webContents.on('will-navigate', (event) => catchRedirect(event.url, event));
      window.webContents.on('did-navigate', (_event, target) => catchRedirect(target));
      window.webContents.setWindowOpenHandler(windowOpenHandler(deps.openExternal));
      window.once('closed', () =>
        finish(() =>
          reject(new AppError('CANCELLED', 'The amoCRM sign-in window was closed before access was granted')),
        ),
      );
      window.loadURL(url).catch((error: unknown) => {
        // Stopping the redirect aborts the load (ERR_ABORTED), as does the user clicking on
        // before the page finished: neither is a failure. A network error is.
        if ((error as { code?: unknown } | null)?.code === 'ERR_ABORTED') return;
        finish(() =>
          reject(
            new AppError('NETWORK_UNREACHABLE', 'The amoCRM sign-in page could not be opened; check the connection'),
          ),
        );
      });
    });
}
