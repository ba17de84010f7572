/**
 * A contact's first-delivery card, rendered once when the contact is written to the mirror
 * (table contact_cards, migration 6) instead of at every export. An export of 100,000
 * contacts then only frames and concatenates stored bytes inside SQLite (fresh-cards.ts):
 * reading 100,000 contacts into JS objects alone costs more than the export's budget.
 *
 * What is stored is exactly what writeVCard3To writes for a contact the device has never
 * had (its current deliverable channels, nothing merged from a ledger), minus what each
 * export decides: the head (BEGIN, VERSION, PRODID), the CATEGORIES label of the account
 * and END. The lines are stored with `,` before an extension (the iPhone's and Google's
 * form); a card with an extension is stored a second time with a marker in place of the
 * pause, which SQLite replaces with another target's pause (tel-form.ts). With the ledger entry that
 * delivery records (R15), in the same row, so a card and what the ledger says about it can
 * never come from two different versions of the contact.
 */

import { channelKey } from '../mirror/ledger-repo';
import type { MirrorContact } from '../model/contact';
import { storedPause } from '../phones/tel-form';
import { deliverable, type ExportableChannel, toVCardContact } from './card-from-mirror';
import { CardWriter, Escape } from './card-writer';
import { writeCategories, writeVCard3Body, writeVCard3Revision } from './vcard3';

/**
 * The version of what is stored. Bump it whenever the card text or the ledger entry a first
 * delivery writes changes: the mirror re-renders every stored card when it opens a
 * database whose cards are of another version (contact-cards.ts).
 */
export const storedCardFormat = 2;

/** What the renderer reads of a mirror contact. */
export type CardSource = Pick<
  MirrorContact,
  'id' | 'name' | 'firstName' | 'lastName' | 'updatedAt' | 'position' | 'channels' | 'phoneCount'
>;

export interface StoredCard {
  /** The lines UID..NOTE (writeVCard3Body), UTF-8, CRLF-ended, with `,` before an extension. */
  readonly body: Buffer;
  /** The same lines with storedPause before each extension; null when no number has one. */
  readonly pauseBody: Buffer | null;
  /** The REV line, or no bytes when the contact has no real revision time. */
  readonly revision: Buffer;
  /** The ledger entry of a first delivery: JSON `[name, [[kind, key, value, normalized, typeCode], ...]]`. */
  readonly ledger: string;
}

/** One JSON channel of a stored ledger entry (see StoredCard.ledger). */
export type StoredLedgerChannel = [
  kind: ExportableChannel['kind'],
  key: string,
  value: string,
  normalized: string | null,
  typeCode: string | null,
];

/** The ledger entry of a delivery as the staging tables hold it (same JSON as StoredCard.ledger). */
export function ledgerEntryJson(name: string, channels: readonly ExportableChannel[]): string {
  const entries: StoredLedgerChannel[] = channels.map((channel) => [
    channel.kind,
    channelKey(channel.kind, channel.value, channel.normalized),
    channel.value,
    channel.normalized,
    channel.typeCode,
  ]);
  return JSON.stringify([name, entries]);
}

/**
 * Renders stored cards, reusing one buffer: the Buffers it returns are views on it, valid
 * only until the next render (the page writer binds them to a statement at once).
 */
export class StoredCardRenderer {
  private readonly writer = new CardWriter(4096);

  /** The stored card of a contact, or null if it has no dialable phone (R2: never exported). */
  render(accountId: number, contact: CardSource): StoredCard | null {
    if (contact.phoneCount <= 0) return null;
    const channels: ExportableChannel[] = [];
    for (const channel of contact.channels) {
      if (!deliverable(channel)) continue;
      channels.push({
        kind: channel.kind,
        value: channel.value,
        normalized: channel.normalized,
        typeCode: channel.typeCode,
      });
    }
    const name = contact.name;
    // The label is per export: a blank one keeps CATEGORIES out of what is stored.
    const card = toVCardContact(
      {
        accountId,
        id: contact.id,
        name,
        firstName: contact.firstName,
        lastName: contact.lastName,
        updatedAt: contact.updatedAt,
        position: contact.position,
        channels,
      },
      '',
    );
    const writer = this.writer;
    writer.reset();
    writeVCard3Body(writer, card, ',');
    const bodyEnd = writer.length;
    writeVCard3Revision(writer, card);
    const revisionEnd = writer.length;
    if (card.phones.some((phone) => phone.extension)) writeVCard3Body(writer, card, storedPause);
    // Views taken after the last write: the buffer may have grown (and moved) meanwhile.
    const bytes = writer.bytes();
    return {
      body: bytes.subarray(0, bodyEnd),
      pauseBody: revisionEnd < bytes.length ? bytes.subarray(revisionEnd) : null,
      revision: bytes.subarray(bodyEnd, revisionEnd),
      ledger: ledgerEntryJson(name, channels),
    };
  }
}

/** The CATEGORIES line every card of an account carries in an export (empty for a blank label). */
export function categoriesLine(accountLabel: string): Buffer {
  const writer = new CardWriter(256);
  writeCategories(writer, [accountLabel], Escape.Text);
  return Buffer.from(writer.bytes());
}
