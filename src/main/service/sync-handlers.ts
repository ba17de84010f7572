/**
 * Syncing accounts, and the id reconciliation a user can run. One sync at a time per
 * process; cancel stops it between requests, keeping every page already written.
 */

import type { PullSource, SyncPhase } from '../../shared/api/events';
import type { ApiParsedInput } from '../../shared/api/schemas';
import type { SyncAccountResult, SyncResult } from '../../shared/api/types';
import { AppError } from '../../shared/errors';
import type { VerbGroup } from '../api/registry';
import { apiDomainOf, currentAccountBaseUrl } from '../crm/account-domain';
import type { AmoHttpOptions } from '../crm/amo-http';
import { parseAccountBaseUrl } from '../crm/base-url';
import { type AccountRecord, getAccount, setAccountBaseUrl } from '../mirror/accounts-repo';
import { reconcileIds } from '../sync/reconcile';
import { prepareSync, type SyncAccountRequest, syncAccount } from '../sync/sync-account';
import { connectionFor, type PullRoute, selectAccounts, teamMirrorUnavailable } from './connection';
import type { CoreContext, ServiceContext } from './context';
import { createSyncRun, type SyncRun, type SyncRunHooks } from './sync-run';

type SyncContext = CoreContext & Pick<ServiceContext, 'sync'>;

/**
 * Starts the one sync of this process (it runs on when the caller stops waiting: an export
 * waits only for its window, see sync-run.ts). BUSY while another one runs.
 */
export function startSyncRun(
  ctx: SyncContext,
  accountIds: readonly number[],
  work: (hooks: SyncRunHooks, signal: AbortSignal) => Promise<SyncResult>,
): SyncRun {
  if (ctx.sync.running) throw new AppError('BUSY', 'A sync is already running');
  const run = createSyncRun(accountIds, work);
  ctx.sync.running = run;
  const clear = () => {
    if (ctx.sync.running === run) ctx.sync.running = null;
  };
  run.done.then(clear, clear);
  return run;
}

function reporter(ctx: CoreContext, accountId: number, http: () => AmoHttpOptions | null, source: () => PullSource) {
  return (phase: SyncPhase, pages: number, contacts: number, resumed = false) =>
    ctx.events.emit({
      type: 'sync:progress',
      accountId,
      phase,
      pages,
      contacts,
      resumed,
      requestsPerSecond: http()?.limiter.currentRate() ?? 0,
      sharingLimit: http()?.limiter.sharing() ?? false,
      source: source(),
    });
}

/**
 * Runs `work` for one account with everything a sync needs, reporting progress, and
 * following the account once if it moved to a new subdomain.
 */
function forAccount<T>(
  ctx: CoreContext,
  account: AccountRecord,
  signal: AbortSignal,
  work: (request: SyncAccountRequest) => Promise<T>,
  hooks?: SyncRunHooks,
): Promise<T> {
  let current: AmoHttpOptions | null = null;
  let source: PullSource = account.teamMirror ? 'team-mirror' : 'amocrm';
  const progress = reporter(
    ctx,
    account.id,
    () => current,
    () => source,
  );
  return withAccount(ctx, account, signal, (http, route) => {
    current = http;
    if (route === 'amocrm' && account.teamMirror) source = 'amocrm-instead-of-team-mirror';
    return work({
      db: ctx.db,
      account: getAccount(ctx.db, account.id) ?? account,
      http,
      signal,
      now: ctx.now,
      progress,
      ...(hooks ? { betweenPages: (pulled, catchUp) => hooks.betweenPages(account.id, pulled, catchUp) } : {}),
    });
  });
}

/**
 * Runs `work` with a connection: the team mirror's when the invitation named one, amoCRM's
 * when it cannot be reached (or is not who it should be: nothing was sent to it then); if the
 * account moved to a new subdomain, follows it once.
 */
async function withAccount<T>(
  ctx: CoreContext,
  account: AccountRecord,
  signal: AbortSignal,
  work: (http: AmoHttpOptions, route: PullRoute) => Promise<T>,
): Promise<T> {
  let route: PullRoute = 'preferred';
  let http = await connectionFor(ctx, account, signal, route);
  try {
    try {
      return await work(http, route);
    } catch (error) {
      if (!account.teamMirror || !teamMirrorUnavailable(error)) throw error;
      route = 'amocrm';
      http = await connectionFor(ctx, account, signal, route);
      return await work(http, route);
    }
  } catch (error) {
    const moved =
      error instanceof AppError && error.params['status'] === 404 ? await followRename(ctx, account, http) : null;
    if (!moved) throw error;
    return work(await connectionFor(ctx, moved, signal, route), route);
  } finally {
    // Pages written before a cancel or a failure stay in the mirror: say so either way.
    ctx.events.emit({ type: 'accounts:changed' });
  }
}

/** amoCRM lets an account change its subdomain; the token's API host knows the new one. */
async function followRename(
  ctx: CoreContext,
  account: AccountRecord,
  http: AmoHttpOptions,
): Promise<AccountRecord | null> {
  const apiDomain = apiDomainOf(await http.auth.token().catch(() => ''));
  if (!apiDomain) return null;
  let apiBase: string;
  try {
    apiBase = parseAccountBaseUrl(`${new URL(account.baseUrl).protocol}//${apiDomain}`);
  } catch {
    return null;
  }
  const newBase = await currentAccountBaseUrl({ ...http, baseUrl: apiBase }, account.id).catch(() => null);
  if (!newBase || newBase === account.baseUrl) return null;
  setAccountBaseUrl(ctx.db, account.id, newBase);
  ctx.sessions.delete(account.id);
  return getAccount(ctx.db, account.id);
}

/**
 * Pulls the chosen accounts (all when none is named) into the mirror. A sync already running
 * for them (one an export started) is joined, not refused.
 */
export function syncAccounts(ctx: SyncContext, { accountId }: ApiParsedInput<'syncAccounts'>): Promise<SyncResult> {
  const accounts = selectAccounts(ctx, accountId);
  const running = ctx.sync.running;
  if (running && accounts.every((account) => running.accountIds.includes(account.id))) return running.done;
  return syncRunFor(ctx, accounts).done;
}

/** A sync run over `accounts`, each synced in turn, telling the run's waiters as it goes. */
export function syncRunFor(ctx: SyncContext, accounts: readonly AccountRecord[]): SyncRun {
  return startSyncRun(
    ctx,
    accounts.map((account) => account.id),
    async (hooks, signal) => {
      const results: SyncAccountResult[] = [];
      for (const account of accounts) {
        results.push(await forAccount(ctx, account, signal, syncAccount, hooks));
        hooks.accountSynced(account.id);
      }
      return { accounts: results };
    },
  );
}

function reconcileAccount(ctx: SyncContext, { accountId }: ApiParsedInput<'reconcileAccount'>) {
  const [account] = selectAccounts(ctx, accountId) as [AccountRecord];
  let outcome: Awaited<ReturnType<typeof reconcileIds>> | null = null;
  // Not a sync: no export or "Sync now" joins it (its account list is empty).
  const run = startSyncRun(ctx, [], async (_hooks, signal) => {
    outcome = await forAccount(ctx, account, signal, async (request) => {
      request.progress('reconcile', 0, 0);
      const sync = await prepareSync(request);
      const result = await reconcileIds(
        { ...sync, onPage: (seen) => request.progress('reconcile', 0, seen) },
        Math.floor(ctx.now() / 1000),
      );
      request.progress('done', 0, result.checked);
      return result;
    });
    return { accounts: [] };
  });
  return run.done.then(() => ({ accountId: account.id, ...(outcome as NonNullable<typeof outcome>) }));
}

export async function cancelSync(ctx: Pick<ServiceContext, 'sync'>) {
  if (!ctx.sync.running) return { cancelled: false };
  ctx.sync.running.controller.abort();
  return { cancelled: true };
}

export const syncVerbs = { syncAccounts, cancelSync, reconcileAccount } satisfies VerbGroup<ServiceContext>;
