/**
 * Counts events in a sliding window: the rule "at most N requests in any one second"
 * that amoCRM enforces, used by the sandbox to refuse and by the client to wait.
 */
export class SlidingWindow {
  private readonly stamps: number[] = [];

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Drops stamps that left the window ending at `now`. */
  private expire(now: number): void {
    while (this.stamps.length > 0 && (this.stamps[0] as number) <= now - this.windowMs) this.stamps.shift();
  }

  /** Records an event at `now` if it fits, and says whether it did. */
  tryAcquire(now: number): boolean {
    this.expire(now);
    if (this.stamps.length >= this.limit) return false;
    this.stamps.push(now);
    return true;
  }

  /** Milliseconds until an event would fit (0 if it fits now). */
  waitTime(now: number): number {
    this.expire(now);
    if (this.stamps.length < this.limit) return 0;
    return (this.stamps[0] as number) + this.windowMs - now;
  }

  /** Events inside the window ending at `now`. */
  count(now: number): number {
    this.expire(now);
    return this.stamps.length;
  }
}
