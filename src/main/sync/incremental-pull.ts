/**
 * Later pulls: newest edits first (`order[updated_at]=desc`), until the edits are older
 * than the watermark minus an overlap. Never filtered, even when the first pull asked only for
 * the user's own contacts (pull-scope.ts): a change of responsible user is an edit, so this
 * pull is what brings a contact just given to the user, and the new owner of one taken away.
 *
 * Ordering is checked, not trusted: if the CRM answers out of order, stopping early could
 * miss edits, so the pull falls back to reading every page.
 */
import { pullContactPages } from '../crm/contacts-api';
import { throwIfCancelled } from '../lib/abort';
import { getSyncState, updateSyncState } from '../mirror/sync-state-repo';
import { writePage } from './page-writer';
import { type AccountSync, watermarkOverlapSeconds } from './sync-context';

export interface IncrementalResult {
  readonly pages: number;
  readonly written: number;
  /** True when the CRM ignored the ordering and every page was read. */
  readonly readEverything: boolean;
}

export async function incrementalPull(sync: AccountSync): Promise<IncrementalResult> {
  const state = getSyncState(sync.db, sync.accountId);
  const edits = await pullEditsSince(sync, (state.watermark ?? 0) - watermarkOverlapSeconds, sync.onPage);
  updateSyncState(sync.db, sync.accountId, {
    watermark: edits.serverTime ?? state.watermark ?? sync.fallbackNow(),
  });
  return { pages: edits.pages, written: edits.written, readEverything: !edits.ordered };
}

/**
 * During a first pull, for an export about to run: the edits made since the pull began, which
 * jumped ahead of it (full-pull.ts). Moves no cursor: the pull and the watermark go on as they were.
 */
export async function catchUpSince(sync: AccountSync, since: number): Promise<number> {
  return (await pullEditsSince(sync, since - watermarkOverlapSeconds, () => undefined)).written;
}

interface Edits {
  readonly pages: number;
  readonly written: number;
  readonly ordered: boolean;
  /** The CRM's clock at the first answer: anything edited after it is newer than what was read. */
  readonly serverTime: number | null;
}

/** Newest edits first, until they are older than `floor`; every page if the CRM ignores the order. */
async function pullEditsSince(sync: AccountSync, floor: number, onPage: (written: number) => void): Promise<Edits> {
  let serverTime: number | null = null;
  let previous = Number.POSITIVE_INFINITY;
  let ordered = true;
  let pages = 0;
  let written = 0;

  for await (const page of pullContactPages(sync.http, { order: 'updated-desc' })) {
    throwIfCancelled(sync.signal);
    serverTime ??= page.serverTime ?? sync.fallbackNow();
    for (const contact of page.contacts) {
      const stamp = contact.updated_at ?? 0;
      if (stamp > previous) ordered = false;
      previous = stamp;
    }
    const fresh = ordered ? page.contacts.filter((contact) => (contact.updated_at ?? 0) >= floor) : page.contacts;
    writePage(sync, fresh);
    pages++;
    written += fresh.length;
    onPage(written);
    if (ordered && previous < floor) break;
  }
  throwIfCancelled(sync.signal);
  return { pages, written, ordered, serverTime };
}
