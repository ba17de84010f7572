/**
 * Edits made "in the CRM" while the sandbox runs: each one changes the contact store and
 * leaves the events amoCRM would record, stamped with the sandbox clock.
 */
import type { WireContact } from '../crm/wire';
import { applyPatch, type ContactPatch, newContact } from './contact-patch';
import type { ContactStore } from './contact-store';
import type { EventLog } from './event-log';

export interface SandboxMutations {
  editContact(id: number, patch: ContactPatch): WireContact;
  addContact(patch?: ContactPatch): WireContact;
  deleteContact(id: number): void;
  restoreContact(id: number): WireContact;
}

export interface MutationDeps {
  readonly store: ContactStore;
  readonly events: EventLog;
  readonly clock: () => number;
  readonly accountId: number;
  /** Who the edits are made by (the admin): amoCRM stamps `updated_by` and `created_by`. */
  readonly actorId: number;
}

export class SandboxNotFoundError extends Error {}

export function createMutations(deps: MutationDeps): SandboxMutations {
  const { store, events, clock, actorId } = deps;
  const now = () => Math.floor(clock());
  // Every save moves updated_at forward, even within one second: clients page by it.
  const bump = (contact: WireContact) => Math.max(now(), (contact.updated_at ?? 0) + 1);
  const liveOrThrow = (id: number): WireContact => {
    const contact = store.live(id);
    if (!contact) throw new SandboxNotFoundError(`no live contact ${id}`);
    return contact;
  };

  return {
    editContact(id, patch) {
      const before = liveOrThrow(id);
      const { contact, changes } = applyPatch(before, patch);
      Object.assign(contact, { updated_at: bump(before), updated_by: actorId });
      store.put(contact, false);
      for (const change of changes) {
        events.record({
          type: change.type,
          entityId: id,
          createdBy: actorId,
          createdAt: now(),
          valueBefore: change.valueBefore,
          valueAfter: change.valueAfter,
        });
      }
      return contact;
    },
    addContact(patch = {}) {
      const at = now();
      const contact = newContact(store.nextId(), patch, at, deps.accountId);
      Object.assign(contact, { created_by: actorId, updated_by: actorId });
      store.put(contact, false);
      events.record({ type: 'contact_added', entityId: contact.id, createdBy: actorId, createdAt: at });
      return contact;
    },
    deleteContact(id) {
      const contact = liveOrThrow(id);
      store.put(contact, true);
      events.record({ type: 'contact_deleted', entityId: id, createdBy: actorId, createdAt: now() });
    },
    restoreContact(id) {
      const found = store.find(id);
      if (!found?.deleted) throw new SandboxNotFoundError(`no deleted contact ${id}`);
      const contact = { ...found.contact, updated_at: bump(found.contact), updated_by: actorId };
      store.put(contact, false);
      events.record({ type: 'contact_restored', entityId: id, createdBy: actorId, createdAt: now() });
      return contact;
    },
  };
}
