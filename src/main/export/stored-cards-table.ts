/**
 * The export's stored cards (`contact_cards`, migration 6), kept in step with the contacts:
 * a hook on the mirror's page writer renders each contact's stored card as the contact is
 * written, and a mirror whose cards were rendered by another version of the renderer (or
 * none: a fresh or upgraded mirror) has them all rendered again when the store opens.
 *
 * This moves work from every export to the sync, which is bound by the network anyway:
 * rendering is about 4 µs a contact (it was 22 µs while every phone field went through
 * libphonenumber's text scan; dial-numbers.ts now answers a plain number without it), writing
 * the card and its ledger entry (about 350 bytes, one index) about 7 µs more, so a page of
 * 250 costs the sync about 3 ms, against about 140 ms to fetch it (amoCRM allows 7 requests
 * a second). tests/bench/ingest.bench.ts measures the whole page write.
 */
import type { ChannelKind } from '../../shared/api/types';
import { onContactPage } from '../mirror/contact-page-hooks';
import type { MirrorDb } from '../mirror/mirror-db';
import type { MirrorChannel, MirrorContact } from '../model/contact';
import { type CardSource, StoredCardRenderer, storedCardFormat } from './stored-card';

/** A contact as the card writer needs it: what is rendered, and the columns filters read (R7, R8). */
export type CardContact = CardSource & Pick<MirrorContact, 'responsibleUserId' | 'groupId'>;

export type CardPageWriter = (accountId: number, contacts: readonly CardContact[]) => void;

/**
 * Writes (or removes) the stored cards of a page of contacts. Call inside the transaction
 * that writes the contacts themselves, after them (a card references its contact).
 */
export function cardPageWriter(db: MirrorDb): CardPageWriter {
  const renderer = new StoredCardRenderer();
  const upsertCard = db.prepare(
    `INSERT INTO contact_cards (account_id, contact_id, updated_at, responsible_user_id, group_id, vcard3, vcard3_pause,
       vcard3_rev, ledger)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (account_id, contact_id) DO UPDATE SET updated_at = excluded.updated_at,
       responsible_user_id = excluded.responsible_user_id, group_id = excluded.group_id,
       vcard3 = excluded.vcard3, vcard3_pause = excluded.vcard3_pause, vcard3_rev = excluded.vcard3_rev,
       ledger = excluded.ledger`,
  );
  // A contact that lost its last dialable phone loses its card: R2, it is no longer exported.
  const dropCards = db.prepare(
    'DELETE FROM contact_cards WHERE account_id = ? AND contact_id IN (SELECT value FROM json_each(?))',
  );
  return (accountId, contacts) => {
    const withoutPhone: number[] = [];
    for (const contact of contacts) {
      const card = renderer.render(accountId, contact);
      if (!card) {
        withoutPhone.push(contact.id);
        continue;
      }
      upsertCard.run(
        accountId,
        contact.id,
        contact.updatedAt,
        contact.responsibleUserId,
        contact.groupId,
        card.body,
        card.pauseBody,
        card.revision,
        card.ledger,
      );
    }
    if (withoutPhone.length > 0) dropCards.run(accountId, JSON.stringify(withoutPhone));
  };
}

/** Contacts read per batch when rendering every card again. */
const rebuildBatch = 2000;

type ContactRow = [
  accountId: number,
  id: number,
  name: string,
  firstName: string,
  lastName: string,
  responsibleUserId: number | null,
  groupId: number | null,
  updatedAt: number,
  phoneCount: number,
  position: string | null,
];
type ChannelRow = [
  contactId: number,
  kind: ChannelKind,
  value: string,
  normalized: string | null,
  typeCode: string | null,
];

/**
 * Renders every stored card again from the contacts and their channels, and records the
 * renderer's version. Runs in one transaction (a savepoint inside a migration's).
 */
export function rebuildContactCards(db: MirrorDb): void {
  db.transaction(() => {
    db.prepare('DELETE FROM contact_cards').run();
    const write = cardPageWriter(db);
    const contactsAfter = db
      .prepare(
        `SELECT account_id, id, name, first_name, last_name, responsible_user_id, group_id, updated_at, phone_count, position
         FROM contacts WHERE (account_id, id) > (?, ?) ORDER BY account_id, id LIMIT ?`,
      )
      .raw();
    const channelsOf = db
      .prepare(
        `SELECT contact_id, kind, value, normalized, type_code FROM contact_channels
         WHERE account_id = ? AND contact_id BETWEEN ? AND ? ORDER BY contact_id, position`,
      )
      .raw();
    let after: [number, number] = [-1, -1];
    for (;;) {
      const rows = contactsAfter.all(...after, rebuildBatch) as ContactRow[];
      if (rows.length === 0) break;
      // One account at a time within the batch, its channels read by one range.
      for (const group of byAccount(rows)) {
        const accountId = group[0]?.[0] as number;
        const channels = new Map<number, MirrorChannel[]>();
        const first = group[0]?.[1] as number;
        const last = group.at(-1)?.[1] as number;
        for (const [contactId, kind, value, normalized, typeCode] of channelsOf.all(
          accountId,
          first,
          last,
        ) as ChannelRow[]) {
          const list = channels.get(contactId) ?? [];
          if (list.length === 0) channels.set(contactId, list);
          list.push({ kind, value, normalized, typeCode });
        }
        write(
          accountId,
          group.map(
            ([, id, name, firstName, lastName, responsibleUserId, groupId, updatedAt, phoneCount, position]) => ({
              id,
              name,
              firstName,
              lastName,
              responsibleUserId,
              groupId,
              updatedAt,
              phoneCount,
              position,
              channels: channels.get(id) ?? [],
            }),
          ),
        );
      }
      const lastRow = rows.at(-1) as ContactRow;
      after = [lastRow[0], lastRow[1]];
    }
    db.prepare('DELETE FROM contact_cards_format').run();
    db.prepare('INSERT INTO contact_cards_format (version) VALUES (?)').run(storedCardFormat);
  })();
}

function byAccount(rows: readonly ContactRow[]): ContactRow[][] {
  const groups: ContactRow[][] = [];
  for (const row of rows) {
    const group = groups.at(-1);
    if (group && group[0]?.[0] === row[0]) group.push(row);
    else groups.push([row]);
  }
  return groups;
}

/** Renders the stored cards again if this code renders them differently from the mirror's. */
export function ensureContactCardsCurrent(db: MirrorDb): void {
  const stored = db.prepare('SELECT version FROM contact_cards_format').pluck().get() as number | undefined;
  if (stored !== storedCardFormat) rebuildContactCards(db);
}

/**
 * Keeps a mirror's stored cards with its contacts from now on: each page of contacts writes
 * its cards in the same transaction, and cards rendered by another version of the renderer
 * (or none yet: a mirror from before migration 6) are rendered again now.
 */
export function attachStoredCards(db: MirrorDb): void {
  if (attached.has(db)) return;
  attached.add(db);
  onContactPage(db, cardPageWriter(db));
  ensureContactCardsCurrent(db);
}

const attached = new WeakSet<MirrorDb>();
