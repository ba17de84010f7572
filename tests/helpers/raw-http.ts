/**
 * HTTP as an attacker writes it: exact bytes on a socket (paths no client library would send
 * unnormalised, forged headers), held-open connections and headers that trickle in. Loopback
 * only, and every flood is bounded by its caller.
 */
import { connect, type Socket } from 'node:net';

export interface RawAnswer {
  /** 0 when the server closed the connection without an answer. */
  readonly status: number;
  readonly headers: string;
  readonly body: string;
}

/** Sends `request` as written and reads until the server closes or `timeoutMs` passes. */
export function rawRequest(port: number, request: string | Buffer, timeoutMs = 5000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(), timeoutMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET') reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({ status, headers: head, body: rest.join('\r\n\r\n') });
    });
    socket.write(request);
  });
}

/** A GET of `path` exactly as given (no normalisation), one request per connection. */
export function rawGet(port: number, path: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const lines = [`GET ${path} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Connection: close'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return rawRequest(port, `${lines.join('\r\n')}\r\n\r\n`);
}

/** `count` connections that send nothing, kept open until `close()`. */
/** `from`: the local address to connect from (127.0.0.2: another machine, as loopback sees it). */
export async function idleConnections(
  port: number,
  count: number,
  from = '127.0.0.1',
): Promise<{ open(): number; close(): void }> {
  const sockets: Socket[] = [];
  await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<void>((resolve) => {
          const socket = connect({ port, host: '127.0.0.1', localAddress: from }, () => resolve());
          socket.on('error', () => resolve());
          sockets.push(socket);
        }),
    ),
  );
  return {
    open: () => sockets.filter((socket) => !socket.destroyed && socket.readyState === 'open').length,
    close: () => {
      for (const socket of sockets) socket.destroy();
    },
  };
}

/**
 * Slowloris: `count` connections that send a request line and then one header byte every
 * `everyMs`, never finishing. `closedByServer()` counts those the server hung up on.
 */
export async function slowHeaders(
  port: number,
  count: number,
  everyMs: number,
): Promise<{ closedByServer(): number; stop(): void }> {
  let closed = 0;
  let stopping = false;
  const sockets: Socket[] = [];
  const timers: NodeJS.Timeout[] = [];
  await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<void>((resolve) => {
          const socket = connect(port, '127.0.0.1', () => {
            socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: `);
            timers.push(
              setInterval(() => {
                if (!socket.destroyed) socket.write('a');
              }, everyMs),
            );
            resolve();
          });
          socket.on('error', () => undefined);
          socket.on('close', () => {
            if (!stopping) closed += 1;
          });
          sockets.push(socket);
        }),
    ),
  );
  return {
    closedByServer: () => closed,
    stop: () => {
      stopping = true;
      for (const timer of timers) clearInterval(timer);
      for (const socket of sockets) socket.destroy();
    },
  };
}
