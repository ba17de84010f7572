/**
 * What the handoff server answers to plain HTTP: the companion page (only for the right
 * token, or the share-target view), its built assets (only those the page loads), and
 * its web-app files. Everything else is 404; nothing is listed, nothing outside is read.
 */
import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname } from 'node:path';
import { contentTypes } from '../../lib/content-types';
import { resolveStaticPath } from '../../lib/http-guards';
import type { PhoneAssets } from './phone-assets';

export interface ServeOptions {
  /** True when the path is the page (the right token, or /p/share). */
  readonly isPage: boolean;
  /** WebSocket sources for connect-src ("ws://192.168.1.20:47811"). */
  readonly connectSource: string;
  readonly head: boolean;
}

export function phoneContentSecurityPolicy(connectSource: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `connect-src 'self' ${connectSource}`,
    "manifest-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** A wrong or used token gets a page of its own: nothing to run, the reason in both languages. */
const notValidPage = `<!doctype html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>amo-phonebook</title></head>
<body style="font:18px/1.5 system-ui,sans-serif;margin:2em">
<p lang="ru">Этот QR-код больше не действует. Покажите новый на компьютере.</p>
<p lang="en">This QR code is no longer valid. Show a new one on your computer.</p>
</body></html>`;

export async function servePhoneFile(
  res: ServerResponse,
  assets: PhoneAssets,
  path: string,
  options: ServeOptions,
): Promise<void> {
  const headers = {
    'content-security-policy': phoneContentSecurityPolicy(options.connectSource),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    // The page and its payload are personal data: nothing is kept in a cache along the way.
    'cache-control': 'no-store',
  };
  const respond = (status: number, type: string, body: Buffer | string, extra: Record<string, string> = {}) => {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    res.writeHead(status, { ...headers, ...extra, 'content-type': type, 'content-length': bytes.length });
    res.end(options.head ? undefined : bytes);
  };

  if (path.startsWith('/p/') && !path.slice(3).includes('/') && path !== '/p/sw.js') {
    if (options.isPage) return respond(200, contentTypes['.html'] as string, assets.pageHtml);
    return respond(404, contentTypes['.html'] as string, notValidPage);
  }
  const assetName = /^(?:\/p)?\/assets\/([^/]+)$/.exec(path)?.[1];
  let file: string | null | undefined;
  let extra: Record<string, string> = {};
  if (assetName !== undefined) {
    file = assets.assets.get(assetName);
  } else if (path === '/p/sw.js') {
    file = resolveStaticPath(assets.appDir, '/sw.js');
    // The worker lives at /p/sw.js and controls the whole /p/ scope.
    extra = { 'service-worker-allowed': '/p/' };
  } else {
    const appPath = /^(?:\/p\/app|\/phone-app)(\/[^/]+)$/.exec(path)?.[1];
    file = appPath === undefined ? null : resolveStaticPath(assets.appDir, appPath);
  }
  const info = file ? await stat(file).catch(() => null) : null;
  if (!file || !info?.isFile()) return respond(404, 'text/plain; charset=utf-8', 'Not found');
  return respond(200, contentTypes[extname(file)] ?? 'application/octet-stream', await readFile(file), extra);
}
