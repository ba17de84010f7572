/** Reading the mirror for an export: contacts with their channels, freshest first. */
import type { ExportableChannel, ExportableContact } from '../export/card-from-mirror';
import type { MirrorDb } from './database';

interface JoinedRow {
  id: number;
  name: string;
  firstName: string;
  lastName: string;
  updatedAt: number;
  kind: ExportableChannel['kind'] | null;
  value: string | null;
  normalized: string | null;
  typeCode: string | null;
}

/**
 * Every contact of the account that has a phone (R2), ordered by `updated_at` then id,
 * both descending: the order in which the iOS cap (R5) takes them.
 */
export function readExportableContacts(db: MirrorDb, accountId: number): ExportableContact[] {
  const rows = db
    .prepare(
      `SELECT c.id, c.name, c.first_name AS firstName, c.last_name AS lastName, c.updated_at AS updatedAt,
         ch.kind, ch.value, ch.normalized, ch.type_code AS typeCode
       FROM contacts c
       LEFT JOIN contact_channels ch ON ch.account_id = c.account_id AND ch.contact_id = c.id
       WHERE c.account_id = ? AND c.phone_count > 0
       ORDER BY c.updated_at DESC, c.id DESC, ch.kind, ch.position`,
    )
    .iterate(accountId) as IterableIterator<JoinedRow>;

  const contacts: ExportableContact[] = [];
  let current: { contact: ExportableContact; channels: ExportableChannel[] } | null = null;
  for (const row of rows) {
    if (current?.contact.id !== row.id) {
      const channels: ExportableChannel[] = [];
      const contact: ExportableContact = {
        accountId,
        id: row.id,
        name: row.name,
        firstName: row.firstName,
        lastName: row.lastName,
        updatedAt: row.updatedAt,
        channels,
      };
      contacts.push(contact);
      current = { contact, channels };
    }
    if (row.kind !== null && row.value !== null) {
      current.channels.push({ kind: row.kind, value: row.value, normalized: row.normalized, typeCode: row.typeCode });
    }
  }
  return contacts;
}

export function countContactsWithoutPhone(db: MirrorDb, accountId: number): number {
  return db
    .prepare('SELECT count(*) FROM contacts WHERE account_id = ? AND phone_count = 0')
    .pluck()
    .get(accountId) as number;
}
