/** Navigation, new windows, permissions and webviews, decided by pure functions with injected effects. */
// biome-ignore lint/style/noRestrictedImports: a type only, erased at run time; the test never loads electron
import type { BrowserWindow, Session } from 'electron';
import { describe, expect, it } from 'vitest';
import {
  denyPermissionCheck,
  denyPermissionRequest,
  lockDownSession,
  lockDownWindow,
  navigationGuard,
  windowOpenHandler,
} from '../../../src/main/electron/window-security';
import { fakeWindow, navigation } from './fake-window';

describe('navigationGuard', () => {
  it('lets our page reload itself and stops everything else', () => {
    const guard = navigationGuard();
    const stopped = (url: string) => {
      const event = navigation(url);
      guard(event, url);
      return event.prevented;
    };
    expect(stopped('app://amo-phonebook/desktop/index.html')).toBe(false);
    for (const url of [
      'https://evil.example/',
      'app://amo-phonebook.evil/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'http://localhost:5173/',
    ]) {
      expect(stopped(url), url).toBe(true);
    }
  });

  it('allows the dev server only when one is running', () => {
    const guard = navigationGuard('http://localhost:5173');
    const event = navigation('http://localhost:5173/desktop/index.html');
    guard(event, event.url);
    expect(event.prevented).toBe(false);
  });
});

describe('windowOpenHandler', () => {
  it('always denies a new window; opens validated http(s) links in the system browser', async () => {
    const opened: string[] = [];
    const handler = windowOpenHandler(async (url) => {
      opened.push(url);
    });
    for (const url of [
      'https://www.amocrm.ru/',
      'http://example.com/x',
      'file:///etc/passwd',
      'smb://host/share',
      'https://u:p@example.com/',
    ]) {
      expect(handler({ url })).toEqual({ action: 'deny' });
    }
    await Promise.resolve();
    expect(opened).toEqual(['https://www.amocrm.ru/', 'http://example.com/x']);
  });

  it('survives the system browser failing to open', async () => {
    const handler = windowOpenHandler(() => Promise.reject(new Error('no browser')));
    expect(handler({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });
});

describe('permissions', () => {
  it('denies every request and every check', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | null = null;
      denyPermissionRequest(null, permission, (answer) => {
        granted = answer;
      });
      expect(granted, permission).toBe(false);
    }
    expect(denyPermissionCheck()).toBe(false);
  });

  it('installs both handlers on a session', () => {
    const installed: string[] = [];
    lockDownSession({
      setPermissionRequestHandler: (handler: unknown) => {
        installed.push(handler === denyPermissionRequest ? 'request' : 'other');
      },
      setPermissionCheckHandler: (handler: unknown) => {
        installed.push(handler === denyPermissionCheck ? 'check' : 'other');
      },
    } as unknown as Session);
    expect(installed).toEqual(['request', 'check']);
  });
});

describe('lockDownWindow', () => {
  it('guards will-navigate and will-redirect, prevents webviews, denies new windows', () => {
    const window = fakeWindow();
    const opened: string[] = [];
    lockDownWindow(window as unknown as BrowserWindow, async (url) => {
      opened.push(url);
    });
    for (const event of ['will-navigate', 'will-redirect']) {
      const away = navigation('https://evil.example/');
      window.emit(event, away);
      expect(away.prevented, event).toBe(true);
      const home = navigation('app://amo-phonebook/');
      window.emit(event, home);
      expect(home.prevented, event).toBe(false);
    }
    const webview = navigation('');
    window.emit('will-attach-webview', webview);
    expect(webview.prevented).toBe(true);
    expect(window.state.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });
});
