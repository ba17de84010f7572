/** Where tokens may be sent: https everywhere, plain http only on loopback. */
import { describe, expect, it } from 'vitest';
import { isLoopbackHost, parseAccountBaseUrl } from '../../../src/main/crm/base-url';
import { AppError } from '../../../src/shared/errors';

function codeOf(input: string): string {
  try {
    parseAccountBaseUrl(input);
    return 'accepted';
  } catch (error) {
    return error instanceof AppError ? error.code : 'other';
  }
}

describe('parseAccountBaseUrl', () => {
  it('accepts amoCRM and Kommo accounts as typed, keeping only the origin', () => {
    expect(parseAccountBaseUrl('acme.amocrm.ru')).toBe('https://acme.amocrm.ru');
    expect(parseAccountBaseUrl('  https://Acme.Kommo.com/leads/pipeline?x=1 ')).toBe('https://acme.kommo.com');
    expect(parseAccountBaseUrl('https://crm.example.com:8443/')).toBe('https://crm.example.com:8443');
  });

  it('accepts plain http only for loopback addresses (the sandbox)', () => {
    expect(parseAccountBaseUrl('http://127.0.0.1:4000')).toBe('http://127.0.0.1:4000');
    expect(parseAccountBaseUrl('http://localhost:4000')).toBe('http://localhost:4000');
    expect(parseAccountBaseUrl('http://[::1]:4000')).toBe('http://[::1]:4000');
    for (const insecure of [
      'http://acme.amocrm.ru',
      'http://192.168.1.5:4000',
      'http://127.0.0.1.evil.example',
      'http://localhost.evil.example',
    ]) {
      expect(codeOf(insecure), insecure).toBe('INSECURE_URL');
    }
  });

  it('refuses other schemes, credentials in the URL, the shared www site and garbage', () => {
    for (const bad of [
      'ftp://acme.amocrm.ru',
      'javascript:alert(1)',
      'https://user:pw@acme.amocrm.ru',
      'https://www.amocrm.ru',
      'www.kommo.com',
      'https://',
      'not a url at all',
    ]) {
      expect(codeOf(bad), bad).toBe('INVALID_URL');
    }
  });

  it('recognises loopback hosts exactly', () => {
    expect(isLoopbackHost('127.255.0.9')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('128.0.0.1')).toBe(false);
    expect(isLoopbackHost('127.0.0.1.nip.io')).toBe(false);
  });
});
