/** The app:// protocol: the path guard and the headers, as pure functions and through a fake protocol. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appContentSecurityPolicy,
  appRequestTarget,
  appSchemePrivileges,
  handleAppProtocol,
} from '../../../src/main/electron/app-protocol';
import { tempDir } from '../../helpers/temp-dir';

const root = '/app/out/renderer';

describe('appRequestTarget', () => {
  it('serves the desktop page at / and files inside the renderer build', () => {
    expect(appRequestTarget(root, 'app://amo-phonebook/', 'GET')).toEqual({
      path: join(root, 'desktop', 'index.html'),
    });
    expect(appRequestTarget(root, 'app://amo-phonebook/assets/desktop-1.js', 'GET')).toEqual({
      path: join(root, 'assets', 'desktop-1.js'),
    });
  });

  it('refuses to leave the build folder, however the path is spelled', () => {
    // The URL parser already folds plain dots: what reaches the guard stays inside the build.
    expect(appRequestTarget(root, 'app://amo-phonebook/../../../etc/passwd', 'GET')).toEqual({
      path: join(root, 'etc', 'passwd'),
    });
    for (const path of [
      '/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '/assets/..%5c..%5csecrets.json',
      '/assets/x%00.js',
      '/%E0%A4%A',
      '/assets/%2f%2fetc/passwd',
    ]) {
      const target = appRequestTarget(root, `app://amo-phonebook${path}`, 'GET');
      const inside = 'path' in target && target.path.startsWith(`${root}${sep}`);
      expect(inside || ('status' in target && target.status === 404), `${path} -> ${JSON.stringify(target)}`).toBe(
        true,
      );
    }
    // Encoded slashes, backslashes and NUL never reach the disk at all.
    for (const path of ['/%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/assets/..%5c..%5csecrets.json', '/assets/x%00.js']) {
      expect(appRequestTarget(root, `app://amo-phonebook${path}`, 'GET'), path).toEqual({ status: 404 });
    }
  });

  it('answers our host only, and only reads', () => {
    expect(appRequestTarget(root, 'app://other/assets/a.js', 'GET')).toEqual({ status: 403 });
    expect(appRequestTarget(root, 'app://amo-phonebook/', 'POST')).toEqual({ status: 405 });
  });
});

describe('handleAppProtocol', () => {
  it('registers app:// and answers with a strict CSP and nosniff', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'desktop'));
    writeFileSync(join(dir, 'desktop', 'index.html'), '<!doctype html>');
    let handler: ((request: Request) => Promise<Response>) | null = null;
    handleAppProtocol(
      {
        handle: (scheme: string, h: (request: Request) => Promise<Response>) => {
          expect(scheme).toBe('app');
          handler = h;
        },
      } as never,
      dir,
    );
    const serve = handler as unknown as (request: Request) => Promise<Response>;
    const page = await serve(new Request('app://amo-phonebook/'));
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('<!doctype html>');
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toBe(appContentSecurityPolicy);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await serve(new Request('app://amo-phonebook/missing.js'))).status).toBe(404);
    expect((await serve(new Request('app://amo-phonebook/%2e%2e/secrets.json'))).status).toBe(404);
  });

  it('uses a CSP with no inline or remote script, no plugins, no framing', () => {
    const directives = new Map(
      appContentSecurityPolicy.split('; ').map((part) => [part.split(' ')[0], part.split(' ').slice(1)]),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(appContentSecurityPolicy).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);
  });

  it('makes app:// a standard, secure scheme (an origin of its own, like https)', () => {
    expect(appSchemePrivileges).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } });
  });
});
