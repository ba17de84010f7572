/**
 * The UI is served from `app://amo-phonebook/`, not `file://`: a file page could read
 * any local file through fetch, and its origin is shared by every file. Paths are
 * resolved inside the renderer build folder only.
 */
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Protocol } from 'electron';
import { resolveStaticPath } from '../browser-mode/guards';
import { contentTypes as types } from '../lib/content-types';
import { appScheme } from './app-origin';

export const appContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Must run before `app.whenReady()`: the scheme behaves like https (secure, with an origin). */
export const appSchemePrivileges = {
  scheme: appScheme,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;

export function handleAppProtocol(protocol: Protocol, rendererRoot: string): void {
  protocol.handle(appScheme, async (request) => {
    const { pathname } = new URL(request.url);
    const path =
      pathname === '/' ? join(rendererRoot, 'desktop', 'index.html') : resolveStaticPath(rendererRoot, pathname);
    if (!path) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(path);
      return new Response(body, {
        headers: {
          'content-type': types[extname(path)] ?? 'application/octet-stream',
          'content-security-policy': appContentSecurityPolicy,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
