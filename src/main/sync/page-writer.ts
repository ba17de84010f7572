/**
 * Writing a pulled page: map, then upsert the contacts and move the sync's cursor in one
 * transaction, so a sync killed at any moment leaves either the whole page and its cursor
 * or neither.
 */
import { toMirrorContact } from '../crm/contact-mapper';
import type { WireContact } from '../crm/wire';
import { upsertContacts } from '../mirror/contacts-repo';
import { type SyncState, updateSyncState } from '../mirror/sync-state-repo';
import type { AccountSync } from './sync-context';

export function writePage(sync: AccountSync, contacts: readonly WireContact[], state?: Partial<SyncState>): void {
  const mapped = contacts.map((wire) => toMirrorContact(wire, sync.region, sync.codes));
  sync.db.transaction(() => {
    upsertContacts(sync.db, sync.accountId, mapped);
    if (state) updateSyncState(sync.db, sync.accountId, state);
  })();
}
