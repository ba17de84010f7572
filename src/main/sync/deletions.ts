/**
 * Applying deletions and restorations from the events feed since the last run. A deleted
 * contact leaves the mirror; a restored one is fetched again (the list may not show it as
 * edited). Replaying the same events is harmless, so the cursor may overlap.
 */

import { fetchContact } from '../crm/contacts-api';
import { type ContactEvent, fetchContactDeletions } from '../crm/events-api';
import { throwIfCancelled } from '../lib/abort';
import { deleteContacts } from '../mirror/contacts-repo';
import { getSyncState, updateSyncState } from '../mirror/sync-state-repo';
import { writePage } from './page-writer';
import type { AccountSync } from './sync-context';

const cursorOverlapSeconds = 60;

export interface DeletionsResult {
  readonly deleted: number;
  readonly restored: number;
  /** Creation times of the deletion events seen (to decide on a repair pass). */
  readonly deletionTimes: readonly number[];
  /** Creation times of the changes of responsible user seen (the same, for a pull of one user's contacts). */
  readonly responsibleChangeTimes: readonly number[];
}

export async function applyDeletions(sync: AccountSync, startedAt: number): Promise<DeletionsResult> {
  const state = getSyncState(sync.db, sync.accountId);
  const from = (state.eventsCursor ?? startedAt) - cursorOverlapSeconds;
  const events = await fetchContactDeletions(sync.http, from);
  // Only the last event of each contact matters (deleted, then restored = there).
  const finalState = new Map<number, ContactEvent['type']>();
  for (const event of events)
    if (event.type !== 'entity_responsible_changed') finalState.set(event.contactId, event.type);

  const gone = [...finalState].filter(([, type]) => type === 'contact_deleted').map(([contactId]) => contactId);
  const deleted = deleteContacts(sync.db, sync.accountId, gone);
  let restored = 0;
  for (const [contactId, type] of finalState) {
    throwIfCancelled(sync.signal);
    if (type === 'contact_restored') {
      const contact = await fetchContact(sync.http, contactId);
      if (contact) {
        writePage(sync, [contact]);
        restored++;
      }
    }
  }
  const newest = events.reduce((latest, event) => Math.max(latest, event.createdAt), startedAt);
  updateSyncState(sync.db, sync.accountId, { eventsCursor: newest });
  return {
    deleted,
    restored,
    deletionTimes: timesOf(events, 'contact_deleted'),
    responsibleChangeTimes: timesOf(events, 'entity_responsible_changed'),
  };
}

function timesOf(events: readonly ContactEvent[], type: ContactEvent['type']): number[] {
  return events.filter((event) => event.type === type).map((event) => event.createdAt);
}
