/**
 * How long and how many: the bounds of the app's own HTTP servers (browser mode, the phone's
 * handoff server), so that a flood of connections or headers that trickle in (slowloris)
 * cannot hold the process's file descriptors, while a long API call (a sync answers when it
 * is done) is never cut. Node's defaults allow 60 s for headers and keep a connection that
 * never sends a byte open forever.
 */
import type { Server, ServerOptions } from 'node:http';

export interface ServerLimits {
  /** From the first byte to the end of the headers. */
  readonly headersMs: number;
  /** From the first byte to the end of the body. */
  readonly requestMs: number;
  /** A connection that sends nothing at all is closed after this. */
  readonly silentMs: number;
  /** How often the server looks for the two above. */
  readonly checkEveryMs: number;
  /** Connections past this are refused until others close. */
  readonly maxConnections: number;
  /**
   * Connections from one address past this are closed at once (0: no such limit), so one
   * machine cannot take every slot of `maxConnections` from the others.
   */
  readonly maxConnectionsPerAddress: number;
}

export const defaultServerLimits: ServerLimits = {
  headersMs: 10_000,
  requestMs: 30_000,
  silentMs: 10_000,
  checkEveryMs: 1000,
  maxConnections: 256,
  // Browser mode hears only loopback, where every connection has the same address.
  maxConnectionsPerAddress: 0,
};

/** The options for `createServer`. */
export function serverOptions(limits: ServerLimits): ServerOptions {
  return {
    headersTimeout: limits.headersMs,
    requestTimeout: limits.requestMs,
    connectionsCheckingInterval: limits.checkEveryMs,
  };
}

/** Bounds the connections of `server`: how many, and how long one may stay silent. */
export function limitConnections(server: Server, limits: ServerLimits): void {
  server.maxConnections = limits.maxConnections;
  // Node closes a socket whose timeout fires when nothing else listens for it. Once a request
  // has arrived the timer stops (its headers and body have their own limits, and the answer may
  // take as long as the work); after it, Node's keep-alive timeout takes over.
  server.on('connection', (socket) => socket.setTimeout(limits.silentMs));
  server.on('request', (request) => request.socket.setTimeout(0));
  if (limits.maxConnectionsPerAddress > 0) limitConnectionsPerAddress(server, limits.maxConnectionsPerAddress);
}

function limitConnectionsPerAddress(server: Server, max: number): void {
  const open = new Map<string, number>();
  server.on('connection', (socket) => {
    const address = socket.remoteAddress ?? '';
    const count = (open.get(address) ?? 0) + 1;
    if (count > max) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}
