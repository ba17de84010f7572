/**
 * The UI is served from `app://amo-phonebook/`, not `file://`: a file page could read
 * any local file through fetch, and its origin is shared by every file. Paths are
 * resolved inside the renderer build folder only.
 */
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Protocol } from 'electron';
import { contentTypes as types } from '../lib/content-types';
import { resolveStaticPath } from '../lib/http-guards';
import { appHost, appScheme } from './app-origin';

/**
 * Sent as a header with every app:// response (a header cannot be removed by the page, as
 * a meta tag could be). No inline scripts, no eval, no remote anything: the UI talks to
 * the core only through the preload's IPC verbs.
 */
export const appContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "frame-src 'none'",
  "worker-src 'self'",
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

/**
 * Which file an app:// request may read, or why not. Only GET for our own host; `/` is
 * the desktop page; any other path must stay inside the renderer build (no `..`,
 * encoded slashes, NUL bytes). Pure, so the guard is tested without Electron.
 */
export function appRequestTarget(
  rendererRoot: string,
  requestUrl: string,
  method: string,
): { path: string } | { status: 403 | 404 | 405 } {
  if (method !== 'GET' && method !== 'HEAD') return { status: 405 };
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { status: 404 };
  }
  if (url.protocol !== `${appScheme}:` || url.host !== appHost) return { status: 403 };
  if (url.pathname === '/') return { path: join(rendererRoot, 'desktop', 'index.html') };
  const path = resolveStaticPath(rendererRoot, url.pathname);
  return path ? { path } : { status: 404 };
}

export function appResponseHeaders(path: string): Record<string, string> {
  return {
    'content-type': types[extname(path)] ?? 'application/octet-stream',
    'content-security-policy': appContentSecurityPolicy,
    'x-content-type-options': 'nosniff',
  };
}

export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererRoot: string): void {
  protocol.handle(appScheme, async (request) => {
    const target = appRequestTarget(rendererRoot, request.url, request.method);
    if ('status' in target) return new Response('Not found', { status: target.status });
    try {
      const body = await readFile(target.path);
      return new Response(request.method === 'HEAD' ? null : body, { headers: appResponseHeaders(target.path) });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
