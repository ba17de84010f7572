/**
 * The client side of amoCRM's "7 requests per second": requests wait their turn so that
 * no one-second window ever holds more than the limit, counted with a small safety margin
 * because the server stamps a request when it arrives, not when we sent it.
 */
import { sleep } from '../lib/abort';
import { SlidingWindow } from '../lib/sliding-window';

export interface RequestLimiter {
  acquire(signal?: AbortSignal): Promise<void>;
  /** Requests in the last second. */
  currentRate(): number;
}

export const defaultRequestsPerSecond = 7;
const marginMs = 25;

export function createRequestLimiter(
  requestsPerSecond = defaultRequestsPerSecond,
  now: () => number = () => performance.now(),
): RequestLimiter {
  const window = new SlidingWindow(requestsPerSecond, 1000 + marginMs);
  const recent = new SlidingWindow(Number.MAX_SAFE_INTEGER, 1000);
  // Serialize waiters: without the chain two callers could both see a free slot.
  let queue: Promise<void> = Promise.resolve();
  return {
    acquire(signal) {
      const turn = queue.then(async () => {
        for (;;) {
          const wait = window.waitTime(now());
          if (wait <= 0 && window.tryAcquire(now())) break;
          await sleep(Math.max(1, Math.ceil(wait)), signal);
        }
        recent.tryAcquire(now());
      });
      queue = turn.catch(() => undefined);
      return turn;
    },
    currentRate: () => recent.count(now()),
  };
}
