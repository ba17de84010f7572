/**
 * The client side of amoCRM's "7 requests per second": requests wait their turn so that no
 * one-second window, as the server counts it, ever holds more than the limit.
 *
 * The server stamps a request when it arrives, somewhere between our send and its answer.
 * So each request is counted from its send until its answer comes, then from the answer:
 * the next slot opens one second after the latest moment the oldest request could have
 * arrived. Network jitter cannot turn that into a 429; it costs one round trip per window.
 *
 * amoCRM counts the limit per integration, and a whole team shares one (issue 15's team
 * set-up puts every colleague on the administrator's): ten colleagues syncing at once each
 * believe they have 7 a second. So a 429 means "others share this budget", and the pace
 * follows what gets through:
 * - a 429 cuts the pace by 15%, and each further 429 in a row by half (colleagues who all
 *   started at once get out of each other's way in a few answers);
 * - while this limiter's recent share of 429s is under 3%, the pace grows back by 0.05
 *   request/s per second, the same for every colleague, so they converge on equal shares;
 * - below the limit, requests are spaced at the pace with jitter, so colleagues do not fall
 *   into step.
 * Why so gentle: a colleague sends only about 7/N requests a second, and random arrivals near
 * the limit overflow a one-second window often; a controller that keeps pushing to the limit
 * (TCP's +1 a round trip) had a third of all requests refused. Aiming at a small share of
 * 429s keeps the team's total a little under the limit (tests/bench/team-sync.bench.ts).
 * Alone, nothing changes: the pace stays at the limit.
 */
import { sleep } from '../lib/abort';
import { SlidingWindow } from '../lib/sliding-window';

/** Call when the response (or the failure) arrives. */
export type RequestDone = () => void;

export interface RequestLimiter {
  acquire(signal?: AbortSignal): Promise<RequestDone>;
  /** Requests started in the last second. */
  currentRate(): number;
  /** The server answered 429: someone else is spending the same budget. */
  refused(): void;
  /** A request got through. */
  admitted(): void;
  /** The pace now, in requests per second: the limit, unless 429s have slowed it down. */
  pace(): number;
  /** True while 429s keep the pace below the limit: colleagues are syncing at the same time. */
  sharing(): boolean;
  /** Milliseconds since a request last got through (or since the limiter began, if none has). */
  sinceAdmitted(): number;
}

export const defaultRequestsPerSecond = 7;
/** Timer and clock granularity between our stamps and the server's. */
const marginMs = 5;

export interface PacingOptions {
  /** Requests per second the pace regains per second while 429s are rare. */
  readonly increasePerSecond?: number;
  /** The share of 429s (recent, this limiter's) under which the pace may grow. */
  readonly targetRefusedShare?: number;
  /** The slowest pace: one request every 10 s still gets a turn among dozens of colleagues. */
  readonly minimumPerSecond?: number;
  /** [0, 1): the jitter of the spacing; tests make it fixed. */
  readonly random?: () => number;
}

/** How much one answer weighs in the recent share of 429s (about the last 30 answers). */
const shareWeight = 1 / 30;

export function createRequestLimiter(
  requestsPerSecond = defaultRequestsPerSecond,
  now: () => number = () => performance.now(),
  pacing: PacingOptions = {},
): RequestLimiter {
  const window = new SlidingWindow(requestsPerSecond, 1000 + marginMs);
  const recent = new SlidingWindow(Number.MAX_SAFE_INTEGER, 1000);
  const increase = pacing.increasePerSecond ?? 0.05;
  const target = pacing.targetRefusedShare ?? 0.03;
  const minimum = Math.min(requestsPerSecond, pacing.minimumPerSecond ?? 0.1);
  const random = pacing.random ?? Math.random;
  let pace = requestsPerSecond;
  let refusedShare = 0;
  let refusedInARow = 0;
  let lastAnswer = now();
  let nextStart = Number.NEGATIVE_INFINITY;
  let lastAdmitted = now();
  // Serialize waiters: without the chain two callers could both see a free slot.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    acquire(signal) {
      const turn = queue.then(async (): Promise<RequestDone> => {
        for (;;) {
          const wait = Math.max(window.waitTime(now()), nextStart - now());
          const moveStamp = wait <= 0 ? window.tryAcquire(now()) : null;
          if (moveStamp) {
            recent.tryAcquire(now());
            // Below the limit, requests are spaced at the pace, 0.75x to 1.25x at random.
            nextStart = pace < requestsPerSecond ? now() + (1000 / pace) * (0.75 + random() / 2) : now();
            return () => moveStamp(now());
          }
          await sleep(Math.max(1, Math.ceil(wait)), signal);
        }
      });
      queue = turn.catch(() => undefined);
      return turn;
    },
    currentRate: () => recent.count(now()),
    refused() {
      lastAnswer = now();
      refusedInARow++;
      refusedShare += (1 - refusedShare) * shareWeight;
      pace = Math.max(minimum, pace * (refusedInARow > 1 ? 0.5 : 0.85));
    },
    admitted() {
      const elapsed = (now() - lastAnswer) / 1000;
      lastAnswer = now();
      lastAdmitted = lastAnswer;
      refusedInARow = 0;
      refusedShare -= refusedShare * shareWeight;
      if (refusedShare < target) pace = Math.min(requestsPerSecond, pace + increase * elapsed);
    },
    pace: () => pace,
    sharing: () => pace < requestsPerSecond,
    sinceAdmitted: () => now() - lastAdmitted,
  };
}
