/**
 * amoCRM's front door: at most N requests in any one second (429 past it), and a block
 * (an nginx 403 for everything) once a client keeps hammering through 429s. The block is
 * lifted only by support on the real service; here by `unblock()`.
 */
import { SlidingWindow } from '../lib/sliding-window';

export interface RequestGate {
  /** Counts a rate-limited request at `nowMs`; 'limited' means answer 429. */
  admit(nowMs: number): 'ok' | 'limited';
  blocked(): boolean;
  unblock(): void;
  /** Requests answered 429 by the limit so far. */
  rejected(): number;
}

export interface GateOptions {
  /** Requests per second; 0 turns the limit off. */
  readonly rateLimit: number;
  /** 429s within 60 s that get the client blocked; 0 never blocks. */
  readonly blockAfter429s: number;
}

export function createGate(options: GateOptions): RequestGate {
  const window = options.rateLimit > 0 ? new SlidingWindow(options.rateLimit, 1000) : null;
  const newRefusals = () => (options.blockAfter429s > 0 ? new SlidingWindow(options.blockAfter429s, 60_000) : null);
  let refusals = newRefusals();
  let rejected = 0;
  let blocked = false;
  return {
    admit(nowMs) {
      if (!window || window.tryAcquire(nowMs)) return 'ok';
      rejected++;
      if (refusals) {
        refusals.tryAcquire(nowMs);
        if (refusals.count(nowMs) >= options.blockAfter429s) blocked = true;
      }
      return 'limited';
    },
    blocked: () => blocked,
    unblock() {
      blocked = false;
      // A fresh start: the 429s that led to the block do not count towards the next one.
      refusals = newRefusals();
    },
    rejected: () => rejected,
  };
}
