/** The small checks that keep browser mode to the person who launched it. */
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  bearerToken,
  isAllowedHost,
  isAllowedOrigin,
  resolveStaticPath,
  secretMatches,
} from '../../../src/main/lib/http-guards';

describe('browser-mode guards', () => {
  it('accepts only our own loopback host and port (DNS rebinding)', () => {
    expect(isAllowedHost('127.0.0.1:5000', 5000)).toBe(true);
    expect(isAllowedHost('localhost:5000', 5000)).toBe(true);
    for (const host of [
      '127.0.0.1:5001',
      'evil.example:5000',
      'evil.example',
      '127.0.0.1',
      undefined,
      '127.0.0.1:5000.evil.example',
    ]) {
      expect(isAllowedHost(host, 5000), String(host)).toBe(false);
    }
  });

  it('accepts only our own origin for the event socket', () => {
    expect(isAllowedOrigin('http://127.0.0.1:5000', 5000)).toBe(true);
    expect(isAllowedOrigin('http://evil.example', 5000)).toBe(false);
    expect(isAllowedOrigin('null', 5000)).toBe(false);
    expect(isAllowedOrigin(undefined, 5000)).toBe(false);
  });

  it('compares the secret exactly', () => {
    expect(secretMatches('abc', 'abc')).toBe(true);
    expect(secretMatches('abd', 'abc')).toBe(false);
    expect(secretMatches('ab', 'abc')).toBe(false);
    expect(secretMatches(undefined, 'abc')).toBe(false);
    expect(bearerToken('Bearer xyz')).toBe('xyz');
    expect(bearerToken('Basic xyz')).toBeUndefined();
  });

  it('keeps static paths inside the UI folder', () => {
    const root = resolve('/srv/ui');
    expect(resolveStaticPath(root, '/assets/app.js')).toBe(join(root, 'assets', 'app.js'));
    for (const attack of [
      '/../secrets.json',
      '/assets/../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/..%2fetc/passwd',
      '/a%00.js',
      '/%E0%A4%A',
      '/assets\\..\\..\\x',
      '/',
    ]) {
      expect(resolveStaticPath(root, attack), attack).toBeNull();
    }
  });
});
