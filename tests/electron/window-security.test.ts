/**
 * The real window, in the real Electron: served from app://, sandboxed, no Node in the
 * page, navigation and new windows stopped (http(s) links handed to the system browser),
 * permissions denied, the CSP header sent, the API answering through the preload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type RunningApp } from './electron-app';

let running: RunningApp;

/** The page's globals, typed loosely: the Node tsconfig that checks tests has no DOM types. */
type PageGlobals = {
  location: { href: string };
  open(url: string, target: string): unknown;
  amoPhonebook?: { getAppInfo(input: object): Promise<unknown> };
  require?: unknown;
  process?: unknown;
  Notification: { requestPermission(): Promise<string> };
};

beforeAll(async () => {
  running = await launchApp();
  // Record links instead of opening a browser on the test machine.
  await running.app.evaluate(({ shell }) => {
    const opened: string[] = [];
    (globalThis as { __opened?: string[] }).__opened = opened;
    shell.openExternal = async (url: string) => {
      opened.push(url);
    };
  });
});

afterAll(async () => {
  await running?.close();
});

describe('the Electron window', () => {
  it('loads our UI from app://, with the preload bridge and no Node', async () => {
    const { page } = running;
    expect(page.url()).toBe('app://amo-phonebook/');
    await page.waitForSelector('#root > *');
    expect(
      await page.evaluate(() => {
        const page = globalThis as unknown as PageGlobals;
        return { bridge: typeof page.amoPhonebook, require: typeof page.require, process: typeof page.process };
      }),
    ).toEqual({ bridge: 'object', require: 'undefined', process: 'undefined' });
  });

  it('runs with the hardened webPreferences', async () => {
    const preferences = await running.app.evaluate(({ BrowserWindow }) => {
      const [window] = BrowserWindow.getAllWindows();
      // Untyped but present: what the renderer was really created with.
      const prefs = (
        window?.webContents as unknown as
          | {
              getLastWebPreferences(): {
                contextIsolation?: boolean;
                sandbox?: boolean;
                nodeIntegration?: boolean;
                webviewTag?: boolean;
              };
            }
          | undefined
      )?.getLastWebPreferences();
      return {
        contextIsolation: prefs?.contextIsolation,
        sandbox: prefs?.sandbox,
        nodeIntegration: prefs?.nodeIntegration,
        webviewTag: prefs?.webviewTag,
      };
    });
    expect(preferences).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
  });

  it('answers the API through the preload', async () => {
    const info = await running.page.evaluate(() => (globalThis as unknown as PageGlobals).amoPhonebook?.getAppInfo({}));
    expect(info).toMatchObject({ ok: true, value: { face: 'electron', dataDir: running.dataDir } });
  });

  it('sends the CSP header and refuses paths outside the UI', async () => {
    const result = await running.page.evaluate(async () => {
      const page = await fetch('app://amo-phonebook/');
      const outside = await fetch('app://amo-phonebook/..%2f..%2fpackage.json');
      return { csp: page.headers.get('content-security-policy'), escape: outside.status };
    });
    expect(result.csp).toContain("script-src 'self'");
    expect(result.escape).toBe(404);
  });

  it('stays on app:// when the page tries to navigate away', async () => {
    const { page } = running;
    await page.evaluate(() => {
      (globalThis as unknown as PageGlobals).location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe('app://amo-phonebook/');
  });

  it('opens no new window; hands http(s) links to the system browser and drops the rest', async () => {
    const { app, page } = running;
    await page.evaluate(() => {
      const page = globalThis as unknown as PageGlobals;
      page.open('https://www.amocrm.ru/', '_blank');
      page.open('file:///etc/passwd', '_blank');
    });
    await page.waitForTimeout(500);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    expect(await app.evaluate(() => (globalThis as { __opened?: string[] }).__opened)).toEqual([
      'https://www.amocrm.ru/',
    ]);
  });

  it('denies permissions', async () => {
    expect(
      await running.page.evaluate(() => (globalThis as unknown as PageGlobals).Notification.requestPermission()),
    ).toBe('denied');
  });
});
