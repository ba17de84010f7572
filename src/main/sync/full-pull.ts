/**
 * The first pull of an account: every contact, by id ascending, resumable. The page to
 * fetch next is stored with each page, so a sync killed halfway continues where it stopped;
 * the CRM's clock at the very start becomes the watermark the incremental pulls start from.
 */
import { pullContactPages } from '../crm/contacts-api';
import { throwIfCancelled } from '../lib/abort';
import { getSyncState, updateSyncState } from '../mirror/sync-state-repo';
import { writePage } from './page-writer';
import type { AccountSync } from './sync-context';

export interface FullPullResult {
  readonly pages: number;
  readonly written: number;
  /** The CRM's clock when this full pull (possibly resumed) first began. */
  readonly startedAt: number;
}

export async function fullPull(sync: AccountSync): Promise<FullPullResult> {
  const state = getSyncState(sync.db, sync.accountId);
  let startedAt = state.fullPullStartedAt;
  let pages = 0;
  let written = 0;
  // A first pull stopped halfway (cancelled, killed, offline) continues at its next page: the
  // progress says so and counts on from the contacts already in the mirror, not from zero.
  const resumed = (state.fullPullNextPage ?? 1) > 1;
  const already = resumed
    ? (sync.db.prepare('SELECT count(*) FROM contacts WHERE account_id = ?').pluck().get(sync.accountId) as number)
    : 0;
  for await (const page of pullContactPages(sync.http, 'id-asc', state.fullPullNextPage ?? 1)) {
    throwIfCancelled(sync.signal);
    startedAt ??= page.serverTime ?? sync.fallbackNow();
    writePage(sync, page.contacts, { fullPullStartedAt: startedAt, fullPullNextPage: page.page + 1 });
    pages++;
    written += page.contacts.length;
    sync.onPage(already + written, resumed);
  }
  throwIfCancelled(sync.signal);
  startedAt ??= sync.fallbackNow();
  updateSyncState(sync.db, sync.accountId, {
    fullPullDone: true,
    fullPullNextPage: null,
    fullPullStartedAt: startedAt,
    watermark: startedAt,
    eventsCursor: state.eventsCursor ?? startedAt,
  });
  return { pages, written, startedAt };
}

/**
 * A second pass after a full pull during which contacts were deleted: each deletion shifts
 * the later contacts one place up the id-ordered list, so one of them may have slipped
 * between two pages unseen. Adds whatever the mirror lacks; changes no cursor.
 */
export async function repairPass(sync: AccountSync): Promise<number> {
  const known = new Set(
    sync.db.prepare('SELECT id FROM contacts WHERE account_id = ?').pluck().all(sync.accountId) as number[],
  );
  let added = 0;
  for await (const page of pullContactPages(sync.http, 'id-asc')) {
    throwIfCancelled(sync.signal);
    const missing = page.contacts.filter((contact) => !known.has(contact.id));
    if (missing.length > 0) writePage(sync, missing);
    added += missing.length;
  }
  return added;
}
