/** The OAuth consent URL, and reading amoCRM's redirect back safely. */
import { describe, expect, it } from 'vitest';
import { consentUrl, newState, readConsentRedirect } from '../../../src/main/crm/consent';
import { AppError } from '../../../src/shared/errors';

const redirectUri = 'https://amo-phonebook.example/oauth/callback';

function codeOf(run: () => unknown): string {
  try {
    run();
    return 'accepted';
  } catch (error) {
    return error instanceof AppError ? error.code : 'other';
  }
}

describe('consent flow', () => {
  it("opens amoCRM's or Kommo's shared consent site with the client id and a fresh random state", () => {
    const a = newState();
    const b = newState();
    expect(a).not.toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(32);
    const amocrm = new URL(consentUrl('amocrm', 'client-1', a));
    expect(amocrm.origin).toBe('https://www.amocrm.ru');
    expect(amocrm.pathname).toBe('/oauth');
    expect(Object.fromEntries(amocrm.searchParams)).toEqual({ client_id: 'client-1', state: a, mode: 'post_message' });
    expect(new URL(consentUrl('kommo', 'c', a)).origin).toBe('https://www.kommo.com');
    expect(new URL(consentUrl('custom', 'c', a, 'http://127.0.0.1:4000')).origin).toBe('http://127.0.0.1:4000');
    expect(codeOf(() => consentUrl('custom', 'c', a))).toBe('INVALID_INPUT');
  });

  it('takes the code and the account address from a genuine redirect', () => {
    const state = newState();
    const result = readConsentRedirect(`${redirectUri}?code=def502&state=${state}&referer=acme.amocrm.ru`, {
      redirectUri,
      state,
      allowLoopback: false,
    });
    expect(result).toEqual({ code: 'def502', accountBaseUrl: 'https://acme.amocrm.ru' });
    expect(
      readConsentRedirect(`${redirectUri}?code=x&state=${state}&referer=Shop.Kommo.com`, {
        redirectUri,
        state,
        allowLoopback: false,
      }).accountBaseUrl,
    ).toBe('https://shop.kommo.com');
  });

  it('refuses a forged or foreign redirect: wrong state, another redirect URI, a refusal, no code, a strange account', () => {
    const state = newState();
    const check = (url: string, allowLoopback = false) =>
      codeOf(() => readConsentRedirect(url, { redirectUri, state, allowLoopback }));
    expect(check(`${redirectUri}?code=x&state=${state}x&referer=acme.amocrm.ru`)).toBe('AUTH_REJECTED');
    expect(check(`${redirectUri}?code=x&referer=acme.amocrm.ru`)).toBe('AUTH_REJECTED');
    expect(check(`https://evil.example/oauth/callback?code=x&state=${state}&referer=acme.amocrm.ru`)).toBe(
      'INVALID_INPUT',
    );
    expect(check(`${redirectUri}?error=access_denied&state=${state}`)).toBe('AUTH_REJECTED');
    expect(check(`${redirectUri}?state=${state}&referer=acme.amocrm.ru`)).toBe('BAD_RESPONSE');
    expect(check(`${redirectUri}?code=x&state=${state}&referer=evil.example`)).toBe('BAD_RESPONSE');
    expect(check(`${redirectUri}?code=x&state=${state}&referer=acme.amocrm.ru.evil.example`)).toBe('BAD_RESPONSE');
    // A loopback account only when the consent site itself was the local sandbox.
    expect(check(`${redirectUri}?code=x&state=${state}&referer=127.0.0.1:4000`)).toBe('BAD_RESPONSE');
    expect(check(`${redirectUri}?code=x&state=${state}&referer=127.0.0.1:4000`, true)).toBe('accepted');
    expect(check('not a url')).toBe('INVALID_INPUT');
  });
});
