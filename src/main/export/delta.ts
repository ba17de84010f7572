/**
 * The export delta of one account for one device: what that device still lacks, by the
 * rules (export-rules.md):
 *
 * - R2 only contacts with a phone; R3 e-mails and messengers ride along;
 * - R4 created or edited since the period's start (first export) or the last export;
 * - R7 the user's export right (unknown -> only where responsible); R8 "only mine" or a
 *   set of responsible users, always inside the right;
 * - R5 iPhone: 5,000 per account, cumulative; the freshest first; updates take no slot;
 * - R9-R12 a contact already delivered is sent again only if its name changed or it has
 *   a number (e-mail, messenger) the device has not had, and then with the current name
 *   and the union of everything ever delivered; deleted contacts are simply not there.
 */

import type { ChannelKind, ExportCounts } from '../../shared/api/types';
import {
  channelKey,
  type LedgerChannel,
  type LedgerEntry,
  ledgerCount,
  readLedgerEntries,
} from '../mirror/ledger-repo';
import type { MirrorDb } from '../mirror/mirror-db';
import { deliverable, type ExportableChannel, type ExportableContact } from './card-from-mirror';
import {
  type ContactCriteria,
  contactColumns,
  criteriaParams,
  type ExportFilters,
  type FreshSelection,
  filterClause,
  paramsFor,
  rightClause,
} from './fresh-cards';

export type { ExportFilters };

/** R5: an iPhone takes at most 5,000 contacts per account. */
export const iosCapPerAccount = 5000;

export interface DeltaRequest extends ContactCriteria {
  readonly db: MirrorDb;
  readonly deviceId: string;
  readonly capped: boolean;
}

export interface DeltaItem {
  readonly status: 'new' | 'updated';
  readonly contact: ExportableContact;
  /** What the ledger will hold for this contact once delivered: every channel ever sent. */
  readonly ledgerChannels: readonly ExportableChannel[];
}

/** The same counts the API reports per account. */
export type DeltaCounts = ExportCounts;

export interface AccountDelta {
  readonly accountId: number;
  /**
   * The new contacts: not read here, only counted. SQLite selects, renders and stages them
   * when the plan is rendered (fresh-cards.ts); there may be 100,000.
   */
  readonly fresh: FreshSelection;
  /** Contacts the device has that are sent again (R9-R12): few, built here in JS. */
  readonly updated: readonly DeltaItem[];
  readonly counts: DeltaCounts;
  /** Contacts of this account the device holds after this export. */
  readonly deviceTotal: number;
}

/** A candidate the device already has. */
interface Row {
  id: number;
  updatedAt: number;
}

/** Names and deliverable channels, read only for contacts that will be delivered or compared. */
interface Details {
  name: string;
  firstName: string;
  lastName: string;
  position: string | null;
  channels: ExportableChannel[];
}

export function computeDelta(request: DeltaRequest): AccountDelta {
  const { db, accountId, deviceId } = request;
  const ledgerSize = ledgerCount(db, deviceId, accountId);
  const params = criteriaParams(request);
  const right = rightClause(request, contactColumns);
  const filter = filterClause(request, contactColumns);
  const permitted = `c.phone_count > 0 AND ${right} AND ${filter}`;
  // One pass over the covering index contacts_for_export: every count the rules need, so
  // that the preview accounts for every contact of the account.
  const countSql = `SELECT
      count(*) FILTER (WHERE c.updated_at >= @since AND c.phone_count = 0),
      count(*) FILTER (WHERE c.updated_at >= @since AND c.phone_count > 0 AND NOT (${right})),
      count(*) FILTER (WHERE c.updated_at >= @since AND c.phone_count > 0 AND ${right} AND NOT (${filter})),
      count(*) FILTER (WHERE c.updated_at >= @since AND ${permitted}),
      count(*)
    FROM contacts c WHERE c.account_id = @accountId`;
  const [skippedNoPhone, skippedByRights, skippedByFilter, permittedCount, accountTotal] = db
    .prepare(countSql)
    .raw()
    .get(paramsFor(countSql, params)) as [number, number, number, number, number];

  // Permitted contacts the device already has: candidates for a re-send (R9-R12).
  let known: Row[] = [];
  if (ledgerSize > 0) {
    const knownSql = `SELECT c.id, c.updated_at FROM contacts c
      CROSS JOIN export_ledger l ON l.device_id = @deviceId AND l.account_id = c.account_id AND l.contact_id = c.id
      WHERE c.account_id = @accountId AND c.updated_at >= @since AND ${permitted}`;
    known = (
      db
        .prepare(knownSql)
        .raw()
        .all(paramsFor(knownSql, { ...params, deviceId })) as Array<[number, number]>
    ).map(([id, updatedAt]) => ({ id, updatedAt }));
  }
  const fresh = permittedCount - known.length;
  // R5: the cap counts what the device holds; updates take no slot.
  const slots = request.capped ? Math.max(0, iosCapPerAccount - ledgerSize) : fresh;
  const taken = Math.min(fresh, slots);

  const updated: DeltaItem[] = [];
  if (known.length > 0) {
    const ledger = readLedgerEntries(
      db,
      deviceId,
      accountId,
      known.map((row) => row.id),
    );
    const details = detailsOf(db, accountId, known);
    for (const row of known) {
      const entry = ledger.get(row.id) as LedgerEntry;
      const detail = details.get(row.id);
      if (!detail || !hasNews(detail, entry)) continue;
      updated.push(item(row, detail, entry));
    }
  }

  return {
    accountId,
    fresh: {
      accountId,
      since: request.since,
      right: request.right,
      currentUserId: request.currentUserId,
      groupId: request.groupId,
      filters: request.filters,
      ledgerDeviceId: ledgerSize > 0 ? deviceId : null,
      limit: request.capped ? slots : null,
    },
    updated,
    counts: {
      new: taken,
      updated: updated.length,
      skippedNoPhone,
      skippedByCap: fresh - taken,
      skippedByRights,
      skippedByFilter,
      skippedByPeriod: accountTotal - skippedNoPhone - skippedByRights - skippedByFilter - permittedCount,
      unchanged: known.length - updated.length,
      accountTotal,
      capRemaining: request.capped ? slots - taken : null,
    },
    deviceTotal: ledgerSize + taken,
  };

  function item(row: Row, detail: Details, entry: LedgerEntry): DeltaItem {
    const union = unionChannels(detail.channels, entry.channels);
    return { status: 'updated', contact: contactOf(accountId, row, detail, union), ledgerChannels: union };
  }
}

function contactOf(
  accountId: number,
  row: Row,
  detail: Details,
  channels: readonly ExportableChannel[],
): ExportableContact {
  return {
    accountId,
    id: row.id,
    name: detail.name,
    firstName: detail.firstName,
    lastName: detail.lastName,
    updatedAt: row.updatedAt,
    position: detail.position,
    channels,
  };
}

/**
 * New contacts as JS objects, in the selection's order, for the writers that have no
 * stored form (vCard 4.0): the selected ids, then a lookup each.
 */
export function freshContacts(db: MirrorDb, accountId: number, ids: readonly number[]): ExportableContact[] {
  const rows = db.prepare('SELECT updated_at FROM contacts WHERE account_id = ? AND id = ?').pluck();
  const withTimes = ids.map((id) => ({ id, updatedAt: rows.get(accountId, id) as number }));
  const details = detailsOf(db, accountId, withTimes);
  const contacts: ExportableContact[] = [];
  for (const row of withTimes) {
    const detail = details.get(row.id);
    if (detail) contacts.push(contactOf(accountId, row, detail, detail.channels));
  }
  return contacts;
}

function hasNews(detail: Details, entry: LedgerEntry): boolean {
  if (detail.name !== entry.name) return true;
  const had = new Set(entry.channels.map((channel) => `${channel.kind}:${channel.key}`));
  return detail.channels.some(
    (channel) => !had.has(`${channel.kind}:${channelKey(channel.kind, channel.value, channel.normalized)}`),
  );
}

/** Current channels in the CRM's order, then those delivered before and since removed (R9, R10). */
function unionChannels(
  current: readonly ExportableChannel[],
  delivered: readonly LedgerChannel[],
): readonly ExportableChannel[] {
  // A first delivery (most of a big first export): nothing to merge, nothing to copy.
  if (delivered.length === 0) return current;
  const union: ExportableChannel[] = [...current];
  const seen = new Set(
    current.map((channel) => `${channel.kind}:${channelKey(channel.kind, channel.value, channel.normalized)}`),
  );
  for (const { key, ...channel } of delivered) {
    const id = `${channel.kind}:${key}`;
    if (!seen.has(id)) {
      seen.add(id);
      union.push(channel);
    }
  }
  return union;
}

/** Names and deliverable channels of the wanted contacts (the few compared or re-sent): a lookup each. */
function detailsOf(db: MirrorDb, accountId: number, rows: readonly Row[]): Map<number, Details> {
  const details = new Map<number, Details>();
  if (rows.length === 0) return details;
  const contact = db
    .prepare('SELECT name, first_name, last_name, position FROM contacts WHERE account_id = ? AND id = ?')
    .raw();
  const channels = db
    .prepare(
      'SELECT kind, value, normalized, type_code FROM contact_channels WHERE account_id = ? AND contact_id = ? ORDER BY kind, position',
    )
    .raw();
  for (const row of rows) {
    const found = contact.get(accountId, row.id) as [string, string, string, string | null] | undefined;
    if (!found) continue;
    const [name, firstName, lastName, position] = found;
    const detail: Details = { name, firstName, lastName, position, channels: [] };
    details.set(row.id, detail);
    for (const [kind, value, normalized, typeCode] of channels.all(accountId, row.id) as Array<
      [ChannelKind, string, string | null, string | null]
    >) {
      const channel = { kind, value, normalized, typeCode };
      if (deliverable(channel)) detail.channels.push(channel);
    }
  }
  return details;
}
