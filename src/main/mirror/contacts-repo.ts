/** The contacts mirror: writing pulled pages, searching, reading one contact. */
import type { Statement } from 'better-sqlite3';
import type { ContactDetail, ContactListItem, ContactSearchResult } from '../../shared/api/types';
import type { MirrorContact } from '../model/contact';
import { checkedRow, checkedRows } from './checked-rows';
import { runContactPageHooks } from './contact-page-hooks';
import { checkedListItems, contactChannelSchema, contactDeliverySchema, contactDetailRowSchema } from './contact-rows';
import type { MirrorDb } from './mirror-db';
import { parseSearchQuery, planSearch, type SearchPlan } from './search-text';
import { shortSearch } from './short-search';

// ---------------------------------------------------------------------------------------
// Prepared statements, kept per connection: preparing costs more than running a small one.

const statementCache = new WeakMap<MirrorDb, Map<string, Statement>>();
/** Enough for every shape of query we build; a runaway variety just starts over. */
const maxCachedStatements = 128;

export function cachedStatement(db: MirrorDb, sql: string): Statement {
  let statements = statementCache.get(db);
  if (!statements) {
    statements = new Map();
    statementCache.set(db, statements);
  }
  let statement = statements.get(sql);
  if (!statement) {
    if (statements.size >= maxCachedStatements) statements.clear();
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}

// ---------------------------------------------------------------------------------------
// Writing

const contactColumns = `account_id, id, name, first_name, last_name, responsible_user_id, group_id,
  created_at, updated_at, phone_count, search_text, position`;
const contactParams = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
/** 12 parameters a row: far below SQLite's 32,766 per statement. */
const maxRowsPerStatement = 250;

/**
 * All the rows of a page in one INSERT. One statement, not one per contact, because the
 * FTS index (kept by triggers) writes its pending entries out at every statement that
 * fires a trigger: one statement a page makes one index segment a page, not one a contact.
 */
function upsertStatement(db: MirrorDb, rows: number): Statement {
  return cachedStatement(
    db,
    `INSERT INTO contacts (${contactColumns})
     VALUES ${Array.from({ length: rows }, () => contactParams).join(', ')}
     ON CONFLICT (account_id, id) DO UPDATE SET name = excluded.name, first_name = excluded.first_name,
       last_name = excluded.last_name, responsible_user_id = excluded.responsible_user_id,
       group_id = excluded.group_id, created_at = excluded.created_at, updated_at = excluded.updated_at,
       phone_count = excluded.phone_count, search_text = excluded.search_text, position = excluded.position`,
  );
}

const writers = new WeakMap<MirrorDb, (accountId: number, contacts: readonly MirrorContact[]) => void>();

function pageWriter(db: MirrorDb): (accountId: number, contacts: readonly MirrorContact[]) => void {
  let write = writers.get(db);
  if (write) return write;
  // Channels of contacts that were already here: one statement for the page. For a
  // brand-new contact it finds nothing to delete, at the cost of one index probe.
  const clearChannels = db.prepare(
    'DELETE FROM contact_channels WHERE account_id = ? AND contact_id IN (SELECT value FROM json_each(?))',
  );
  const insertChannel = db.prepare(
    `INSERT INTO contact_channels (account_id, contact_id, kind, position, value, normalized, type_code)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  write = db.transaction((accountId: number, contacts: readonly MirrorContact[]) => {
    for (let start = 0; start < contacts.length; start += maxRowsPerStatement) {
      const chunk = contacts.slice(start, start + maxRowsPerStatement);
      const params: unknown[] = [];
      for (const contact of chunk) {
        params.push(
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
          contact.position,
        );
      }
      upsertStatement(db, chunk.length).run(...params);
    }
    clearChannels.run(accountId, JSON.stringify(contacts.map((contact) => contact.id)));
    for (const contact of contacts) {
      let position = 0;
      for (const channel of contact.channels) {
        insertChannel.run(
          accountId,
          contact.id,
          channel.kind,
          position++,
          channel.value,
          channel.normalized,
          channel.typeCode,
        );
      }
    }
    // What else goes with a page (the export's stored cards), in the same transaction.
    runContactPageHooks(db, accountId, contacts);
  });
  writers.set(db, write);
  return write;
}

/**
 * Writes one page of contacts in one transaction: a page is in the mirror whole or not at
 * all. Inside an outer transaction it becomes a savepoint of that transaction.
 */
export function upsertContacts(db: MirrorDb, accountId: number, contacts: readonly MirrorContact[]): void {
  if (contacts.length === 0) return;
  pageWriter(db)(accountId, lastOfEach(contacts));
}

/** The same contact twice in a page (a CRM that moved it between pages): the later one wins. */
function lastOfEach(contacts: readonly MirrorContact[]): readonly MirrorContact[] {
  const ids = new Set<number>();
  for (const contact of contacts) ids.add(contact.id);
  if (ids.size === contacts.length) return contacts;
  const byId = new Map<number, MirrorContact>();
  for (const contact of contacts) {
    byId.delete(contact.id);
    byId.set(contact.id, contact);
  }
  return [...byId.values()];
}

/** Removes contacts (and, by cascade, their channels); returns how many were there. */
export function deleteContacts(db: MirrorDb, accountId: number, gone: readonly number[]): number {
  if (gone.length === 0) return 0;
  // One statement, so the FTS triggers it fires write their changes out once.
  return db.transaction(
    () =>
      db
        .prepare('DELETE FROM contacts WHERE account_id = ? AND id IN (SELECT value FROM json_each(?))')
        .run(accountId, JSON.stringify(gone)).changes,
  )();
}

// ---------------------------------------------------------------------------------------
// Searching

export interface SearchOptions {
  readonly accountId?: number | undefined;
  readonly query: string;
  readonly offset: number;
  readonly limit: number;
}

/** The list's order; `contacts_in_list_order` (migration 4) is exactly this index. */
const listOrder = `c.name = '', c.name COLLATE NOCASE, c.account_id, c.id`;

/** A ContactListItem from contacts `c`, for the few rows of one page. */
const listItemColumns = `c.account_id AS accountId, c.id, c.name, c.phone_count AS phoneCount,
  (SELECT value FROM contact_channels p WHERE p.account_id = c.account_id AND p.contact_id = c.id
     AND p.kind = 'phone' ORDER BY p.position LIMIT 1) AS primaryPhone,
  (SELECT value FROM contact_channels e WHERE e.account_id = c.account_id AND e.contact_id = c.id
     AND e.kind = 'email' ORDER BY e.position LIMIT 1) AS primaryEmail`;

/**
 * The list items of the contacts a page query selects (`account_id, id` columns), in list
 * order. The page is chosen first and the first phone and e-mail looked up for its rows
 * alone, never for every match.
 */
export function listItemsOf(pageSql: string): string {
  return `SELECT ${listItemColumns}
    FROM (${pageSql}) AS page
    CROSS JOIN contacts c ON c.account_id = page.account_id AND c.id = page.id
    ORDER BY ${listOrder}`;
}

/** Joins the FTS row `f` to its contact `c` (the FTS rowid is the packed key). */
const ftsToContact = `contacts_fts f CROSS JOIN contacts c
  ON c.account_id = (f.rowid >> 32) AND c.id = (f.rowid & 4294967295)`;
const ftsAccountRange = `f.rowid BETWEEN (? << 32) AND (? << 32) + 4294967295`;

/**
 * Above how many matches a page is found by reading the list in order and keeping the
 * matches, rather than sorting every match: worth it when matches are dense enough that
 * the page's rows come early in the list.
 */
function walkInListOrder(total: number, offset: number, limit: number, contactCount: number): boolean {
  return total >= 1000 && total * total > (offset + limit) * contactCount * 4;
}

export function searchContacts(db: MirrorDb, options: SearchOptions): ContactSearchResult {
  const terms = parseSearchQuery(options.query);
  const plan = planSearch(terms);
  if (plan.match === null) return searchByScan(db, plan, options);
  try {
    return searchByIndex(db, plan.match, plan.likeGroups, options);
  } catch (error) {
    // The query is quoted, so FTS5 should accept anything; if it ever refuses one, the
    // same question answered by LIKE alone is slower but still right.
    if (!isFtsError(error)) throw error;
    return searchByScan(db, planSearch(terms, { useIndex: false }), options);
  }
}

function isFtsError(error: unknown): boolean {
  return error instanceof Error && /fts5|MATCH/i.test(error.message);
}

function likeClauses(likeGroups: SearchPlan['likeGroups'], params: unknown[]): string[] {
  return likeGroups.map((group) => {
    if (group.length === 0) return '0';
    params.push(...group);
    return `(${group.map(() => `c.search_text LIKE ? ESCAPE '\\'`).join(' OR ')})`;
  });
}

/** Empty queries (the whole list) and queries of only short fragments (short-search.ts). */
function searchByScan(db: MirrorDb, plan: SearchPlan, options: SearchOptions): ContactSearchResult {
  const fast = plan.fragmentGroups.length > 0 ? shortSearch(db, plan.fragmentGroups, options) : null;
  if (!fast) return searchByLike(db, plan.likeGroups, options);
  if (fast.keys.length === 0) return { total: fast.total, items: [] };
  const items = checkedListItems(
    cachedStatement(
      db,
      listItemsOf(
        `SELECT c.account_id, c.id FROM json_each(?) AS k
         CROSS JOIN contacts c ON c.account_id = (k.value ->> 0) AND c.id = (k.value ->> 1)`,
      ),
    ).all(JSON.stringify(fast.keys)),
  );
  return { total: fast.total, items };
}

/**
 * How many matches of a scan are collected in the same pass: fewer than this, and the pass
 * has found them all (the total, and the page sorted from them); more, and they are dense
 * enough for the list-order index to fill a page quickly (the total then takes a count).
 */
const collectedInOnePass = 2000;

/** Empty queries, and short fragments while the in-memory copy is being read again: the table. */
function searchByLike(db: MirrorDb, likeGroups: SearchPlan['likeGroups'], options: SearchOptions): ContactSearchResult {
  const params: unknown[] = [];
  const clauses: string[] = [];
  if (options.accountId !== undefined) {
    clauses.push('c.account_id = ?');
    params.push(options.accountId);
  }
  clauses.push(...likeClauses(likeGroups, params));
  const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';

  if (likeGroups.length > 0) {
    const found = cachedStatement(db, `SELECT c.account_id, c.id FROM contacts c NOT INDEXED ${where} LIMIT ?`)
      .raw(true)
      .all(...params, collectedInOnePass + 1) as [number, number][];
    if (found.length <= collectedInOnePass) {
      const total = found.length;
      if (total === 0 || options.offset >= total) return { total, items: [] };
      const items = checkedListItems(
        cachedStatement(
          db,
          listItemsOf(
            `SELECT c.account_id, c.id FROM json_each(?) AS k
           CROSS JOIN contacts c ON c.account_id = (k.value ->> 0) AND c.id = (k.value ->> 1)
           ORDER BY ${listOrder} LIMIT ? OFFSET ?`,
          ),
        ).all(JSON.stringify(found), options.limit, options.offset),
      );
      return { total, items };
    }
  }

  const total = cachedStatement(db, `SELECT count(*) FROM contacts c ${where}`)
    .pluck(true)
    .get(...params) as number;
  if (total === 0 || options.offset >= total) return { total, items: [] };
  // The whole list, or dense matches: read in list order, stopping when the page is full.
  const items = checkedListItems(
    cachedStatement(
      db,
      listItemsOf(
        `SELECT c.account_id, c.id FROM contacts c INDEXED BY contacts_in_list_order
       ${where} ORDER BY ${listOrder} LIMIT ? OFFSET ?`,
      ),
    ).all(...params, options.limit, options.offset),
  );
  return { total, items };
}

/** Queries with at least one fragment the trigram index can find. */
function searchByIndex(
  db: MirrorDb,
  match: string,
  likeGroups: SearchPlan['likeGroups'],
  options: SearchOptions,
): ContactSearchResult {
  const account = options.accountId;
  const accountParams = account === undefined ? [] : [account, account];
  const likeParams: unknown[] = [];
  const likes = likeClauses(likeGroups, likeParams);

  let total: number;
  if (likes.length === 0) {
    // Every FTS row is a contact (the triggers see to it): the index counts alone.
    total = cachedStatement(
      db,
      `SELECT count(*) FROM contacts_fts f WHERE f.contacts_fts MATCH ?${account === undefined ? '' : ` AND ${ftsAccountRange}`}`,
    )
      .pluck(true)
      .get(match, ...accountParams) as number;
  } else {
    total = cachedStatement(
      db,
      `SELECT count(*) FROM ${ftsToContact}
       WHERE f.contacts_fts MATCH ?${account === undefined ? '' : ` AND ${ftsAccountRange}`} AND ${likes.join(' AND ')}`,
    )
      .pluck(true)
      .get(match, ...accountParams, ...likeParams) as number;
  }
  if (total === 0 || options.offset >= total) return { total, items: [] };

  const contactCount = cachedStatement(db, 'SELECT count(*) FROM contacts').pluck(true).get() as number;
  let items: ContactListItem[];
  if (walkInListOrder(total, options.offset, options.limit, contactCount)) {
    const clauses = [`((c.account_id << 32) + c.id) IN (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?)`];
    const params: unknown[] = [match];
    if (account !== undefined) {
      clauses.push('c.account_id = ?');
      params.push(account);
    }
    clauses.push(...likes);
    params.push(...likeParams);
    items = checkedListItems(
      cachedStatement(
        db,
        listItemsOf(
          `SELECT c.account_id, c.id FROM contacts c INDEXED BY contacts_in_list_order
         WHERE ${clauses.join(' AND ')} ORDER BY ${listOrder} LIMIT ? OFFSET ?`,
        ),
      ).all(...params, options.limit, options.offset),
    );
  } else {
    const clauses = ['f.contacts_fts MATCH ?'];
    if (account !== undefined) clauses.push(ftsAccountRange);
    clauses.push(...likes);
    items = checkedListItems(
      cachedStatement(
        db,
        listItemsOf(
          `SELECT c.account_id, c.id FROM ${ftsToContact}
         WHERE ${clauses.join(' AND ')} ORDER BY ${listOrder} LIMIT ? OFFSET ?`,
        ),
      ).all(match, ...accountParams, ...likeParams, options.limit, options.offset),
    );
  }
  return { total, items };
}

// ---------------------------------------------------------------------------------------
// One contact

export function getContactDetail(db: MirrorDb, accountId: number, contactId: number): ContactDetail | null {
  const row = db
    .prepare(
      `SELECT c.account_id AS accountId, c.id, c.name, c.first_name AS firstName, c.last_name AS lastName,
         c.responsible_user_id AS responsibleUserId, u.name AS responsibleUserName,
         c.created_at AS createdAt, c.updated_at AS updatedAt
       FROM contacts c LEFT JOIN crm_users u ON u.account_id = c.account_id AND u.id = c.responsible_user_id
       WHERE c.account_id = ? AND c.id = ?`,
    )
    .get(accountId, contactId);
  if (row === undefined) return null;
  const channels = db
    .prepare(
      `SELECT kind, value, normalized, type_code AS typeCode FROM contact_channels
       WHERE account_id = ? AND contact_id = ? ORDER BY kind, position`,
    )
    .all(accountId, contactId);
  const deliveries = db
    .prepare(
      `SELECT d.id AS deviceId, d.name AS deviceName, d.platform, l.first_delivered_at AS firstDeliveredAt,
         l.last_delivered_at AS lastDeliveredAt
       FROM export_ledger l JOIN devices d ON d.id = l.device_id
       WHERE l.account_id = ? AND l.contact_id = ? ORDER BY l.last_delivered_at DESC, d.name`,
    )
    .all(accountId, contactId);
  return {
    ...checkedRow(contactDetailRowSchema, row, 'contacts'),
    channels: checkedRows(contactChannelSchema, channels, 'contact_channels'),
    deliveries: checkedRows(contactDeliverySchema, deliveries, 'export_ledger'),
  };
}
