/** Serving the built desktop UI to the browser, with the headers a local app page needs. */
import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { contentTypes } from '../lib/content-types';
import { resolveStaticPath } from '../lib/http-guards';

export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export async function serveStatic(res: ServerResponse, uiRoot: string, urlPath: string, port: number): Promise<void> {
  const path =
    urlPath === '/' || urlPath === '/index.html'
      ? join(uiRoot, 'desktop', 'index.html')
      : resolveStaticPath(uiRoot, urlPath);
  const info = path ? await stat(path).catch(() => null) : null;
  if (!path || !info?.isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found');
    return;
  }
  const body = await readFile(path);
  res.writeHead(200, {
    'content-type': contentTypes[extname(path)] ?? 'application/octet-stream',
    'content-length': body.length,
    'content-security-policy': contentSecurityPolicy(port),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  });
  res.end(body);
}
