/**
 * Counts events in a sliding window: the rule "at most N requests in any one second" that
 * amoCRM enforces, used by the sandbox to refuse and by the client to wait. N is small
 * (7), so plain arrays beat anything cleverer.
 */
export class SlidingWindow {
  private stamps: number[] = [];

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Drops stamps that left the window ending at `now`. */
  private expire(now: number): void {
    this.stamps = this.stamps.filter((stamp) => stamp > now - this.windowMs);
  }

  /**
   * Records an event at `now` if it fits. Returns a function that moves the event's stamp
   * to a later moment (when its response arrived), or null if it did not fit.
   */
  tryAcquire(now: number): ((later: number) => void) | null {
    this.expire(now);
    if (this.stamps.length >= this.limit) return null;
    this.stamps.push(now);
    let current = now;
    return (later) => {
      if (later <= current) return;
      // The stamps are a multiset of times: replacing any one equal to ours is the same.
      const at = this.stamps.indexOf(current);
      if (at >= 0) this.stamps[at] = later;
      current = later;
    };
  }

  /** Milliseconds until an event would fit (0 if it fits now). */
  waitTime(now: number): number {
    this.expire(now);
    if (this.stamps.length < this.limit) return 0;
    return Math.min(...this.stamps) + this.windowMs - now;
  }

  /** Events inside the window ending at `now`. */
  count(now: number): number {
    this.expire(now);
    return this.stamps.length;
  }
}
