/**
 * Locking a window down: no navigation away from our UI, no new windows (http(s) links go
 * to the system browser, checked first), no permissions, no webviews.
 */
import type { BrowserWindow, Session, Shell } from 'electron';
import { externalUrlToOpen, isTrustedAppUrl } from './app-origin';

export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export function lockDownWindow(window: BrowserWindow, shell: Shell, devServerUrl?: string): void {
  const contents = window.webContents;
  const blockNavigation = (event: { preventDefault(): void }, url: string) => {
    if (!isTrustedAppUrl(url, devServerUrl)) event.preventDefault();
  };
  contents.on('will-navigate', blockNavigation);
  contents.on('will-redirect', blockNavigation);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const external = externalUrlToOpen(url);
    if (external) void shell.openExternal(external);
    return { action: 'deny' };
  });
}
