/**
 * A `fetch` for the team mirror that trusts exactly one certificate: the one whose SHA-256
 * fingerprint came in the team invitation. Nothing else on the office network can answer in
 * its place, and nothing is sent before the fingerprint has been checked: the request carries
 * the colleague's amoCRM sign-in, so it must never reach an impostor.
 *
 * Node's own TLS check cannot be told "this fingerprint" (a self-signed certificate fails the
 * chain first, and then the identity check is never asked), so the socket is opened here,
 * checked once the handshake is done, and only then handed to an HTTP request.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { connect, type TLSSocket } from 'node:tls';
import { AppError } from '../../shared/errors';
import { sameFingerprint } from './self-signed-certificate';

export function pinnedFetch(fingerprint: string): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.protocol !== 'https:')
      throw new TypeError(`the team mirror is reached over https only, not ${url.protocol}`);
    const signal = init?.signal ?? undefined;
    signal?.throwIfAborted();
    const socket = await verifiedSocket(url, fingerprint, signal);
    return new Promise<Response>((resolve, reject) => {
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port || 443,
          path: `${url.pathname}${url.search}`,
          method: init?.method ?? 'GET',
          headers: headersOf(init?.headers),
          createConnection: () => socket,
          ...(signal ? { signal } : {}),
        },
        (res) => resolve(toResponse(res)),
      );
      req.on('error', reject);
      if (typeof init?.body === 'string') req.end(init.body);
      else req.end();
    });
  };
}

function verifiedSocket(url: URL, fingerprint: string, signal: AbortSignal | undefined): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: url.hostname,
      port: Number(url.port || 443),
      // Checked below, by fingerprint: no authority signs a computer on an office network.
      rejectUnauthorized: false,
      ...(/^[\d.]+$|:/.test(url.hostname) ? {} : { servername: url.hostname }),
    });
    const onAbort = () => socket.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('secureConnect', () => {
      signal?.removeEventListener('abort', onAbort);
      const presented = socket.getPeerCertificate().fingerprint256 ?? '';
      if (sameFingerprint(presented, fingerprint)) {
        resolve(socket);
        return;
      }
      socket.destroy();
      reject(
        new AppError(
          'TEAM_MIRROR_UNTRUSTED',
          `${url.host} is not the team mirror of the invitation (its certificate is another one): nothing was sent to it`,
          { host: url.host },
        ),
      );
    });
    socket.once('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      reject(error);
    });
  });
}

function headersOf(headers: RequestInit['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(headers).forEach((value, key) => {
    out[key] = value;
  });
  return out;
}

function toResponse(res: IncomingMessage): Response {
  const headers = new Headers();
  for (const [key, value] of Object.entries(res.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(key, one);
  }
  const status = res.statusCode ?? 502;
  const bodyless = status === 204 || status === 304;
  if (bodyless) res.resume();
  const body = bodyless ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>);
  return new Response(body, { status, headers });
}
