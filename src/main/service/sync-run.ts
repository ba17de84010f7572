/**
 * The one sync a process runs, as something an export can wait on (issue 17): the export of a
 * big account that was just connected waits only until its window has arrived (the first
 * pull goes freshest first), has the pull catch up on the edits made since it began, plans, and
 * delivers, while the rest of the pull goes on behind it with its progress shown.
 *
 * One writer: the catch-up runs inside the pull, between two of its pages (betweenPages), so
 * a page fetched before an edit never overwrites the edit the catch-up brought.
 */
import type { SyncResult } from '../../shared/api/types';
import type { PullProgress } from '../sync/sync-context';

export type Readiness = 'synced' | 'covered';

export interface SyncRun {
  /** The accounts a sync run pulls; empty for a run that is no sync (a reconciliation), which nothing joins. */
  readonly accountIds: readonly number[];
  readonly controller: AbortController;
  readonly done: Promise<SyncResult>;
  /**
   * Resolves once the account is synced in this run ('synced'), or once its first pull has
   * brought what `covered` asks for and then caught up on the edits made since it began
   * ('covered': R1's refresh, for the part the export reads). Rejects with the run's error if
   * it ends before.
   */
  whenReady(accountId: number, covered: (progress: PullProgress) => boolean): Promise<Readiness>;
}

interface Waiter {
  readonly covered: (progress: PullProgress) => boolean;
  readonly resolve: (readiness: Readiness) => void;
  readonly reject: (error: unknown) => void;
}

/** What the run's pull calls: the hooks between pages and at each account's end. */
export interface SyncRunHooks {
  betweenPages(accountId: number, progress: PullProgress, catchUp: (since: number) => Promise<unknown>): Promise<void>;
  accountSynced(accountId: number): void;
}

export function createSyncRun(
  accountIds: readonly number[],
  work: (hooks: SyncRunHooks, signal: AbortSignal) => Promise<SyncResult>,
): SyncRun {
  const controller = new AbortController();
  const waiters = new Map<number, Waiter[]>();
  const synced = new Set<number>();
  let failure: { error: unknown } | null = null;

  const hooks: SyncRunHooks = {
    async betweenPages(accountId, progress, catchUp) {
      const all = waiters.get(accountId) ?? [];
      const ready = all.filter((waiter) => waiter.covered(progress));
      if (ready.length === 0) return;
      waiters.set(
        accountId,
        all.filter((waiter) => !ready.includes(waiter)),
      );
      try {
        await catchUp(progress.startedAt);
      } catch (error) {
        for (const waiter of ready) waiter.reject(error);
        throw error;
      }
      for (const waiter of ready) waiter.resolve('covered');
    },
    accountSynced(accountId) {
      synced.add(accountId);
      for (const waiter of waiters.get(accountId) ?? []) waiter.resolve('synced');
      waiters.delete(accountId);
    },
  };

  const done = work(hooks, controller.signal);
  done.then(
    () => {
      // Whoever still waits (an account the run never reached) gets the end of the run.
      for (const list of waiters.values()) for (const waiter of list) waiter.resolve('synced');
      waiters.clear();
      for (const accountId of accountIds) synced.add(accountId);
    },
    (error: unknown) => {
      failure = { error };
      for (const list of waiters.values()) for (const waiter of list) waiter.reject(error);
      waiters.clear();
    },
  );

  return {
    accountIds,
    controller,
    done,
    whenReady(accountId, covered) {
      if (synced.has(accountId)) return Promise.resolve('synced');
      if (failure) return Promise.reject(failure.error);
      // Asked between two pages: the next betweenPages sees it (a page later at most).
      return new Promise((resolve, reject) => {
        waiters.set(accountId, [...(waiters.get(accountId) ?? []), { covered, resolve, reject }]);
      });
    },
  };
}
