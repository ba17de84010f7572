/**
 * The client side of amoCRM's "7 requests per second": requests wait their turn so that no
 * one-second window, as the server counts it, ever holds more than the limit.
 *
 * The server stamps a request when it arrives, somewhere between our send and its answer.
 * So each request is counted from its send until its answer comes, then from the answer:
 * the next slot opens one second after the latest moment the oldest request could have
 * arrived. Network jitter cannot turn that into a 429; it costs one round trip per window.
 */
import { sleep } from '../lib/abort';
import { SlidingWindow } from '../lib/sliding-window';

/** Call when the response (or the failure) arrives. */
export type RequestDone = () => void;

export interface RequestLimiter {
  acquire(signal?: AbortSignal): Promise<RequestDone>;
  /** Requests started in the last second. */
  currentRate(): number;
}

export const defaultRequestsPerSecond = 7;
/** Timer and clock granularity between our stamps and the server's. */
const marginMs = 5;

export function createRequestLimiter(
  requestsPerSecond = defaultRequestsPerSecond,
  now: () => number = () => performance.now(),
): RequestLimiter {
  const window = new SlidingWindow(requestsPerSecond, 1000 + marginMs);
  const recent = new SlidingWindow(Number.MAX_SAFE_INTEGER, 1000);
  // Serialize waiters: without the chain two callers could both see a free slot.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    acquire(signal) {
      const turn = queue.then(async (): Promise<RequestDone> => {
        for (;;) {
          const wait = window.waitTime(now());
          const moveStamp = wait <= 0 ? window.tryAcquire(now()) : null;
          if (moveStamp) {
            recent.tryAcquire(now());
            return () => moveStamp(now());
          }
          await sleep(Math.max(1, Math.ceil(wait)), signal);
        }
      });
      queue = turn.catch(() => undefined);
      return turn;
    },
    currentRate: () => recent.count(now()),
  };
}
