/** Replies shaped as amoCRM's API sends them: HAL JSON, problem+json, 204, and HTML for 429. */
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
  const text =
    '<html>\r\n<head><title>429 Too Many Requests</title></head>\r\n<body>\r\n<center><h1>429 Too Many Requests</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
  res.writeHead(429, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
