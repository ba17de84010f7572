/**
 * A loopback reverse proxy in front of a real server (Radicale) that can stop a client at a
 * chosen point: after `holdAfter` successful requests of one method it holds every further
 * request of that method (never forwards it) and resolves `reached`. A test then kills the
 * client at a known moment instead of racing it with polls. `passThrough()` forwards everything
 * again (for the runs that follow). The server behind it is untouched: nothing is answered by the
 * gate itself.
 */
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HttpGate {
  /** The gate's root, e.g. http://127.0.0.1:40124/ (same paths as the target). */
  readonly url: string;
  /** Hold `method` requests after `count` of them were answered 2xx; resolves when that happens. */
  holdAfter(method: string, count: number): Promise<void>;
  /** How many `method` requests the target answered 2xx through the gate so far. */
  passed(method: string): number;
  passThrough(): void;
  /** Resolves once no forwarded request is still on its way to or from the target. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startHttpGate(targetUrl: string): Promise<HttpGate> {
  const target = new URL(targetUrl);
  const passedByMethod = new Map<string, number>();
  let hold: { method: string; count: number; resolve: () => void } | undefined;
  const held: ServerResponse[] = [];
  let inFlight = 0;
  const whenIdle: Array<() => void> = [];
  const settleOne = () => {
    inFlight -= 1;
    if (inFlight === 0) for (const resolve of whenIdle.splice(0)) resolve();
  };

  const forward = (incoming: IncomingMessage, outgoing: ServerResponse) => {
    inFlight += 1;
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      settleOne();
    };
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: target.host },
      },
      (answer) => {
        const method = incoming.method ?? '';
        if ((answer.statusCode ?? 0) >= 200 && (answer.statusCode ?? 0) < 300) {
          const count = (passedByMethod.get(method) ?? 0) + 1;
          passedByMethod.set(method, count);
          if (hold && hold.method === method && count >= hold.count) hold.resolve();
        }
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.on('end', settle).on('error', settle);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => {
      settle();
      outgoing.destroy();
    });
    incoming.pipe(upstream);
  };

  const server = createServer((incoming, outgoing) => {
    const method = incoming.method ?? '';
    if (hold && hold.method === method && (passedByMethod.get(method) ?? 0) >= hold.count) {
      // Held: read nothing, answer nothing. The client sees a request that never ends.
      held.push(outgoing);
      return;
    }
    forward(incoming, outgoing);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    holdAfter(method, count) {
      return new Promise<void>((resolve) => {
        hold = { method, count, resolve };
        if ((passedByMethod.get(method) ?? 0) >= count) resolve();
      });
    },
    passed: (method) => passedByMethod.get(method) ?? 0,
    idle: () =>
      new Promise<void>((resolve) => {
        if (inFlight === 0) resolve();
        else whenIdle.push(resolve);
      }),
    passThrough() {
      hold = undefined;
      for (const response of held.splice(0)) response.destroy();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const response of held.splice(0)) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
