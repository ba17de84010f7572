/**
 * The id reconciliation the user can run: list every contact the CRM shows, and remove from
 * the mirror what it no longer shows (deleted, or hidden by a change of responsible user or
 * of rights, which no event reports). Before removing, each missing contact is asked for
 * by id; when too many are missing to ask one by one, a second listing must agree.
 * A mirror pulled for the user's own contacts (pull-scope.ts) is listed with the same filter:
 * a contact since given to someone else then leaves it, as it leaves what they may export.
 */
import { fetchContact, pullContactPages } from '../crm/contacts-api';
import { throwIfCancelled } from '../lib/abort';
import { deleteContacts } from '../mirror/contacts-repo';
import { getSyncState, updateSyncState } from '../mirror/sync-state-repo';
import { writePage } from './page-writer';
import type { AccountSync } from './sync-context';

const askOneByOneUpTo = 50;

export interface ReconcileOutcome {
  readonly removed: number;
  readonly added: number;
  readonly checked: number;
}

async function listIds(
  sync: AccountSync,
  responsibleUserId: number | null,
  known: ReadonlySet<number>,
  onNew: (count: number) => void,
): Promise<Set<number>> {
  const seen = new Set<number>();
  for await (const page of pullContactPages(sync.http, { order: 'id-asc', responsibleUserId })) {
    throwIfCancelled(sync.signal);
    const missing = page.contacts.filter((contact) => !known.has(contact.id));
    if (missing.length > 0) writePage(sync, missing);
    onNew(missing.length);
    for (const contact of page.contacts) seen.add(contact.id);
    sync.onPage(seen.size);
  }
  return seen;
}

export async function reconcileIds(sync: AccountSync, now: number): Promise<ReconcileOutcome> {
  const known = new Set(
    sync.db.prepare('SELECT id FROM contacts WHERE account_id = ?').pluck().all(sync.accountId) as number[],
  );
  const responsibleUserId = getSyncState(sync.db, sync.accountId).pulledForUserId;
  let added = 0;
  const seen = await listIds(sync, responsibleUserId, known, (count) => {
    added += count;
  });
  let candidates = [...known].filter((id) => !seen.has(id));

  if (candidates.length > askOneByOneUpTo) {
    const again = await listIds(sync, responsibleUserId, new Set([...known, ...seen]), (count) => {
      added += count;
    });
    candidates = candidates.filter((id) => !again.has(id));
  } else {
    const confirmed: number[] = [];
    for (const id of candidates) {
      throwIfCancelled(sync.signal);
      const contact = await fetchContact(sync.http, id);
      // In a mirror of one user's contacts, one now someone else's has left it all the same.
      const inScope = contact && (responsibleUserId === null || contact.responsible_user_id === responsibleUserId);
      if (inScope) writePage(sync, [contact]);
      else confirmed.push(id);
    }
    candidates = confirmed;
  }

  sync.db.transaction(() => {
    deleteContacts(sync.db, sync.accountId, candidates);
    updateSyncState(sync.db, sync.accountId, { reconciledAt: now });
  })();
  return { removed: candidates.length, added, checked: seen.size };
}
