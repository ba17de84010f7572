/** The sync run an export waits on (service/sync-run.ts), driven by a scripted pull. */
import { describe, expect, it } from 'vitest';
import { createSyncRun, type SyncRunHooks } from '../../../src/main/service/sync-run';
import type { SyncResult } from '../../../src/shared/api/types';

/** A pull whose pages the test hands out one by one. */
function scriptedRun(accountIds: number[]) {
  let hooks: SyncRunHooks | null = null;
  let finish: (result: SyncResult) => void = () => undefined;
  let fail: (error: unknown) => void = () => undefined;
  const run = createSyncRun(accountIds, (given) => {
    hooks = given;
    return new Promise<SyncResult>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
  });
  const caughtUp: number[] = [];
  return {
    run,
    caughtUp,
    page: (accountId: number, coveredAfter: number | null) =>
      (hooks as SyncRunHooks).betweenPages(accountId, { coveredAfter, startedAt: 500 }, async (since) => {
        caughtUp.push(since);
        return 1;
      }),
    synced: (accountId: number) => (hooks as SyncRunHooks).accountSynced(accountId),
    finish: () => finish({ accounts: [] }),
    fail,
  };
}

describe('a sync run', () => {
  it('lets an export go once its window has arrived, after the catch-up since the pull began', async () => {
    const script = scriptedRun([1]);
    let ready = '';
    const waiting = script.run.whenReady(1, (progress) => (progress.coveredAfter ?? Number.POSITIVE_INFINITY) < 100);
    void waiting.then((readiness) => {
      ready = readiness;
    });
    await script.page(1, null);
    await script.page(1, 150);
    expect(ready).toBe('');
    expect(script.caughtUp).toEqual([]);
    await script.page(1, 90);
    expect(await waiting).toBe('covered');
    expect(script.caughtUp).toEqual([500]);
    // A later page asks nothing more.
    await script.page(1, 10);
    expect(script.caughtUp).toEqual([500]);
    script.synced(1);
    expect(await script.run.whenReady(1, () => false)).toBe('synced');
    script.finish();
  });

  it('tells every waiter the end: synced when it ends well (an account never reached too), the error when not', async () => {
    const good = scriptedRun([1, 2]);
    const unreached = good.run.whenReady(2, () => false);
    good.synced(1);
    good.finish();
    expect(await unreached).toBe('synced');

    const bad = scriptedRun([1]);
    const waiting = bad.run.whenReady(1, () => false);
    bad.fail(new Error('429 storm'));
    await expect(waiting).rejects.toThrow('429 storm');
    await expect(bad.run.done).rejects.toThrow('429 storm');
    await expect(bad.run.whenReady(1, () => true)).rejects.toThrow('429 storm');
  });

  it('a catch-up that fails fails the waiter and the pull', async () => {
    let hooks: SyncRunHooks | null = null;
    const run = createSyncRun([1], (given) => {
      hooks = given;
      return new Promise<SyncResult>(() => undefined);
    });
    const waiting = run.whenReady(1, () => true);
    const page = (hooks as unknown as SyncRunHooks).betweenPages(1, { coveredAfter: 0, startedAt: 5 }, async () => {
      throw new Error('cut');
    });
    await expect(page).rejects.toThrow('cut');
    await expect(waiting).rejects.toThrow('cut');
  });
});
