/**
 * Locking a window down: no navigation away from our UI, no new windows (http(s) links go
 * to the system browser, checked first), no permissions, no webviews.
 *
 * The decisions are small pure functions with their effects injected (`open`), so they are
 * tested without Electron; `lockDownWindow`/`lockDownSession` only attach them.
 */
import type { BrowserWindow, Session } from 'electron';
import { externalUrlToOpen, isTrustedAppUrl } from './app-origin';

interface Preventable {
  preventDefault(): void;
}

/**
 * For `will-navigate` and `will-redirect`: our own page may reload itself; anything else
 * is stopped. A link the user meant to follow still opens, in the system browser, through
 * the window-open handler (the renderer uses target=_blank for external links).
 */
export function navigationGuard(devServerUrl?: string): (event: Preventable, url: string) => void {
  return (event, url) => {
    if (!isTrustedAppUrl(url, devServerUrl)) event.preventDefault();
  };
}

/**
 * For `setWindowOpenHandler`: never a new Electron window. A validated http(s) link goes to
 * the system browser, where the user's own browser security applies; anything else
 * (file:, smb:, custom schemes that launch programs) is dropped.
 */
export function windowOpenHandler(open: (url: string) => Promise<void>): (details: { url: string }) => {
  action: 'deny';
} {
  return ({ url }) => {
    const external = externalUrlToOpen(url);
    if (external) open(external).catch(() => undefined);
    return { action: 'deny' };
  };
}

/** Camera, microphone, notifications, geolocation, clipboard reads...: the app needs none. */
export function denyPermissionRequest(_contents: unknown, _permission: string, callback: (granted: boolean) => void) {
  callback(false);
}

export function denyPermissionCheck(): boolean {
  return false;
}

export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler(denyPermissionRequest);
  session.setPermissionCheckHandler(denyPermissionCheck);
}

export function lockDownWindow(
  window: BrowserWindow,
  open: (url: string) => Promise<void>,
  devServerUrl?: string,
): void {
  const contents = window.webContents;
  const guard = navigationGuard(devServerUrl);
  contents.on('will-navigate', (event) => guard(event, event.url));
  contents.on('will-redirect', (event) => guard(event, event.url));
  // Webviews are off in webPreferences; this also stops one injected by a compromised page.
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(windowOpenHandler(open));
}
