/**
 * Fault switches: the next N requests to a path answer as a failing amoCRM would (5xx,
 * 429, a dropped connection, a broken or wrongly shaped body, a slow answer), so the
 * connector's error handling can be tested over real HTTP.
 */
import type { ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { replyNginx, replyProblem } from './http-replies';

export const faultKinds = ['429', '500', '502', '503', 'drop', 'malformed', 'wrong-shape', 'slow'] as const;
export type FaultKind = (typeof faultKinds)[number];

export interface FaultSpec {
  readonly kind: FaultKind;
  /** How many matching requests fail; then the fault is gone. */
  readonly count: number;
  /** Requests whose path starts with this; default `/api/v4/contacts`. */
  readonly pathPrefix?: string;
  /** Only requests to exactly this path (e.g. the contacts list, not its custom_fields). */
  readonly path?: string;
  /** For 'slow': how long to wait before answering normally (default 1000). */
  readonly delayMs?: number;
}

export interface SandboxFaults {
  inject(spec: FaultSpec): void;
  clear(): void;
  /** Requests still to be failed, over every injected fault. */
  pending(): number;
}

export interface FaultQueue extends SandboxFaults {
  /** The fault the request to `pathname` gets, using it up; null for none. */
  take(pathname: string): FaultSpec | null;
}

interface Armed {
  readonly spec: FaultSpec;
  readonly matches: (pathname: string) => boolean;
  left: number;
}

export function createFaultQueue(): FaultQueue {
  let armed: Armed[] = [];
  return {
    inject(spec) {
      const checked = parseFaultSpec(spec);
      const { path } = checked;
      const prefix = checked.pathPrefix ?? '/api/v4/contacts';
      const matches =
        path === undefined
          ? (pathname: string) => pathname.startsWith(prefix)
          : (pathname: string) => pathname === path;
      armed.push({ spec: checked, matches, left: checked.count });
    },
    clear() {
      armed = [];
    },
    pending: () => armed.reduce((sum, fault) => sum + fault.left, 0),
    take(pathname) {
      // First injected, first served: several faults on one path play out in order.
      const fault = armed.find((candidate) => candidate.matches(pathname));
      if (!fault) return null;
      fault.left--;
      if (fault.left <= 0) armed = armed.filter((candidate) => candidate !== fault);
      return fault.spec;
    },
  };
}

/** Checks a fault spec, also one that came as JSON from another process. */
export function parseFaultSpec(input: unknown): FaultSpec {
  if (typeof input !== 'object' || input === null) throw new TypeError('a fault is an object');
  const record = input as Record<string, unknown>;
  const kind = record['kind'];
  if (!faultKinds.some((known) => known === kind)) throw new TypeError(`kind must be one of ${faultKinds.join(', ')}`);
  const count = record['count'];
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) {
    throw new TypeError('count must be a positive integer');
  }
  const prefix = record['pathPrefix'];
  if (prefix !== undefined && (typeof prefix !== 'string' || !prefix.startsWith('/'))) {
    throw new TypeError('pathPrefix must be a path starting with /');
  }
  const path = record['path'];
  if (path !== undefined && (typeof path !== 'string' || !path.startsWith('/'))) {
    throw new TypeError('path must start with /');
  }
  const delayMs = record['delayMs'];
  if (delayMs !== undefined && (typeof delayMs !== 'number' || !(delayMs >= 0))) {
    throw new TypeError('delayMs must be a non-negative number');
  }
  return {
    kind: kind as FaultKind,
    count,
    ...(prefix === undefined ? {} : { pathPrefix: prefix as string }),
    ...(path === undefined ? {} : { path: path as string }),
    ...(delayMs === undefined ? {} : { delayMs: delayMs as number }),
  };
}

/** Answers with the fault; resolves true if answered, false if the request should go on. */
export async function playFault(res: ServerResponse, fault: FaultSpec): Promise<boolean> {
  switch (fault.kind) {
    case '429':
      replyNginx(res, 429, 'Too Many Requests');
      return true;
    case '500':
      replyProblem(res, 500, 'Internal Server Error', 'Something went wrong');
      return true;
    case '502':
      replyNginx(res, 502, 'Bad Gateway');
      return true;
    case '503':
      replyNginx(res, 503, 'Service Temporarily Unavailable');
      return true;
    case 'drop':
      res.socket?.destroy();
      return true;
    case 'malformed': {
      // Cut off mid-document, as a proxy that gave up would leave it.
      const text = '{"_page":1,"_links":{"self":{"href":"';
      res.writeHead(200, { 'content-type': 'application/hal+json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
      return true;
    }
    case 'wrong-shape': {
      const text = JSON.stringify({ _page: 1, _links: {}, _embedded: { contacts: { error: 'not a list' } } });
      res.writeHead(200, { 'content-type': 'application/hal+json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
      return true;
    }
    case 'slow':
      await delay(fault.delayMs ?? 1000);
      return res.destroyed;
  }
}
