/**
 * The team mirror's answers: the part of amoCRM's API v4 that a colleague's app reads
 * (account, own rights, field definitions, contacts pages and single contacts, events),
 * built from the mirror, and only ever of what this colleague may export (R7, as the export
 * itself decides it: export/fresh-cards.ts `rightClause`). A contact outside their rights
 * does not exist for them: not in a page, not by id (204, as amoCRM answers for what a user
 * may not see), not in an event.
 *
 * A contact is rebuilt from the mirror's row and channels in amoCRM's shape (field codes,
 * enum codes), so the colleague's app maps it (crm/contact-mapper.ts) to the very row the team
 * mirror holds: tests/unit/team/mirror-as-api.test.ts checks that round trip.
 */
import type { WireContact, WireCustomField } from '../crm/wire';
import { type ContactCriteria, contactColumns, rightClause } from '../export/fresh-cards';
import type { AccountRecord } from '../mirror/accounts-repo';
import { cachedStatement } from '../mirror/contacts-repo';
import type { MirrorDb } from '../mirror/mirror-db';
import { paramValues } from '../sandbox/query-params';
import type { Colleague } from './colleague-sessions';

/** What a route answers: a JSON body, or 204 (nothing found), or a problem. */
export type ApiAnswer =
  | { readonly status: 200; readonly body: unknown }
  | { readonly status: 204 }
  | { readonly status: 400 | 403 | 404; readonly title: string; readonly detail: string };

/** One request of one colleague: everything an answer reads. */
export interface ColleagueRequest {
  readonly db: MirrorDb;
  readonly account: AccountRecord;
  readonly colleague: Colleague;
  readonly query: URLSearchParams;
  /** `https://<host the colleague asked>`, for the HAL links. */
  readonly origin: string;
}

const noContent: ApiAnswer = { status: 204 };
const problem = (status: 400 | 403 | 404, title: string, detail: string): ApiAnswer => ({ status, title, detail });

interface Scope {
  /** The colleague's rights over the contacts table, alias `c`. */
  readonly clause: string;
  /** The same over a departure, alias `d`: who had the contact before. */
  readonly clauseBefore: string;
  readonly params: Record<string, number>;
}

/** The SQL of a colleague's rights, or null when they may export nothing. */
function scopeOf(account: AccountRecord, colleague: Colleague): Scope | null {
  if (colleague.exportLetter === 'D') return null;
  const criteria: ContactCriteria = {
    accountId: account.id,
    since: 0,
    right: colleague.exportLetter,
    currentUserId: colleague.userId,
    groupId: colleague.groupId,
    filters: { onlyMine: false, responsible: null },
  };
  return {
    clause: rightClause(criteria, contactColumns),
    clauseBefore: rightClause(criteria, { table: 'd', id: 'd.contact_id' }),
    params: { currentUserId: colleague.userId, groupId: colleague.groupId ?? 0 },
  };
}

export function accountAnswer({ db, account, colleague, query, origin }: ColleagueRequest): ApiAnswer {
  const withParts = new Set((query.get('with') ?? '').split(','));
  const body: Record<string, unknown> = {
    id: account.id,
    name: account.name,
    subdomain: account.subdomain,
    current_user_id: colleague.userId,
    country: account.country,
    _links: { self: { href: `${origin}/api/v4/account` } },
  };
  // The team mirror honours the one filter the app sends (by responsible user) on every account.
  if (withParts.has('is_api_filter_enabled')) body['is_api_filter_enabled'] = true;
  if (withParts.has('users_groups')) {
    const groups = db.prepare('SELECT id, name FROM crm_groups WHERE account_id = ? ORDER BY id').all(account.id);
    body['_embedded'] = { users_groups: groups };
  }
  return { status: 200, body };
}

/** `GET /api/v4/users/{id}`: a colleague reads their own rights, as the team mirror read them. */
export function userAnswer({ colleague }: ColleagueRequest, rawId: string): ApiAnswer {
  if (rawId !== String(colleague.userId)) {
    return problem(403, 'Forbidden', 'The team mirror shows each colleague their own user only');
  }
  const letter = colleague.exportLetter;
  return {
    status: 200,
    body: {
      id: colleague.userId,
      rights: {
        contacts: { view: letter === 'D' ? 'A' : letter, export: letter },
        is_admin: colleague.isAdmin,
        group_id: colleague.groupId,
      },
    },
  };
}

/** `GET /api/v4/users`: only an administrator's app asks (for the responsible-user filter). */
export function usersAnswer({ db, account, colleague }: ColleagueRequest): ApiAnswer {
  if (!colleague.isAdmin) return problem(403, 'Forbidden', 'Only administrators may list users');
  const users = (
    db.prepare('SELECT id, name, group_id FROM crm_users WHERE account_id = ? ORDER BY id').all(account.id) as Array<{
      id: number;
      name: string;
      group_id: number | null;
    }>
  ).map((user) => ({ id: user.id, name: user.name, rights: { group_id: user.group_id } }));
  return users.length === 0 ? noContent : { status: 200, body: { _page: 1, _embedded: { users } } };
}

export function customFieldsAnswer({ db, account, query }: ColleagueRequest): ApiAnswer {
  // Every definition fits in one page (amoCRM's limit is 250 a page; an account has dozens).
  if ((query.get('page') ?? '1') !== '1') return noContent;
  const fields = db
    .prepare('SELECT id, code, name FROM crm_fields WHERE account_id = ? ORDER BY id')
    .all(account.id) as Array<{ id: number; code: string | null; name: string }>;
  if (fields.length === 0) return noContent;
  const enums = db
    .prepare('SELECT field_id, id, value FROM crm_field_enums WHERE account_id = ? ORDER BY field_id, id')
    .all(account.id) as Array<{ field_id: number; id: number; value: string }>;
  const custom_fields = fields.map((field) => ({
    ...field,
    enums: enums.filter((entry) => entry.field_id === field.id).map(({ id, value }) => ({ id, value })),
  }));
  return { status: 200, body: { _page: 1, _embedded: { custom_fields } } };
}

const orders: Readonly<Record<string, string>> = {
  'id:asc': 'c.id ASC',
  'id:desc': 'c.id DESC',
  'updated_at:asc': 'c.updated_at ASC, c.id ASC',
  'updated_at:desc': 'c.updated_at DESC, c.id DESC',
};

export function contactsAnswer({ db, account, colleague, query, origin }: ColleagueRequest): ApiAnswer {
  const paging = pagingOf(query, 250);
  if ('detail' in paging) return problem(400, 'Bad Request', paging.detail);
  let order = orders['id:asc'] as string;
  for (const field of ['id', 'updated_at']) {
    const direction = query.get(`order[${field}]`);
    if (direction === null) continue;
    const chosen = orders[`${field}:${direction}`];
    if (!chosen) return problem(400, 'Bad Request', `order[${field}] must be asc or desc`);
    order = chosen;
  }
  const scope = scopeOf(account, colleague);
  if (!scope) return noContent;
  const clauses = ['c.account_id = @accountId', scope.clause];
  const params: Record<string, unknown> = {
    ...scope.params,
    accountId: account.id,
    limit: paging.limit,
    offset: (paging.page - 1) * paging.limit,
  };
  const responsible = numbersOf(query, 'filter[responsible_user_id]');
  const ids = numbersOf(query, 'filter[id]');
  if (responsible === null || ids === null) return problem(400, 'Bad Request', 'filters take integer ids');
  if (responsible.length > 0) {
    clauses.push('c.responsible_user_id IN (SELECT value FROM json_each(@responsible))');
    params['responsible'] = JSON.stringify(responsible);
  }
  if (ids.length > 0) {
    clauses.push('c.id IN (SELECT value FROM json_each(@ids))');
    params['ids'] = JSON.stringify(ids);
  }
  const sql = `SELECT ${contactFields} FROM contacts c WHERE ${clauses.filter((clause) => clause !== '1').join(' AND ')}
    ORDER BY ${order} LIMIT @limit OFFSET @offset`;
  const rows = cachedStatement(db, sql).all(params) as ContactRow[];
  if (rows.length === 0) return noContent;
  const contacts = wireContacts(db, account, rows, origin);
  const self = (page: number) => `${origin}/api/v4/contacts?${withPage(query, page)}`;
  const links: Record<string, { href: string }> = { self: { href: self(paging.page) } };
  // As amoCRM does: `next` whenever the page is full, even if the next one is empty.
  if (rows.length === paging.limit) links['next'] = { href: self(paging.page + 1) };
  return { status: 200, body: { _page: paging.page, _links: links, _embedded: { contacts } } };
}

export function contactAnswer({ db, account, colleague, origin }: ColleagueRequest, rawId: string): ApiAnswer {
  if (!/^\d{1,15}$/.test(rawId)) return problem(404, 'Not Found', `No contact ${rawId.slice(0, 40)}`);
  const scope = scopeOf(account, colleague);
  if (!scope) return noContent;
  const row = cachedStatement(
    db,
    `SELECT ${contactFields} FROM contacts c WHERE c.account_id = @accountId AND c.id = @id AND ${scope.clause}`,
  ).get({ ...scope.params, accountId: account.id, id: Number(rawId) }) as ContactRow | undefined;
  return row ? { status: 200, body: wireContacts(db, account, [row], origin)[0] } : noContent;
}

/**
 * `GET /api/v4/events`: what a colleague's app must hear of to keep its mirror as its rights
 * see the account. A contact deleted, or given to someone outside their rights, while it was
 * theirs: `contact_deleted`. One given to them, or back after a deletion: `contact_restored`
 * (their app then fetches it by id). Stamped as the departures were (migration 0014).
 */
export function eventsAnswer({ db, account, colleague, query, origin }: ColleagueRequest): ApiAnswer {
  const paging = pagingOf(query, 100);
  if ('detail' in paging) return problem(400, 'Bad Request', paging.detail);
  const from = Number(query.get('filter[created_at][from]') ?? '0');
  if (!Number.isSafeInteger(from)) return problem(400, 'Bad Request', 'filter[created_at][from] must be Unix seconds');
  const scope = scopeOf(account, colleague);
  if (!scope) return noContent;
  const before = scope.clauseBefore;
  const now = `(c.id IS NOT NULL AND ${scope.clause})`;
  const sql = `SELECT d.seq, d.contact_id, d.stamp,
      CASE
        WHEN d.kind = 'deleted' AND ${before} THEN 'contact_deleted'
        WHEN d.kind = 'reassigned' AND ${before} AND NOT ${now} THEN 'contact_deleted'
        WHEN d.kind = 'reassigned' AND NOT (${before}) AND ${now} THEN 'contact_restored'
        WHEN d.kind = 'restored' AND ${now} THEN 'contact_restored'
      END AS type
    FROM contact_departures d
    LEFT JOIN contacts c ON c.account_id = d.account_id AND c.id = d.contact_id
    WHERE d.account_id = @accountId AND d.stamp >= @from AND type IS NOT NULL
    ORDER BY d.seq LIMIT @limit OFFSET @offset`;
  const rows = cachedStatement(db, sql).all({
    ...scope.params,
    accountId: account.id,
    from,
    limit: paging.limit,
    offset: (paging.page - 1) * paging.limit,
  }) as Array<{ seq: number; contact_id: number; stamp: number; type: string }>;
  const wanted = new Set((query.get('filter[type]') ?? 'contact_deleted,contact_restored').split(','));
  const events = rows
    .filter((row) => wanted.has(row.type))
    .map((row) => ({
      id: `team-${row.seq}`,
      type: row.type,
      entity_id: row.contact_id,
      entity_type: 'contact',
      created_at: row.stamp,
      account_id: account.id,
    }));
  if (rows.length === 0) return noContent;
  const links: Record<string, { href: string }> = {};
  if (rows.length === paging.limit)
    links['next'] = { href: `${origin}/api/v4/events?${withPage(query, paging.page + 1)}` };
  return { status: 200, body: { _page: paging.page, _links: links, _embedded: { events } } };
}

// --- rebuilding contacts ----------------------------------------------------------------------

/** The columns of ContactRow. */
const contactFields = `c.id, c.name, c.first_name, c.last_name, c.responsible_user_id, c.group_id, c.created_at,
  c.updated_at, c.position`;

interface ContactRow {
  id: number;
  name: string;
  first_name: string;
  last_name: string;
  responsible_user_id: number | null;
  group_id: number | null;
  created_at: number;
  updated_at: number;
  position: string | null;
}

interface ChannelRow {
  contact_id: number;
  kind: 'phone' | 'email' | 'im';
  value: string;
  type_code: string | null;
}

const fieldCodeOfKind = { phone: 'PHONE', email: 'EMAIL', im: 'IM' } as const;

function wireContacts(
  db: MirrorDb,
  account: AccountRecord,
  rows: readonly ContactRow[],
  origin: string,
): WireContact[] {
  const channels = cachedStatement(
    db,
    `SELECT contact_id, kind, value, type_code FROM contact_channels
     WHERE account_id = ? AND contact_id IN (SELECT value FROM json_each(?)) ORDER BY contact_id, kind, position`,
  ).all(account.id, JSON.stringify(rows.map((row) => row.id))) as ChannelRow[];
  const fieldIds = new Map(
    (
      cachedStatement(db, 'SELECT code, id FROM crm_fields WHERE account_id = ? AND code IS NOT NULL').all(
        account.id,
      ) as Array<{ code: string; id: number }>
    ).map((field) => [field.code, field.id]),
  );
  const byContact = new Map<number, ChannelRow[]>();
  for (const channel of channels) {
    const list = byContact.get(channel.contact_id);
    if (list) list.push(channel);
    else byContact.set(channel.contact_id, [channel]);
  }
  return rows.map((row) => {
    const fields: WireCustomField[] = [];
    if (row.position !== null) {
      fields.push({
        field_id: fieldIds.get('POSITION') ?? 0,
        field_code: 'POSITION',
        values: [{ value: row.position }],
      });
    }
    for (const kind of ['phone', 'email', 'im'] as const) {
      const values = (byContact.get(row.id) ?? []).filter((channel) => channel.kind === kind);
      if (values.length === 0) continue;
      const code = fieldCodeOfKind[kind];
      fields.push({
        field_id: fieldIds.get(code) ?? 0,
        field_code: code,
        values: values.map((channel) => ({ value: channel.value, enum_code: channel.type_code })),
      });
    }
    return {
      id: row.id,
      name: row.name,
      first_name: row.first_name,
      last_name: row.last_name,
      responsible_user_id: row.responsible_user_id,
      group_id: row.group_id,
      created_at: row.created_at,
      updated_at: row.updated_at,
      is_deleted: false,
      custom_fields_values: fields.length > 0 ? fields : null,
      account_id: account.id,
      _links: { self: { href: `${origin}/api/v4/contacts/${row.id}` } },
    };
  });
}

// --- query helpers ----------------------------------------------------------------------------

function pagingOf(query: URLSearchParams, maxLimit: number): { page: number; limit: number } | { detail: string } {
  const page = Number(query.get('page') ?? '1');
  const limit = Number(query.get('limit') ?? '50');
  if (!Number.isSafeInteger(page) || page < 1 || page > 100_000)
    return { detail: 'page must be a whole number from 1' };
  if (!Number.isSafeInteger(limit) || limit < 1) return { detail: 'limit must be a whole number from 1' };
  return { page, limit: Math.min(limit, maxLimit) };
}

/** The integers given for `name` in any of amoCRM's spellings (at most 500); null when one is not an integer. */
function numbersOf(query: URLSearchParams, name: string): number[] | null {
  const numbers = paramValues(query, name).map(Number);
  return numbers.every(Number.isSafeInteger) ? numbers.slice(0, 500) : null;
}

function withPage(query: URLSearchParams, page: number): string {
  const next = new URLSearchParams(query);
  next.set('page', String(page));
  return next.toString();
}
