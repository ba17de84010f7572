/**
 * The new contacts of an export (those the device has never had) as SQLite selects them
 * from the stored cards (contact_cards, migration 6): filtered (R2 a card exists only for a
 * contact with a dialable phone; R4 since; R7 rights; R8 filters; not in the device's
 * ledger), capped (R5: the freshest first, `updated_at DESC, id DESC`, then LIMIT), and for
 * vCard 3.0 concatenated into the file's bytes inside SQLite, so a first export of 100,000
 * contacts creates no JS object per contact.
 *
 * Order: freshest first when capped (R5 decides which go), else by contact id, which the
 * table's key gives for free and which is stable from one export to the next.
 */

import { cachedStatement } from '../mirror/contacts-repo';
import type { MirrorDb } from '../mirror/mirror-db';
import type { RightLetter } from '../model/rights';
import { pauseOf, storedPause, type TelForm } from '../phones/tel-form';
import { vcard3Head, vcardTail } from './vcard3';

export interface ExportFilters {
  /** R8: only contacts where the user is responsible. */
  readonly onlyMine: boolean;
  /** R8: only contacts of these responsible users (null: any). */
  readonly responsible: readonly number[] | null;
}

/** Who may export what: the rule inputs that choose contacts (R4, R7, R8). */
export interface ContactCriteria {
  readonly accountId: number;
  /** CRM seconds: contacts updated at or after this count (R4). */
  readonly since: number;
  /** The export right in force (already resolved: unknown became 'M'). */
  readonly right: Exclude<RightLetter, 'D'>;
  readonly currentUserId: number;
  /** The user's group, for the "group" right. */
  readonly groupId: number | null;
  readonly filters: ExportFilters;
}

export interface FreshSelection extends ContactCriteria {
  /** The device whose ledger rules contacts out; null when it has none of this account. */
  readonly ledgerDeviceId: string | null;
  /** R5: at most this many, the freshest first; null: every one, in id order. */
  readonly limit: number | null;
}

/** The columns of the criteria in one table: `contacts` and `contact_cards` name them alike but the id. */
interface Columns {
  readonly table: string;
  readonly id: string;
}

const cardColumns: Columns = { table: 'k', id: 'k.contact_id' };
export const contactColumns: Columns = { table: 'c', id: 'c.id' };

/** The SQL parameters of criteria (named, for the clauses below). */
export function criteriaParams(criteria: ContactCriteria): Record<string, number | string> {
  return {
    accountId: criteria.accountId,
    since: criteria.since,
    currentUserId: criteria.currentUserId,
    groupId: criteria.groupId ?? 0,
    responsible: JSON.stringify(criteria.filters.responsible ?? []),
  };
}

/** R7: 0 or 1, never NULL (a contact without a responsible user or group is simply not allowed). */
export function rightClause(criteria: ContactCriteria, { table }: Columns): string {
  switch (criteria.right) {
    case 'A':
      return '1';
    case 'G':
      return `coalesce(${table}.group_id, 0) = @groupId`;
    case 'M':
      return `${table}.responsible_user_id IS @currentUserId`;
  }
}

/** R8: 0 or 1, never NULL. */
export function filterClause(criteria: ContactCriteria, { table }: Columns): string {
  const clauses: string[] = [];
  if (criteria.filters.onlyMine) clauses.push(`${table}.responsible_user_id IS @currentUserId`);
  if (criteria.filters.responsible) {
    clauses.push(`coalesce(${table}.responsible_user_id IN (SELECT value FROM json_each(@responsible)), 0)`);
  }
  return clauses.length > 0 ? clauses.join(' AND ') : '1';
}

/**
 * The WHERE clause of a fresh selection over contact_cards `k`. `byKey`: the caller walks
 * the table's key, and `+` keeps SQLite from reading the freshness index instead (it would
 * take the whole account's range for each chunk).
 */
function freshWhere(selection: FreshSelection, byKey = false): string {
  const clauses = [
    'k.account_id = @accountId',
    byKey ? '+k.updated_at >= @since' : 'k.updated_at >= @since',
    rightClause(selection, cardColumns),
    filterClause(selection, cardColumns),
  ];
  if (selection.ledgerDeviceId !== null) {
    clauses.push(`NOT EXISTS (SELECT 1 FROM export_ledger l
      WHERE l.device_id = @deviceId AND l.account_id = k.account_id AND l.contact_id = ${cardColumns.id})`);
  }
  return clauses.filter((clause) => clause !== '1').join(' AND ');
}

function freshParams(selection: FreshSelection): Record<string, number | string> {
  const params = criteriaParams(selection);
  if (selection.ledgerDeviceId !== null) params['deviceId'] = selection.ledgerDeviceId;
  return params;
}

/** Only the parameters a statement names: better-sqlite3 refuses any it does not use. */
export function paramsFor(sql: string, params: Record<string, unknown>): Record<string, unknown> {
  const used: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params)) if (sql.includes(`@${name}`)) used[name] = value;
  return used;
}

const freshestFirst = 'ORDER BY k.updated_at DESC, k.contact_id DESC';

/**
 * A stored card's lines with the target's pause before each extension (tel-form.ts). The
 * lines are stored with `,` (vcard3); a card with an extension also has them with a marker
 * in place of the pause (vcard3_pause), replaced here for the other forms. Most cards have
 * no extension: for them, and for every card in the `,` form, SQLite copies the bytes only.
 */
function withPause(prefix: string, form: TelForm): string {
  if (form === 'comma') return `${prefix}vcard3`;
  return `coalesce(replace(${prefix}vcard3_pause, @marker, @pause), ${prefix}vcard3)`;
}

function pauseParams(form: TelForm): Record<string, string> {
  return form === 'comma' ? {} : { pause: pauseOf(form), marker: storedPause };
}

/** Cards per SQL value in id order: about 350 KB, so no single value (or JS string) gets big. */
const cardsPerChunk = 1000;

/**
 * The vCard 3.0 bytes of a selection's cards, in chunks (each card its stored lines framed
 * by the head, the account's CATEGORIES line and END), staged for `planId` as they are
 * read: each chunk's rows are staged by a second statement over the same key range, while
 * its pages are still in SQLite's cache. Call inside one transaction. The bytes never
 * become JS strings.
 */
export function renderAndStageFreshVCard3(
  db: MirrorDb,
  planId: number,
  selection: FreshSelection,
  categories: Buffer,
  form: TelForm,
): Buffer[] {
  const where = freshWhere(selection);
  const frame = `CAST(group_concat(@head || ${withPause('', form)} || @categories || vcard3_rev || @tail, '') AS BLOB)`;
  const framing = { head: vcard3Head, categories, tail: vcardTail, ...pauseParams(form) };
  const chunks: Buffer[] = [];
  if (selection.limit !== null) {
    // Capped (R5): at most 5,000 cards, about 1.7 MB, freshest first along the index: one value.
    const sql = `SELECT ${frame} FROM (SELECT k.vcard3, k.vcard3_pause, k.vcard3_rev
      FROM contact_cards k INDEXED BY contact_cards_freshest_first WHERE ${where} ${freshestFirst} LIMIT @limit)`;
    const bytes = cachedStatement(db, sql)
      .pluck(true)
      .get({ ...paramsFor(sql, freshParams(selection)), ...framing, limit: selection.limit }) as Buffer | null;
    if (bytes !== null) chunks.push(bytes);
    stageFresh(db, planId, selection);
    return chunks;
  }
  // Id order: each chunk starts where the last ended, by the table's key.
  const byKey = freshWhere(selection, true);
  const sql = `SELECT max(contact_id), ${frame} FROM (SELECT k.contact_id, k.vcard3, k.vcard3_pause, k.vcard3_rev
    FROM contact_cards k WHERE ${byKey} AND k.contact_id > @after ORDER BY k.contact_id LIMIT @chunk)`;
  const statement = cachedStatement(db, sql).raw(true);
  const params = { ...paramsFor(sql, freshParams(selection)), ...framing, chunk: cardsPerChunk };
  const stageSql = `INSERT INTO export_staged (account_id, contact_id, plan_id, ledger)
    SELECT k.account_id, k.contact_id, @planId, NULL FROM contact_cards k
    WHERE ${byKey} AND k.contact_id > @after AND k.contact_id <= @last`;
  const stage = cachedStatement(db, stageSql);
  const stageParams = { ...paramsFor(stageSql, freshParams(selection)), planId };
  let after = -1;
  for (;;) {
    const [last, bytes] = statement.get({ ...params, after }) as [number | null, Buffer | null];
    if (last === null || bytes === null) break;
    chunks.push(bytes);
    stage.run({ ...stageParams, after, last });
    after = last;
  }
  return chunks;
}

/** The contact ids of a selection, in the order renderFreshVCard3 writes them (for the JS writers). */
export function freshContactIds(db: MirrorDb, selection: FreshSelection): number[] {
  const sql = `SELECT k.contact_id FROM contact_cards k WHERE ${freshWhere(selection)} ${limitClause(selection)}`;
  return cachedStatement(db, sql)
    .pluck(true)
    .all({ ...paramsFor(sql, freshParams(selection)), ...limitParams(selection) }) as number[];
}

/** Stages a selection for a plan (export-staging-repo): the same rows renderFreshVCard3 reads. */
export function stageFresh(db: MirrorDb, planId: number, selection: FreshSelection): number {
  const sql = `INSERT INTO export_staged (account_id, contact_id, plan_id, ledger)
    SELECT k.account_id, k.contact_id, @planId, NULL FROM contact_cards k
    WHERE ${freshWhere(selection)} ${limitClause(selection)}`;
  return cachedStatement(db, sql).run({
    ...paramsFor(sql, freshParams(selection)),
    ...limitParams(selection),
    planId,
  }).changes;
}

function limitClause(selection: FreshSelection): string {
  return selection.limit === null ? 'ORDER BY k.contact_id' : `${freshestFirst} LIMIT @limit`;
}

function limitParams(selection: FreshSelection): Record<string, number> {
  return selection.limit === null ? {} : { limit: selection.limit };
}

/** One new contact's whole vCard 3.0 and the ledger entry its delivery records. */
export interface FreshCard {
  readonly contactId: number;
  readonly card: Buffer;
  readonly ledger: string;
}

/**
 * The selection's cards one by one (a CardDAV target takes each card as its own resource),
 * framed as renderAndStageFreshVCard3 frames them, with the ledger entry read in the same
 * statement: a card and what the ledger will say about it come from one version of the
 * contact, whatever a sync writes while the cards are on their way.
 */
export function freshCardsEach(
  db: MirrorDb,
  selection: FreshSelection,
  categories: Buffer,
  form: TelForm,
): FreshCard[] {
  const sql = `SELECT k.contact_id, CAST(@head || ${withPause('k.', form)} || @categories || k.vcard3_rev || @tail AS BLOB), k.ledger
    FROM contact_cards k WHERE ${freshWhere(selection)} ${limitClause(selection)}`;
  const rows = cachedStatement(db, sql)
    .raw(true)
    .all({
      ...paramsFor(sql, freshParams(selection)),
      ...limitParams(selection),
      head: vcard3Head,
      categories,
      tail: vcardTail,
      ...pauseParams(form),
    }) as Array<[number, Buffer, string]>;
  return rows.map(([contactId, card, ledger]) => ({ contactId, card, ledger }));
}

/**
 * The update time of the oldest card a capped selection takes (its `limit`-th freshest), or
 * null when fewer are there: how far back a first pull must have come for the selection to be
 * the one a complete mirror gives (export-window.ts).
 */
export function oldestOfCappedSelection(db: MirrorDb, selection: FreshSelection): number | null {
  if (selection.limit === null || selection.limit === 0) return null;
  const sql = `SELECT k.updated_at FROM contact_cards k INDEXED BY contact_cards_freshest_first
    WHERE ${freshWhere(selection)} ${freshestFirst} LIMIT 1 OFFSET @offset`;
  const found = cachedStatement(db, sql)
    .pluck(true)
    .get({ ...paramsFor(sql, freshParams(selection)), offset: selection.limit - 1 }) as number | undefined;
  return found ?? null;
}
