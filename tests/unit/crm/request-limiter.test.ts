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
