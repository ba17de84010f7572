/** Who counts as our own page, and which links may leave the app. */
import { describe, expect, it } from 'vitest';
import { externalUrlToOpen, isTrustedAppUrl } from '../../../src/main/electron/app-origin';

describe('isTrustedAppUrl', () => {
  it('trusts app://amo-phonebook only, compared by parsed origin', () => {
    expect(isTrustedAppUrl('app://amo-phonebook/desktop/index.html')).toBe(true);
    for (const url of [
      'app://amo-phonebook.evil/x',
      'app://other/x',
      'https://amo-phonebook/',
      'file:///etc/passwd',
      'app://user:pw@amo-phonebook/',
      '',
      42,
      undefined,
      'not a url',
    ]) {
      expect(isTrustedAppUrl(url), String(url)).toBe(false);
    }
  });

  it('trusts the dev server origin only when one is given', () => {
    expect(isTrustedAppUrl('http://localhost:5173/desktop/index.html', 'http://localhost:5173')).toBe(true);
    expect(isTrustedAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isTrustedAppUrl('http://localhost:5173/')).toBe(false);
  });
});

describe('externalUrlToOpen', () => {
  it('opens http(s) links and nothing else', () => {
    expect(externalUrlToOpen('https://www.amocrm.ru/help')).toBe('https://www.amocrm.ru/help');
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'https://u:p@example.com',
      'ms-settings:network',
      null,
    ]) {
      expect(externalUrlToOpen(url), String(url)).toBeNull();
    }
  });
});
