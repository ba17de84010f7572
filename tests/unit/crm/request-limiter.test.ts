/** The client limiter never lets more than N requests into any one-second window. */
import { describe, expect, it } from 'vitest';
import { createRequestLimiter } from '../../../src/main/crm/request-limiter';
import { AppError } from '../../../src/shared/errors';

describe('createRequestLimiter', () => {
  it('spaces 20 requests at 10/s so that no 1 s window holds more than 10', async () => {
    const limiter = createRequestLimiter(10);
    const stamps: number[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        const done = await limiter.acquire();
        stamps.push(performance.now());
        done();
      }),
    );
    stamps.sort((a, b) => a - b);
    for (let i = 10; i < stamps.length; i++) {
      expect((stamps[i] as number) - (stamps[i - 10] as number)).toBeGreaterThanOrEqual(1000);
    }
    // ...and does not wait much longer than it must (one window plus the margin).
    expect(performance.now() - started).toBeLessThan(1600);
    expect(limiter.currentRate()).toBeGreaterThan(0);
  });

  it('counts a request until its answer arrives, so a slow answer cannot make the server see one too many', async () => {
    // The server stamps arrival somewhere between send and answer: the limiter must assume the latest.
    const limiter = createRequestLimiter(1);
    const sentAt = performance.now();
    const first = await limiter.acquire();
    await new Promise((resolve) => setTimeout(resolve, 300)); // the answer is slow
    const answeredAt = performance.now();
    first();
    await limiter.acquire();
    expect(performance.now() - answeredAt).toBeGreaterThanOrEqual(1000);
    expect(performance.now() - sentAt).toBeGreaterThanOrEqual(1300);
  });

  it('gives up waiting with CANCELLED when the signal aborts', async () => {
    const limiter = createRequestLimiter(1);
    (await limiter.acquire())();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    setTimeout(() => controller.abort(), 50);
    await expect(waiting).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(waiting).rejects.toBeInstanceOf(AppError);
  });
});

/**
 * Sharing the integration's limit with colleagues (issue 21): a 429 cuts the pace by 15%, and
 * each further one in a row by half; the pace grows back by 0.05 request/s per second while
 * this limiter's recent share of 429s is under 3%; below the limit, requests are spaced at
 * the pace with jitter. Tried on a clock the test moves: one 429, a run of them down to the
 * floor, recovery (held while 429s are frequent), and the spacing at a fixed jitter.
 */
describe('createRequestLimiter sharing the limit', () => {
  const clocked = (random = () => 0.5) => {
    let time = 0;
    const limiter = createRequestLimiter(7, () => time, { random, minimumPerSecond: 0.1 });
    return { limiter, advance: (ms: number) => (time += ms) };
  };

  it('cuts its pace by 15% at a 429, by half at each one more in a row, never below the floor', () => {
    const { limiter } = clocked();
    expect(limiter.pace()).toBe(7);
    expect(limiter.sharing()).toBe(false);
    limiter.refused();
    expect(limiter.pace()).toBeCloseTo(7 * 0.85, 10);
    expect(limiter.sharing()).toBe(true);
    limiter.refused();
    expect(limiter.pace()).toBeCloseTo(7 * 0.85 * 0.5, 10);
    for (let i = 0; i < 20; i++) limiter.refused();
    expect(limiter.pace()).toBe(0.1);
  });

  it('grows back by 0.05 request/s per second once 429s are rare, up to the limit', () => {
    const { limiter, advance } = clocked();
    limiter.refused();
    const cut = limiter.pace();
    // Right after a 429 its recent share is over 3%: a few answers must get through first.
    advance(1000);
    limiter.admitted();
    expect(limiter.pace()).toBe(cut);
    for (let i = 0; i < 5; i++) {
      advance(1000);
      limiter.admitted();
    }
    expect(limiter.pace()).toBeGreaterThan(cut);
    expect(limiter.pace()).toBeLessThanOrEqual(cut + 5 * 0.05 + 1e-9);
    for (let i = 0; i < 100; i++) {
      advance(1000);
      limiter.admitted();
    }
    expect(limiter.pace()).toBe(7);
    expect(limiter.sharing()).toBe(false);
    advance(2500);
    expect(limiter.sinceAdmitted()).toBe(2500);
  });

  it('spaces requests at the pace, jittered, while it is below the limit', async () => {
    // The real clock (the limiter sleeps on real timers), the jitter fixed at its shortest.
    const limiter = createRequestLimiter(7, undefined, { random: () => 0 });
    limiter.refused();
    limiter.refused(); // 7 x 0.85 x 0.5 = 2.975/s: 0.75 x 1000/2.975 ≈ 252 ms apart
    const stamps: number[] = [];
    for (let i = 0; i < 4; i++) {
      (await limiter.acquire())();
      stamps.push(performance.now());
    }
    for (let i = 1; i < stamps.length; i++) {
      const gap = (stamps[i] as number) - (stamps[i - 1] as number);
      expect(gap).toBeGreaterThanOrEqual(251);
      expect(gap).toBeLessThan(450);
    }
  });
});
