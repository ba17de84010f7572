/**
 * The one door every CardDAV request goes through (tsdav takes it as its `fetch`):
 *
 * - polite: a 429 or 503 waits as long as the server's Retry-After asks (capped), or backs
 *   off exponentially, then tries again, a few times at most;
 * - bounded: every request has a timeout, so a silent server ends in an error, not a hang
 *   (R16);
 * - clear: a refused password, an unreachable server and a server that stays busy become
 *   AppErrors with their own codes, in words a sales manager understands;
 * - counted: the requests sent, by method (the benchmark reports them: a re-export must
 *   send only the changed cards).
 */
import { AppError } from '../../../shared/errors';

export interface DavFetchOptions {
  /** Per request (default 30 s). */
  readonly timeoutMs?: number;
  /** Retries of a 429/503 (default 4). */
  readonly maxRetries?: number;
  /** The longest single wait a Retry-After may ask for (default 60 s). */
  readonly maxWaitMs?: number;
  /** The wait before retry `attempt` (0-based) when the server names none. */
  readonly backoffMs?: (attempt: number) => number;
  readonly signal?: AbortSignal;
}

export interface DavFetch {
  readonly fetch: typeof globalThis.fetch;
  /** Requests sent (each retry counts), by method. */
  readonly counts: Map<string, number>;
  total(): number;
}

export function createDavFetch(options: DavFetchOptions = {}): DavFetch {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxRetries = options.maxRetries ?? 4;
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  const backoffMs = options.backoffMs ?? ((attempt: number) => 500 * 2 ** attempt);
  const counts = new Map<string, number>();

  async function davFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const method = (init.method ?? 'GET').toUpperCase();
    for (let attempt = 0; ; attempt++) {
      counts.set(method, (counts.get(method) ?? 0) + 1);
      const response = await send(url, method, init);
      if (response.status === 401) {
        await response.body?.cancel();
        throw new AppError(
          'CARDDAV_AUTH_REJECTED',
          `${url.host} did not accept the user name and password. Use an app password made for this app (not your main password), and check the user name`,
          { host: url.host },
        );
      }
      if (response.status !== 429 && response.status !== 503) return response;
      if (attempt >= maxRetries) {
        await response.body?.cancel();
        throw new AppError(
          'CARDDAV_BUSY',
          `${url.host} is busy and asked us to slow down; nothing was lost: export again in a few minutes`,
          { host: url.host },
        );
      }
      const wait = Math.min(maxWaitMs, retryAfterMs(response.headers.get('retry-after')) ?? backoffMs(attempt));
      await response.body?.cancel();
      await sleep(wait, options.signal);
    }
  }

  async function send(url: URL, method: string, init: RequestInit): Promise<Response> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    try {
      return await fetch(url, { ...init, method, signal });
    } catch (error) {
      if (options.signal?.aborted) throw new AppError('CANCELLED', 'The export was cancelled');
      if (timeout.aborted) {
        throw new AppError('TIMEOUT', `${url.host} did not answer in ${Math.round(timeoutMs / 1000)} s`, {
          host: url.host,
        });
      }
      throw new AppError(
        'CARDDAV_UNREACHABLE',
        `Cannot reach the address-book server ${url.host}: check the address and the internet connection (${reason(error)})`,
        { host: url.host },
        { cause: error },
      );
    }
  }

  return {
    fetch: davFetch as typeof globalThis.fetch,
    counts,
    total: () => [...counts.values()].reduce((sum, n) => sum + n, 0),
  };
}

/** Retry-After as delay-seconds or an HTTP date (RFC 9110 10.2.3); null when absent or unreadable. */
export function retryAfterMs(value: string | null, nowMs = Date.now()): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AppError('CANCELLED', 'The export was cancelled'));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new AppError('CANCELLED', 'The export was cancelled'));
      },
      { once: true },
    );
  });
}

/** The low-level cause (ECONNREFUSED, ENOTFOUND...) without a stack. */
function reason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
