/**
 * Later pulls: newest edits first (`order[updated_at]=desc`), until the edits are older
 * than the watermark minus an overlap. No filters are used: on accounts where amoCRM's API
 * filters are off they are silently ignored, and a filtered pull would quietly be a full one.
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
  const floor = (state.watermark ?? 0) - watermarkOverlapSeconds;
  let nextWatermark: number | null = null;
  let previous = Number.POSITIVE_INFINITY;
  let ordered = true;
  let pages = 0;
  let written = 0;

  for await (const page of pullContactPages(sync.http, 'updated-desc')) {
    throwIfCancelled(sync.signal);
    // Anything edited after this moment will be newer than the next watermark.
    nextWatermark ??= page.serverTime ?? sync.fallbackNow();
    for (const contact of page.contacts) {
      const stamp = contact.updated_at ?? 0;
      if (stamp > previous) ordered = false;
      previous = stamp;
    }
    const fresh = ordered ? page.contacts.filter((contact) => (contact.updated_at ?? 0) >= floor) : page.contacts;
    writePage(sync, fresh);
    pages++;
    written += fresh.length;
    sync.onPage(written);
    if (ordered && previous < floor) break;
  }
  throwIfCancelled(sync.signal);
  updateSyncState(sync.db, sync.accountId, { watermark: nextWatermark ?? state.watermark ?? sync.fallbackNow() });
  return { pages, written, readEverything: !ordered };
}
