/**
 * One account's sync, start to end: who the user is now and what they may export (R7),
 * the field definitions, then the contacts (a resumable full pull the first time,
 * incremental pulls after), then deletions from the events feed.
 */
import type { SyncPhase } from '../../shared/api/events';
import type { SyncAccountResult } from '../../shared/api/types';
import { AppError } from '../../shared/errors';
import { fetchAccountInfo } from '../crm/account-api';
import type { AmoHttpOptions } from '../crm/amo-http';
import { fetchContactFields, fieldCodesOf } from '../crm/fields-api';
import { fetchUserRights } from '../crm/rights-api';
import { fetchUsers } from '../crm/users-api';
import { type AccountRecord, markAccountSynced, saveAccount, saveRights } from '../mirror/accounts-repo';
import type { MirrorDb } from '../mirror/mirror-db';
import { replaceFields, replaceGroups, replaceUsers } from '../mirror/people-repo';
import { getSyncState, restartFirstPull } from '../mirror/sync-state-repo';
import { phoneRegion } from '../phones/normalize';
import { applyDeletions } from './deletions';
import { fullPull, repairPass } from './full-pull';
import { catchUpSince, incrementalPull } from './incremental-pull';
import { mirrorTooNarrow, pullScopeFor } from './pull-scope';
import type { AccountSync, PullProgress } from './sync-context';

export interface SyncAccountRequest {
  readonly db: MirrorDb;
  readonly account: AccountRecord;
  readonly http: AmoHttpOptions;
  readonly signal: AbortSignal;
  /** Unix milliseconds, this computer's clock. */
  readonly now: () => number;
  readonly progress: (phase: SyncPhase, pages: number, contacts: number, resumed?: boolean) => void;
  /**
   * Between two pages of a first pull: how far it has come, and a catch-up of the edits since
   * a moment (the pull's start) that the caller may run there, before the next page.
   */
  readonly betweenPages?: (progress: PullProgress, catchUp: (since: number) => Promise<number>) => Promise<void>;
}

/** Reads the account, the user's rights and the field definitions; returns what a pull needs. */
export async function prepareSync(request: SyncAccountRequest): Promise<AccountSync> {
  const { db, account, http } = request;
  const info = await fetchAccountInfo(http);
  if (info.id !== account.id) {
    throw new AppError(
      'AUTH_REJECTED',
      `This sign-in now belongs to another account (${info.subdomain}): connect again`,
      {
        host: new URL(http.baseUrl).host,
      },
    );
  }
  saveAccount(db, {
    ...account,
    name: info.name,
    subdomain: info.subdomain,
    country: info.country,
    currentUserId: info.currentUserId,
  });
  replaceGroups(db, account.id, info.groups);
  const rights = await fetchUserRights(http, info.currentUserId);
  saveRights(db, account.id, rights, request.now());
  // Only administrators may list users: skip the request that would surely be refused.
  if (rights.known && rights.isAdmin) replaceUsers(db, account.id, await fetchUsers(http));
  const fields = await fetchContactFields(http);
  replaceFields(db, account.id, fields);

  let pages = 0;
  const { betweenPages } = request;
  const sync: AccountSync = {
    db,
    accountId: account.id,
    http,
    region: phoneRegion(info.country),
    codes: fieldCodesOf(fields),
    pullFor: pullScopeFor({ currentUserId: info.currentUserId, apiFilterEnabled: info.apiFilterEnabled }, rights),
    signal: request.signal,
    onPage: (written, resumed) => request.progress('contacts', ++pages, written, resumed),
    ...(betweenPages
      ? { betweenPages: (progress) => betweenPages(progress, (since) => catchUpSince(sync, since)) }
      : {}),
    fallbackNow: () => Math.floor(request.now() / 1000),
  };
  return sync;
}

export async function syncAccount(request: SyncAccountRequest): Promise<SyncAccountResult> {
  const started = request.now();
  request.progress('account', 0, 0);
  const sync = await prepareSync(request);
  const pulledFor = getSyncState(request.db, request.account.id).pulledForUserId;
  // Pulled for the user's own contacts, and they may now export more (rights widened, or the
  // sign-in is another user's): the account is pulled again, over what the mirror has.
  if (mirrorTooNarrow(pulledFor, sync.pullFor)) restartFirstPull(request.db, request.account.id);
  const wasFull = !getSyncState(request.db, request.account.id).fullPullDone;

  let pages: number;
  let written: number;
  let pullStartedAt: number;
  if (wasFull) {
    const result = await fullPull(sync);
    ({ pages, written } = result);
    pullStartedAt = result.startedAt;
  } else {
    const result = await incrementalPull(sync);
    ({ pages, written } = result);
    pullStartedAt = getSyncState(request.db, request.account.id).watermark ?? sync.fallbackNow();
  }

  request.progress('deletions', pages, written);
  const deletions = await applyDeletions(sync, pullStartedAt);
  // In a pull of one user's contacts, a contact given to someone else leaves the list as a
  // deleted one does, and may make another slip between two pages in the same way.
  const filtered = getSyncState(request.db, request.account.id).pulledForUserId !== null;
  const shifts = filtered ? [...deletions.deletionTimes, ...deletions.responsibleChangeTimes] : deletions.deletionTimes;
  if (wasFull && shifts.some((time) => time >= pullStartedAt)) {
    written += await repairPass(sync);
  }

  markAccountSynced(request.db, request.account.id, request.now());
  request.progress('done', pages, written);
  return {
    accountId: request.account.id,
    mode: wasFull ? 'full' : 'incremental',
    contacts: written + deletions.restored,
    deleted: deletions.deleted,
    pages,
    durationMs: request.now() - started,
  };
}
