/** The contacts mirror: writing pulled pages, searching, reading one contact. */
import type { ContactChannel, ContactDetail, ContactListItem, ContactSearchResult } from '../../shared/api/types';
import type { MirrorContact } from '../crm/contact-mapper';
import type { MirrorDb } from './database';
import { likePattern, parseSearchQuery } from './search-text';

/** Writes one page of contacts in one transaction: a page is in the mirror whole or not at all. */
export function upsertContacts(db: MirrorDb, accountId: number, contacts: readonly MirrorContact[]): void {
  const upsert = db.prepare(
    `INSERT INTO contacts (account_id, id, name, first_name, last_name, responsible_user_id, group_id,
       created_at, updated_at, phone_count, search_text)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (account_id, id) DO UPDATE SET name = excluded.name, first_name = excluded.first_name,
       last_name = excluded.last_name, responsible_user_id = excluded.responsible_user_id,
       group_id = excluded.group_id, created_at = excluded.created_at, updated_at = excluded.updated_at,
       phone_count = excluded.phone_count, search_text = excluded.search_text`,
  );
  const clearChannels = db.prepare('DELETE FROM contact_channels WHERE account_id = ? AND contact_id = ?');
  const insertChannel = db.prepare(
    `INSERT INTO contact_channels (account_id, contact_id, kind, position, value, normalized, type_code)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (const contact of contacts) {
      upsert.run(
        accountId,
        contact.id,
        contact.name,
        contact.firstName,
        contact.lastName,
        contact.responsibleUserId,
        contact.groupId,
        contact.createdAt,
        contact.updatedAt,
        contact.phoneCount,
        contact.searchText,
      );
      clearChannels.run(accountId, contact.id);
      contact.channels.forEach((channel, position) => {
        insertChannel.run(
          accountId,
          contact.id,
          channel.kind,
          position,
          channel.value,
          channel.normalized,
          channel.typeCode,
        );
      });
    }
  })();
}

/** After a complete full pull: drops contacts the CRM no longer returned (deleted or hidden). */
export function deleteContactsNotIn(db: MirrorDb, accountId: number, keep: ReadonlySet<number>): number {
  const ids = db.prepare('SELECT id FROM contacts WHERE account_id = ?').pluck().all(accountId) as number[];
  const remove = db.prepare('DELETE FROM contacts WHERE account_id = ? AND id = ?');
  let removed = 0;
  db.transaction(() => {
    for (const id of ids) if (!keep.has(id)) removed += remove.run(accountId, id).changes;
  })();
  return removed;
}

export interface SearchOptions {
  readonly accountId?: number | undefined;
  readonly query: string;
  readonly offset: number;
  readonly limit: number;
}

export function searchContacts(db: MirrorDb, options: SearchOptions): ContactSearchResult {
  const terms = parseSearchQuery(options.query);
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  if (options.accountId !== undefined) {
    clauses.push('c.account_id = ?');
    params.push(options.accountId);
  }
  for (const word of terms.words) {
    clauses.push(`c.search_text LIKE ? ESCAPE '\\'`);
    params.push(likePattern(word));
  }
  if (terms.phoneDigits.length > 0) {
    clauses.push(`(${terms.phoneDigits.map(() => `c.search_text LIKE ? ESCAPE '\\'`).join(' OR ')})`);
    params.push(...terms.phoneDigits.map(likePattern));
  }
  const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
  const total = db
    .prepare(`SELECT count(*) FROM contacts c ${where}`)
    .pluck()
    .get(...params) as number;
  const items = db
    .prepare(
      `SELECT c.account_id AS accountId, c.id, c.name, c.phone_count AS phoneCount,
         (SELECT value FROM contact_channels p WHERE p.account_id = c.account_id AND p.contact_id = c.id
            AND p.kind = 'phone' ORDER BY p.position LIMIT 1) AS primaryPhone,
         (SELECT value FROM contact_channels e WHERE e.account_id = c.account_id AND e.contact_id = c.id
            AND e.kind = 'email' ORDER BY e.position LIMIT 1) AS primaryEmail
       FROM contacts c ${where}
       -- Contacts without a name go last: a list that opens on blank rows looks broken.
       ORDER BY c.name = '', c.name COLLATE NOCASE, c.account_id, c.id
       LIMIT ? OFFSET ?`,
    )
    .all(...params, options.limit, options.offset) as ContactListItem[];
  return { total, items };
}

export function getContactDetail(db: MirrorDb, accountId: number, contactId: number): ContactDetail | null {
  const row = db
    .prepare(
      `SELECT account_id AS accountId, id, name, first_name AS firstName, last_name AS lastName,
         responsible_user_id AS responsibleUserId, created_at AS createdAt, updated_at AS updatedAt
       FROM contacts WHERE account_id = ? AND id = ?`,
    )
    .get(accountId, contactId) as Omit<ContactDetail, 'channels'> | undefined;
  if (!row) return null;
  const channels = db
    .prepare(
      `SELECT kind, value, normalized, type_code AS typeCode FROM contact_channels
       WHERE account_id = ? AND contact_id = ? ORDER BY kind, position`,
    )
    .all(accountId, contactId) as ContactChannel[];
  return { ...row, channels };
}
