/** Replies shaped as amoCRM's API sends them: HAL JSON, problem+json, 204, and nginx's HTML pages. */
import type { ServerResponse } from 'node:http';

export function replyHal(res: ServerResponse, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(200, { 'content-type': 'application/hal+json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function replyProblem(
  res: ServerResponse,
  status: number,
  title: string,
  detail: string,
  extra: object = {},
): void {
  const text = JSON.stringify({ title, type: `https://httpstatus.es/${status}`, status, detail, ...extra });
  res.writeHead(status, { 'content-type': 'application/problem+json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function replyNoContent(res: ServerResponse): void {
  res.writeHead(204);
  res.end();
}

/** amoCRM's 429 comes from nginx: an HTML body and no Retry-After header. */
export function replyTooManyRequests(res: ServerResponse): void {
  replyNginx(res, 429, 'Too Many Requests');
}

/** amoCRM's 400 for a bad parameter: problem+json with `validation-errors`. */
export function replyValidation(res: ServerResponse, path: string, detail: string): void {
  replyProblem(res, 400, 'Bad Request', 'Request validation failed', {
    'validation-errors': [{ request_id: '0', errors: [{ code: 'InvalidValue', path, detail }] }],
  });
}

/** Plain JSON, for the sandbox's own control endpoints (not part of amoCRM's API). */
export function replyJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Nginx's own pages: what amoCRM's front answers for 403 blocks, 429 and 502/503/504. */
export function replyNginx(res: ServerResponse, status: number, reason: string): void {
  const title = `${status} ${reason}`;
  const text = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  res.writeHead(status, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function replyHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) });
  res.end(html);
}

export function replyRedirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { location, 'content-length': 0 });
  res.end();
}
