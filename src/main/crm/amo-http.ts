/**
 * GET requests to an amoCRM account, with the API's faults turned into clear errors.
 *
 * - 204 means "empty", not an error.
 * - 429 arrives as HTML with no Retry-After: back off exponentially with jitter.
 * - 5xx, timeouts and dropped connections retry a bounded number of times.
 * - 401, 402 and 403 never retry: they need the user, not patience. A 403 with an HTML
 *   body is amoCRM's block page, after repeated limit breaches.
 */
import { AppError } from '../../shared/errors';
import { sleep } from '../lib/abort';
import type { RequestLimiter } from './request-limiter';

export interface AmoHttpOptions {
  readonly baseUrl: string;
  readonly token: string;
  readonly limiter: RequestLimiter;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  readonly fetchImpl?: typeof fetch;
  /** How long to wait before retry number `attempt` (1-based); injectable for tests. */
  readonly backoffMs?: (attempt: number) => number;
  readonly maxRetries?: number;
}

export type AmoGetResult = { readonly status: 200; readonly body: unknown } | { readonly status: 204 };

const userAgent = 'amo-phonebook/0.1 (+desktop contacts export)';

export function defaultBackoffMs(attempt: number): number {
  const base = Math.min(60_000, 1000 * 2 ** (attempt - 1));
  return base / 2 + Math.random() * (base / 2);
}

export async function amoGet(
  options: AmoHttpOptions,
  path: string,
  query: Record<string, string> = {},
): Promise<AmoGetResult> {
  const url = new URL(path, options.baseUrl);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  const maxRetries = options.maxRetries ?? 5;
  const backoff = options.backoffMs ?? defaultBackoffMs;
  const host = url.host;

  for (let attempt = 0; ; attempt++) {
    const done = await options.limiter.acquire(options.signal);
    let response: Response;
    try {
      response = await (options.fetchImpl ?? fetch)(url, {
        headers: {
          authorization: `Bearer ${options.token}`,
          accept: 'application/hal+json, application/json',
          'user-agent': userAgent,
        },
        signal: combineSignals(options.signal, options.timeoutMs ?? 30_000),
        redirect: 'error',
      });
    } catch (error) {
      done();
      if (options.signal?.aborted) throw new AppError('CANCELLED', 'Cancelled');
      if (isRedirectRefusal(error)) {
        // Following it could carry the token to another host; an account address does not redirect.
        throw new AppError('BAD_RESPONSE', `${host} redirects elsewhere: check the account address`, { host });
      }
      const transient = describeFetchFailure(error, host);
      if (attempt < maxRetries) {
        await sleep(backoff(attempt + 1), options.signal);
        continue;
      }
      throw transient;
    }

    done();
    const status = response.status;
    if (status === 200) return { status: 200, body: await readJson(response, host) };
    if (status === 204) return { status: 204 };
    const text = await response.text().catch(() => '');

    if ((status === 429 || status >= 500) && attempt < maxRetries) {
      await sleep(backoff(attempt + 1), options.signal);
      continue;
    }
    throw errorForStatus(status, text, response.headers.get('content-type') ?? '', host);
  }
}

function combineSignals(signal: AbortSignal | undefined, timeoutMs: number): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}

async function readJson(response: Response, host: string): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('BAD_RESPONSE', `${host} answered with something that is not JSON: is this an amoCRM address?`, {
      host,
    });
  }
}

function isRedirectRefusal(error: unknown): boolean {
  const cause = error instanceof Error ? error.cause : undefined;
  return cause instanceof Error && /redirect/i.test(cause.message);
}

function describeFetchFailure(error: unknown, host: string): AppError {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new AppError('TIMEOUT', `${host} did not answer in time`, { host });
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const code =
    (cause as NodeJS.ErrnoException | undefined)?.code ?? (error instanceof Error ? error.message : 'unknown');
  return new AppError(
    'NETWORK_UNREACHABLE',
    `Cannot reach ${host} (${code})`,
    { host, reason: String(code) },
    { cause: error },
  );
}

export function errorForStatus(status: number, body: string, contentType: string, host: string): AppError {
  const isHtml = contentType.includes('html') || /^\s*</.test(body);
  switch (true) {
    case status === 401:
      return new AppError('AUTH_REJECTED', `${host} refused the token (401): it is wrong, expired or revoked`, {
        host,
      });
    case status === 402:
      return new AppError(
        'ACCOUNT_UNAVAILABLE',
        `${host} says the account is unavailable (402): its paid period may have ended`,
        { host },
      );
    case status === 403 && isHtml:
      return new AppError(
        'ACCOUNT_BLOCKED',
        `${host} has blocked API access for this address (403); amoCRM support can lift it`,
        { host },
      );
    case status === 403:
      return new AppError('FORBIDDEN', `${host} does not allow this request for your user (403)`, { host });
    case status === 404:
      return new AppError('BAD_RESPONSE', `${host} has no amoCRM API here (404): check the address`, { host });
    case status === 429:
      return new AppError(
        'RATE_LIMITED',
        `${host} kept answering "too many requests" (429); try again in a few minutes`,
        { host },
      );
    case status >= 500:
      return new AppError('SERVER_ERROR', `${host} had a server error (${status}); try again later`, { host, status });
    default:
      return new AppError('BAD_RESPONSE', `${host} answered with an unexpected status ${status}`, { host, status });
  }
}
