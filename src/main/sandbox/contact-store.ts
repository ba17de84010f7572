/**
 * The account's contacts as they are now: the generated ones, plus an overlay of the few
 * that were edited, added or deleted since the start. Generated contacts stay generated on
 * demand, so 100,000 of them cost nothing until asked for; only the overlay is stored.
 */
import type { WireContact } from '../crm/wire';
import { firstContactId, type SandboxAccount } from './account';

interface Entry {
  readonly contact: WireContact;
  readonly deleted: boolean;
}

export type ContactOrderField = 'id' | 'updated_at';
export type OrderDirection = 'asc' | 'desc';

export interface ContactStore {
  /** A copy of contact `id` as it is now, or null if it never existed or is deleted. */
  live(id: number): WireContact | null;
  /** A copy of contact `id` as last seen, deleted or not; null if it never existed. */
  find(id: number): { contact: WireContact; deleted: boolean } | null;
  /** `updated_at` of a live contact, without generating it; null if not live. */
  updatedAtOf(id: number): number | null;
  /** `responsible_user_id` of a live contact (generated once per contact, then kept); null if not live. */
  responsibleOf(id: number): number | null;
  put(contact: WireContact, deleted: boolean): void;
  /** An id above every contact that ever existed. */
  nextId(): number;
  /** Ids of live contacts, sorted as `order[field]=direction` sorts them (ties by id). */
  ids(field: ContactOrderField, direction: OrderDirection): Int32Array;
}

export function createContactStore(account: SandboxAccount): ContactStore {
  const overlay = new Map<number, Entry>();
  // Orders are rebuilt lazily after a change: edits come in bursts, reads in pages.
  const orders = new Map<string, Int32Array>();
  let maxId = firstContactId + account.contactCount - 1;

  const baseIndex = (id: number): number | null => {
    const index = id - firstContactId;
    return Number.isInteger(index) && index >= 0 && index < account.contactCount ? index : null;
  };

  const find = (id: number): Entry | null => {
    const changed = overlay.get(id);
    if (changed) return { contact: structuredClone(changed.contact), deleted: changed.deleted };
    const index = baseIndex(id);
    return index === null ? null : { contact: account.contactAt(index), deleted: false };
  };

  const updatedAtOf = (id: number): number | null => {
    const changed = overlay.get(id);
    if (changed) return changed.deleted ? null : (changed.contact.updated_at ?? 0);
    const index = baseIndex(id);
    return index === null ? null : account.updatedAtOf(index);
  };

  // A filter by responsible user reads every contact's: generated once, kept (0: not yet).
  const generatedResponsible = new Int32Array(account.contactCount);
  const responsibleOf = (id: number): number | null => {
    const changed = overlay.get(id);
    if (changed) return changed.deleted ? null : (changed.contact.responsible_user_id ?? null);
    const index = baseIndex(id);
    if (index === null) return null;
    if (generatedResponsible[index] === 0)
      generatedResponsible[index] = account.contactAt(index).responsible_user_id ?? -1;
    const known = generatedResponsible[index] as number;
    return known === -1 ? null : known;
  };

  const build = (field: ContactOrderField): Int32Array =>
    field === 'id' ? idsById(account, overlay) : idsByUpdatedAt(account, overlay);

  return {
    live(id) {
      const entry = find(id);
      return entry && !entry.deleted ? entry.contact : null;
    },
    find,
    updatedAtOf,
    responsibleOf,
    put(contact, deleted) {
      overlay.set(contact.id, { contact: structuredClone(contact), deleted });
      maxId = Math.max(maxId, contact.id);
      orders.clear();
    },
    nextId: () => maxId + 1,
    ids(field, direction) {
      const key = `${field}:${direction}`;
      let order = orders.get(key);
      if (!order) {
        const ascending = orders.get(`${field}:asc`) ?? build(field);
        orders.set(`${field}:asc`, ascending);
        // Ties go by id in the same direction, so descending is exactly ascending reversed.
        order = direction === 'asc' ? ascending : ascending.slice().reverse();
        orders.set(key, order);
      }
      return order;
    },
  };
}

function idsById(account: SandboxAccount, overlay: ReadonlyMap<number, Entry>): Int32Array {
  const ids: number[] = [];
  for (let index = 0; index < account.contactCount; index++) {
    const id = firstContactId + index;
    if (overlay.get(id)?.deleted !== true) ids.push(id);
  }
  const added = [...overlay.entries()]
    .filter(([id, entry]) => !entry.deleted && id >= firstContactId + account.contactCount)
    .map(([id]) => id)
    .sort((a, b) => a - b);
  return Int32Array.from([...ids, ...added]);
}

/** The generated order with the changed contacts taken out, merged with the changed ones. */
function idsByUpdatedAt(account: SandboxAccount, overlay: ReadonlyMap<number, Entry>): Int32Array {
  const base = account.order('updated_at', 'asc');
  const changed = [...overlay.values()]
    .filter((entry) => !entry.deleted)
    .map((entry) => ({ id: entry.contact.id, at: entry.contact.updated_at ?? 0 }))
    .sort((a, b) => a.at - b.at || a.id - b.id);
  const out = new Int32Array(base.length + changed.length);
  let length = 0;
  let next = 0;
  for (const index of base) {
    const id = firstContactId + index;
    if (overlay.has(id)) continue;
    const at = account.updatedAtOf(index);
    for (let c = changed[next]; c && (c.at < at || (c.at === at && c.id < id)); c = changed[++next]) {
      out[length++] = c.id;
    }
    out[length++] = id;
  }
  for (; next < changed.length; next++) out[length++] = (changed[next] as { id: number }).id;
  return out.slice(0, length);
}
