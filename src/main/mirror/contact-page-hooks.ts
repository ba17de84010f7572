/**
 * What else is written with each page of contacts, in the page's own transaction: the
 * export's stored cards (export/stored-cards-table.ts) register here when the core opens
 * its store (store/open-store.ts). The mirror calls what is registered and knows nothing of
 * what it is, so it depends on no layer above it.
 */
import type { MirrorContact } from '../model/contact';
import type { MirrorDb } from './mirror-db';

export type ContactPageHook = (accountId: number, contacts: readonly MirrorContact[]) => void;

const hooks = new WeakMap<MirrorDb, ContactPageHook[]>();

/** Registers a writer that runs after each page of contacts is written to `db`, inside its transaction. */
export function onContactPage(db: MirrorDb, hook: ContactPageHook): void {
  const list = hooks.get(db) ?? [];
  if (list.length === 0) hooks.set(db, list);
  list.push(hook);
}

/** Runs the registered writers for a page just written. */
export function runContactPageHooks(db: MirrorDb, accountId: number, contacts: readonly MirrorContact[]): void {
  for (const hook of hooks.get(db) ?? []) hook(accountId, contacts);
}
