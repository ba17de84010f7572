/**
 * The OAuth consent window with a fake BrowserWindow: the redirect caught on every kind of
 * navigation, its state checked, the window closed; closing it first cancels.
 */
import { describe, expect, it } from 'vitest';
import type { OpenConsentWindow } from '../../../src/main/crm/consent';
import {
  type ConsentWindow,
  createConsentWindowOpener,
  isRedirectTo,
  stateMatches,
} from '../../../src/main/electron/consent-window';
import { accountTokenKey } from '../../../src/main/secrets/secret-store';
import { syncWorld } from '../sync/sync-world';
import { fakeWindow, navigation } from './fake-window';

const redirectUri = 'https://amo-phonebook.example/oauth/callback';
const consent = 'https://www.amocrm.ru/oauth?client_id=c&state=S1&mode=post_message';

function opener(window = fakeWindow()) {
  const partitions: string[] = [];
  const opened: string[] = [];
  const open = createConsentWindowOpener({
    createWindow: (partition) => {
      partitions.push(partition);
      return window as unknown as ConsentWindow;
    },
    openExternal: async (url) => {
      opened.push(url);
    },
  });
  return { open, window, partitions, opened };
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: { code?: string }) => error.code,
  );

describe('isRedirectTo / stateMatches', () => {
  it('matches the redirect URI by origin and path, whatever the query', () => {
    expect(isRedirectTo(`${redirectUri}?code=1`, redirectUri)).toBe(true);
    expect(isRedirectTo('https://amo-phonebook.example/oauth/callback2?code=1', redirectUri)).toBe(false);
    expect(isRedirectTo('https://amo-phonebook.example.evil/oauth/callback', redirectUri)).toBe(false);
    expect(isRedirectTo('http://amo-phonebook.example/oauth/callback', redirectUri)).toBe(false);
    expect(isRedirectTo('not a url', redirectUri)).toBe(false);
  });

  it('requires the state that was sent', () => {
    expect(stateMatches(`${redirectUri}?state=S1`, consent)).toBe(true);
    expect(stateMatches(`${redirectUri}?state=S2`, consent)).toBe(false);
    expect(stateMatches(redirectUri, consent)).toBe(false);
  });
});

describe('createConsentWindowOpener', () => {
  it('opens the page in a fresh in-memory session and catches a server redirect', async () => {
    const { open, window, partitions } = opener();
    const result = open(consent, redirectUri);
    expect(window.state.loaded).toEqual([consent]);
    expect(partitions).toHaveLength(1);
    expect(partitions[0]).not.toMatch(/^persist:/);

    // amoCRM's own pages navigate freely...
    const login = navigation('https://www.amocrm.ru/oauth/login');
    window.emit('will-navigate', login);
    expect(login.prevented).toBe(false);
    expect(window.state.destroyed).toBe(false);

    // ...until the redirect: stopped (the address need not exist), answered, window closed.
    const redirect = navigation(`${redirectUri}?code=abc&state=S1&referer=acme.amocrm.ru`);
    window.emit('will-redirect', redirect);
    expect(redirect.prevented).toBe(true);
    expect(await result).toBe(`${redirectUri}?code=abc&state=S1&referer=acme.amocrm.ru`);
    expect(window.state.destroyed).toBe(true);
  });

  it('catches a script navigation, and did-navigate as a backstop', async () => {
    const first = opener();
    const viaScript = first.open(consent, redirectUri);
    first.window.emit('will-navigate', navigation(`${redirectUri}?code=1&state=S1`));
    expect(await viaScript).toContain('code=1');

    const second = opener();
    const backstop = second.open(consent, redirectUri);
    second.window.emit('did-navigate', {}, `${redirectUri}?code=2&state=S1`);
    expect(await backstop).toContain('code=2');
    expect(second.window.state.destroyed).toBe(true);
  });

  it('refuses a redirect that carries another state', async () => {
    const { open, window } = opener();
    const result = open(consent, redirectUri);
    window.emit('will-redirect', navigation(`${redirectUri}?code=abc&state=FORGED`));
    expect(await codeOf(result)).toBe('AUTH_REJECTED');
    expect(window.state.destroyed).toBe(true);
  });

  it('cancels when the user closes the window, or the caller aborts', async () => {
    const closed = opener();
    const result = closed.open(consent, redirectUri);
    closed.window.close();
    expect(await codeOf(result)).toBe('CANCELLED');

    const aborted = opener();
    const controller = new AbortController();
    const pending = aborted.open(consent, redirectUri, controller.signal);
    controller.abort();
    expect(await codeOf(pending)).toBe('CANCELLED');
    expect(aborted.window.state.destroyed).toBe(true);
  });

  it('treats the load aborted by the caught redirect as normal, and a network failure as one', async () => {
    const abortedLoad = Object.assign(new Error('ERR_ABORTED (-3)'), { code: 'ERR_ABORTED' });
    const caught = opener(fakeWindow({ loadURL: () => Promise.reject(abortedLoad) }));
    const result = caught.open(consent, redirectUri);
    await Promise.resolve();
    expect(caught.window.state.destroyed).toBe(false);
    caught.window.emit('will-redirect', navigation(`${redirectUri}?code=1&state=S1`));
    expect(await result).toContain('code=1');

    const offline = Object.assign(new Error('ERR_NAME_NOT_RESOLVED'), { code: 'ERR_NAME_NOT_RESOLVED' });
    const failed = opener(fakeWindow({ loadURL: () => Promise.reject(offline) }));
    expect(await codeOf(failed.open(consent, redirectUri))).toBe('NETWORK_UNREACHABLE');
    expect(failed.window.state.destroyed).toBe(true);
  });

  it('opens no window from the page: http(s) links go to the system browser', async () => {
    const { open, window, opened } = opener();
    const result = open(consent, redirectUri);
    expect(window.state.openHandler?.({ url: 'https://www.amocrm.ru/help' })).toEqual({ action: 'deny' });
    expect(window.state.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(opened).toEqual(['https://www.amocrm.ru/help']);
    window.close();
    await codeOf(result);
  });

  it("fills the core's connectWithOAuth against the sandbox's consent page", async () => {
    // The fake page does what Chromium would: loads the consent page, which (auto-approving)
    // answers with a 302 to the redirect URI, seen by the window as will-redirect.
    let consentWindow: ReturnType<typeof fakeWindow> | null = null;
    const openConsentWindow: OpenConsentWindow = createConsentWindowOpener({
      createWindow: () => {
        consentWindow = fakeWindow({
          loadURL: async (url) => {
            const response = await fetch(url, { redirect: 'manual' });
            const location = response.headers.get('location');
            if (location) consentWindow?.emit('will-redirect', navigation(new URL(location, url).toString()));
          },
        });
        return consentWindow as unknown as ConsentWindow;
      },
      openExternal: async () => undefined,
    });
    const world = await syncWorld({ autoApprove: true }, { openConsentWindow });
    try {
      const account = await world.call('connectWithOAuth', {
        product: 'custom',
        consentBaseUrl: world.sandbox.baseUrl,
        ...world.sandbox.oauth,
      });
      expect(account).toMatchObject({ id: world.sandbox.accountId, authKind: 'oauth' });
      expect(await world.secrets.get(accountTokenKey(account.id))).toBeTruthy();
      expect((consentWindow as ReturnType<typeof fakeWindow> | null)?.state.destroyed).toBe(true);
    } finally {
      await world.close();
    }
  });
});
