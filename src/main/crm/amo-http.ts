/**
 * GET requests to an amoCRM account, with the API's faults turned into clear errors.
 *
 * - 204 means "empty", not an error.
 * - 429 arrives as HTML with no Retry-After: back off exponentially with jitter.
 * - 5xx, timeouts and dropped connections retry a bounded number of times; so does a
 *   connection cut in the middle of an answer.
 * - Every answer is capped in size (maxAnswerBytes, counted as it arrives) and in time, its
 *   body included: an enormous or endless answer is refused in one line, never read whole.
 * - 401, 402 and 403 never retry: they need the user, not patience. A 403 with an HTML
 *   body is amoCRM's block page, after repeated limit breaches.
 */
import { AppError } from '../../shared/errors';
import { sleep } from '../lib/abort';
import { parseWellFormedJson } from '../lib/well-formed';
import type { AccountAuth } from './account-auth';
import type { RequestLimiter } from './request-limiter';

export interface AmoHttpOptions {
  readonly baseUrl: string;
  readonly auth: AccountAuth;
  readonly limiter: RequestLimiter;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  readonly fetchImpl?: typeof fetch;
  /** How long to wait before retry number `attempt` (1-based); injectable for tests. */
  readonly backoffMs?: (attempt: number) => number;
  readonly maxRetries?: number;
  /**
   * How long 429s are ridden out (the limiter slowing down, retries not counted) while none
   * of this account's requests gets through; past it, the usual retries, then RATE_LIMITED.
   */
  readonly rateLimitPatienceMs?: number;
}

/**
 * Colleagues share amoCRM's limit: while any request of ours gets through within two
 * minutes, a 429 is a turn to wait for, never a reason to fail.
 */
export const defaultRateLimitPatienceMs = 120_000;

/**
 * A successful answer. `serverTime` is the CRM's clock (the HTTP Date header, Unix
 * seconds): sync watermarks use it, never this computer's clock.
 */
export type AmoGetResult =
  | { readonly status: 200; readonly body: unknown; readonly serverTime: number | null }
  | { readonly status: 204; readonly serverTime: number | null };

export interface AmoRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  /** A JSON body (POST). */
  readonly body?: unknown;
  /** Send the account's bearer token (everything but the token endpoint). */
  readonly authorized: boolean;
}

const userAgent = 'amo-phonebook/0.1 (+desktop contacts export)';

export function defaultBackoffMs(attempt: number): number {
  const base = Math.min(60_000, 1000 * 2 ** (attempt - 1));
  return base / 2 + Math.random() * (base / 2);
}

export function amoGet(
  options: AmoHttpOptions,
  path: string,
  query: Record<string, string> = {},
): Promise<AmoGetResult> {
  return amoRequest(options, { method: 'GET', path, query, authorized: true });
}

export async function amoRequest(options: AmoHttpOptions, request: AmoRequest): Promise<AmoGetResult> {
  const url = new URL(request.path, options.baseUrl);
  for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
  const maxRetries = options.maxRetries ?? 5;
  const backoff = options.backoffMs ?? defaultBackoffMs;
  const host = url.host;
  let renewed = false;

  for (let attempt = 0; ; attempt++) {
    const token = request.authorized ? await options.auth.token() : null;
    const done = await options.limiter.acquire(options.signal);
    let answer: Answer;
    try {
      answer = await fetchAnswer(options, url, request, token);
    } catch (error) {
      if (options.signal?.aborted) throw new AppError('CANCELLED', 'Cancelled');
      if (error instanceof AppError) throw error;
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
    } finally {
      done();
    }

    const { status, text, contentType, serverTime } = answer;
    if (status === 429) options.limiter.refused();
    else options.limiter.admitted();
    if (status === 200) return { status: 200, body: parseJson(text, host), serverTime };
    if (status === 204) return { status: 204, serverTime };

    if (status === 401 && token && !renewed) {
      // One refresh per request: a second 401 means the user must connect again.
      renewed = true;
      if (await options.auth.renew(token)) {
        attempt--;
        continue;
      }
    }
    if (
      status === 429 &&
      options.limiter.sinceAdmitted() < (options.rateLimitPatienceMs ?? defaultRateLimitPatienceMs)
    ) {
      // Not a retry of the budget: the limiter now spaces our requests further apart. The
      // refused request itself still waits a first back-off, as before: retried at once, a
      // burst of 429s is the pattern that gets an account blocked (the sandbox: 20 a minute).
      await sleep(backoff(1), options.signal);
      attempt--;
      continue;
    }
    if ((status === 429 || status >= 500) && attempt < maxRetries) {
      await sleep(backoff(attempt + 1), options.signal);
      continue;
    }
    throw errorForStatus(status, text, contentType, host);
  }
}

/** One answer, read whole within the caps: a failure anywhere (also mid-body) throws, to be retried. */
interface Answer {
  readonly status: number;
  readonly text: string;
  readonly contentType: string;
  readonly serverTime: number | null;
}

/**
 * A page of 250 contacts is well under 2 MB: an answer past this is not amoCRM's (a
 * misconfigured proxy, a hostile server) and is not read further, so it cannot fill memory.
 */
export const maxAnswerBytes = 32 * 1024 * 1024;
/** Error pages are read only to tell amoCRM's HTML block page from a JSON problem. */
const maxErrorBytes = 64 * 1024;

async function fetchAnswer(
  options: AmoHttpOptions,
  url: URL,
  request: AmoRequest,
  token: string | null,
): Promise<Answer> {
  const response = await (options.fetchImpl ?? fetch)(url, {
    method: request.method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      accept: 'application/hal+json, application/json',
      'user-agent': userAgent,
    },
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    // The time limit covers the body too: an answer that trickles forever times out.
    signal: combineSignals(options.signal, options.timeoutMs ?? 30_000),
    redirect: 'error',
  });
  const status = response.status;
  const text =
    status === 204
      ? ''
      : await readCapped(response, status === 200 ? maxAnswerBytes : maxErrorBytes, url.host, status === 200);
  return {
    status,
    text,
    contentType: response.headers.get('content-type') ?? '',
    serverTime: parseServerTime(response.headers.get('date')),
  };
}

/**
 * The body as text, counted as it arrives. Past `limit`: for an answer we need, a refusal
 * (the rest is never read); for an error page, just its start.
 */
async function readCapped(response: Response, limit: number, host: string, refuseOver: boolean): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        if (!refuseOver) break;
        throw new AppError(
          'BAD_RESPONSE',
          `${host} sent an answer larger than ${Math.round(limit / 1024 / 1024)} MB, which no amoCRM page is; it was not read further`,
          { host },
        );
      }
      chunks.push(value);
    }
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseServerTime(header: string | null): number | null {
  const parsed = header ? Date.parse(header) : Number.NaN;
  return Number.isFinite(parsed) ? Math.floor(parsed / 1000) : null;
}

function combineSignals(signal: AbortSignal | undefined, timeoutMs: number): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}

function parseJson(text: string, host: string): unknown {
  try {
    // Lone surrogates become U+FFFD here, before anything reaches the mirror.
    return parseWellFormedJson(text);
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
  if (error instanceof TypeError && /terminated/i.test(error.message)) {
    // undici's "terminated": the connection closed before the whole answer arrived.
    return new AppError(
      'NETWORK_UNREACHABLE',
      `The connection to ${host} was cut in the middle of an answer`,
      { host, reason: 'cut' },
      { cause: error },
    );
  }
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
        status,
      });
    case status === 402:
      return new AppError(
        'ACCOUNT_UNAVAILABLE',
        `${host} says the account is unavailable (402): its paid period may have ended`,
        { host, status },
      );
    case status === 403 && isHtml:
      return new AppError(
        'ACCOUNT_BLOCKED',
        `${host} has blocked API access for this address (403); amoCRM support can lift it`,
        { host, status },
      );
    case status === 403:
      return new AppError('FORBIDDEN', `${host} does not allow this request for your user (403)`, { host, status });
    case status === 404:
      return new AppError('BAD_RESPONSE', `${host} has no amoCRM API here (404): check the address`, { host, status });
    case status === 429:
      return new AppError(
        'RATE_LIMITED',
        `${host} kept answering "too many requests" (429); try again in a few minutes`,
        { host, status },
      );
    case status >= 500:
      return new AppError('SERVER_ERROR', `${host} had a server error (${status}); try again later`, { host, status });
    default:
      return new AppError('BAD_RESPONSE', `${host} answered with an unexpected status ${status}`, { host, status });
  }
}
