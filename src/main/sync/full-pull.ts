/**
 * The first pull of an account: every contact, freshest first (`order[updated_at]=desc`),
 * resumable. The page to fetch next is stored with each page, so a sync killed halfway
 * continues where it stopped; the CRM's clock at the very start becomes the watermark the
 * incremental pulls start from.
 *
 * Freshest first, so that the contacts an export needs (the 5,000 freshest for an iPhone,
 * the period of a first export) arrive first: after each page the pull knows a floor, every
 * contact updated after it being in the mirror, and says so between pages (betweenPages).
 * Why the floor holds while the account changes under the pull:
 * - an edited or new contact jumps to the top: pages after it shift by one, so a contact
 *   already read is read again (harmless); the edited one is newer than the pull's start,
 *   and the catch-up (catchUpSince) or the next incremental pull brings it;
 * - a deleted contact shifts the rest up by one, so one may slip between two pages: the
 *   deletions found after the pull trigger the repair pass, as before;
 * - a CRM that does not keep the order (a contact newer than the floor that the mirror has
 *   not seen) makes the floor unknown for the rest of the pull: exports then wait for all of it.
 * A pull begun by an earlier version (by id) resumes by id, its pages lining up with its cursor.
 *
 * Where the user may export only their own contacts, the pull asks for those alone
 * (sync.pullFor, pull-scope.ts) and records whose they are; a page holding anyone else's
 * shows that the account ignored the filter, and the pull is then simply a full one.
 */
import { type ContactsOrder, pullContactPages } from '../crm/contacts-api';
import type { WireContact } from '../crm/wire';
import { throwIfCancelled } from '../lib/abort';
import { getSyncState, updateSyncState } from '../mirror/sync-state-repo';
import { writePage } from './page-writer';
import { filterWasIgnored } from './pull-scope';
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
  // Only from where its pages came: a team mirror's pages are not amoCRM's (migration 0014).
  const source = new URL(sync.http.baseUrl).origin;
  const resumed = (state.fullPullNextPage ?? 1) > 1 && (state.fullPullSource ?? source) === source;
  const order: ContactsOrder = resumed ? (state.fullPullOrder ?? 'id-asc') : 'updated-desc';
  let floor = resumed ? state.fullPullFloor : null;
  // Once the CRM breaks the order, the floor stays unknown to the end of this pull.
  let ordered = order === 'updated-desc' && (!resumed || floor !== null);
  // A resumed pull keeps the filter its pages were counted with.
  const responsibleUserId = resumed ? state.pulledForUserId : sync.pullFor;
  let pulledFor = responsibleUserId;
  const already = resumed
    ? (sync.db.prepare('SELECT count(*) FROM contacts WHERE account_id = ?').pluck().get(sync.accountId) as number)
    : 0;
  const contactPages = pullContactPages(sync.http, {
    order,
    fromPage: resumed ? (state.fullPullNextPage ?? 1) : 1,
    responsibleUserId,
  });
  for await (const page of contactPages) {
    throwIfCancelled(sync.signal);
    startedAt ??= page.serverTime ?? sync.fallbackNow();
    // Ignored, the filter changes nothing in the pages: they are the whole account's, in order.
    if (pulledFor !== null && filterWasIgnored(pulledFor, page.contacts)) pulledFor = null;
    if (ordered) {
      const next = floorAfter(sync, floor, page.contacts);
      ordered = next !== undefined;
      floor = next ?? null;
    }
    writePage(sync, page.contacts, {
      fullPullStartedAt: startedAt,
      fullPullNextPage: page.page + 1,
      fullPullOrder: order,
      fullPullFloor: ordered ? floor : null,
      pulledForUserId: pulledFor,
      fullPullSource: source,
    });
    pages++;
    written += page.contacts.length;
    sync.onPage(already + written, resumed);
    await sync.betweenPages?.({ coveredAfter: ordered ? floor : null, startedAt });
  }
  throwIfCancelled(sync.signal);
  startedAt ??= sync.fallbackNow();
  updateSyncState(sync.db, sync.accountId, {
    fullPullDone: true,
    fullPullNextPage: null,
    fullPullOrder: null,
    fullPullFloor: null,
    fullPullSource: null,
    fullPullStartedAt: startedAt,
    pulledForUserId: pulledFor,
    watermark: startedAt,
    eventsCursor: state.eventsCursor ?? startedAt,
  });
  return { pages, written, startedAt };
}

/**
 * The floor once `contacts` (the next page, freshest first) are in: the oldest update seen so
 * far. Every contact updated after it has been read (one updated in that very second may still
 * be on the next page). Undefined when the page breaks the order: a contact newer than the
 * floor is allowed only if the mirror already has it as it is (read again after the pages shifted).
 */
function floorAfter(sync: AccountSync, floor: number | null, contacts: readonly WireContact[]): number | undefined {
  let lowest = floor ?? Number.POSITIVE_INFINITY;
  let previous = Number.POSITIVE_INFINITY;
  const known = sync.db.prepare('SELECT updated_at FROM contacts WHERE account_id = ? AND id = ?').pluck();
  for (const contact of contacts) {
    const stamp = contact.updated_at ?? 0;
    if (stamp > previous) return undefined;
    previous = stamp;
    if (floor !== null && stamp > floor && known.get(sync.accountId, contact.id) !== stamp) return undefined;
    lowest = Math.min(lowest, stamp);
  }
  return lowest === Number.POSITIVE_INFINITY ? undefined : lowest;
}

/**
 * A second pass after a full pull during which contacts were deleted (or, in a pull of one
 * user's contacts, given to someone else): each shifts the later contacts one place up the
 * list, so one of them may have slipped between two pages unseen. Adds whatever the mirror
 * lacks, with the same filter as the pull; changes no cursor.
 */
export async function repairPass(sync: AccountSync): Promise<number> {
  const known = new Set(
    sync.db.prepare('SELECT id FROM contacts WHERE account_id = ?').pluck().all(sync.accountId) as number[],
  );
  const responsibleUserId = getSyncState(sync.db, sync.accountId).pulledForUserId;
  let added = 0;
  for await (const page of pullContactPages(sync.http, { order: 'id-asc', responsibleUserId })) {
    throwIfCancelled(sync.signal);
    const missing = page.contacts.filter((contact) => !known.has(contact.id));
    if (missing.length > 0) writePage(sync, missing);
    added += missing.length;
  }
  return added;
}
