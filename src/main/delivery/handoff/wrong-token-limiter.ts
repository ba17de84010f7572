/**
 * Guessing a 128-bit token is hopeless, but a phone (or a script) hammering the server with
 * wrong ones is still refused for a while: at most `limit` wrong tokens per address per
 * window, then every request from that address is refused until the window passes.
 */
export interface WrongTokenLimiter {
  /** Records a wrong token from this address. */
  recordWrong(address: string, now: number): void;
  /** True when this address must wait. */
  isBlocked(address: string, now: number): boolean;
}

export function createWrongTokenLimiter(limit = 10, windowMs = 60_000): WrongTokenLimiter {
  const wrong = new Map<string, number[]>();
  const recent = (address: string, now: number) => (wrong.get(address) ?? []).filter((stamp) => stamp > now - windowMs);
  return {
    recordWrong(address, now) {
      const stamps = recent(address, now);
      stamps.push(now);
      wrong.set(address, stamps);
    },
    isBlocked(address, now) {
      const stamps = recent(address, now);
      wrong.set(address, stamps);
      return stamps.length >= limit;
    },
  };
}
