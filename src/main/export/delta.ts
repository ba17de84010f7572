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
import type { RightLetter } from '../crm/rights-api';
import type { MirrorDb } from '../mirror/database';
import { channelKey, type LedgerChannel, type LedgerEntry, readLedger } from '../mirror/ledger-repo';
import { isDialable } from '../phones/normalize';
import type { ExportableChannel, ExportableContact } from './card-from-mirror';

/** R5: an iPhone takes at most 5,000 contacts per account. */
export const iosCapPerAccount = 5000;

export interface ExportFilters {
  /** R8: only contacts where the user is responsible. */
  readonly onlyMine: boolean;
  /** R8: only contacts of these responsible users (null: any). */
  readonly responsible: readonly number[] | null;
}

export interface DeltaRequest {
  readonly db: MirrorDb;
  readonly deviceId: string;
  readonly capped: boolean;
  readonly accountId: number;
  readonly currentUserId: number;
  /** The user's group, for the "group" right. */
  readonly groupId: number | null;
  /** The export right in force (already resolved: unknown became 'M'). */
  readonly right: Exclude<RightLetter, 'D'>;
  /** CRM seconds: contacts updated at or after this count (R4). */
  readonly since: number;
  readonly filters: ExportFilters;
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
  readonly items: readonly DeltaItem[];
  readonly counts: DeltaCounts;
  /** Contacts of this account the device holds after this export. */
  readonly deviceTotal: number;
}

/** A candidate contact: the light columns every rule needs, read for every candidate. */
interface Row {
  id: number;
  responsibleUserId: number | null;
  groupId: number | null;
  updatedAt: number;
  phoneCount: number;
}

/** Names and deliverable channels, read only for contacts that will be delivered or compared. */
interface Details {
  name: string;
  firstName: string;
  lastName: string;
  position: string | null;
  channels: ExportableChannel[];
}

/** Above this many contacts, one ordered scan of the account beats a lookup each. */
const scanAbove = 20_000;

export function computeDelta(request: DeltaRequest): AccountDelta {
  const { db, accountId } = request;
  // Raw rows (arrays) first: for 100,000 contacts, objects would be most of the cost.
  const raw = db
    .prepare(
      `SELECT id, responsible_user_id, group_id, updated_at, phone_count
       FROM contacts WHERE account_id = ? AND updated_at >= ?`,
    )
    .raw()
    .all(accountId, request.since) as Array<[number, number | null, number | null, number, number]>;

  let skippedNoPhone = 0;
  let skippedByRights = 0;
  const permitted: Row[] = [];
  for (const [id, responsibleUserId, groupId, updatedAt, phoneCount] of raw) {
    const row: Row = { id, responsibleUserId, groupId, updatedAt, phoneCount };
    if (phoneCount === 0) skippedNoPhone++;
    else if (!rightAllows(request, row)) skippedByRights++;
    else if (filterAllows(request, row)) permitted.push(row);
  }

  const ledger = readLedger(db, request.deviceId, accountId);
  let fresh = permitted;
  let known: Row[] = [];
  if (ledger.size > 0) {
    fresh = permitted.filter((row) => !ledger.has(row.id));
    known = permitted.filter((row) => ledger.has(row.id));
  }
  // R5: the freshest first, by the CRM's edit time, then id (only the cap needs the order).
  const slots = request.capped ? Math.max(0, iosCapPerAccount - ledger.size) : fresh.length;
  if (slots < fresh.length) fresh = [...fresh].sort((a, b) => b.updatedAt - a.updatedAt || b.id - a.id);
  const taken = slots < fresh.length ? fresh.slice(0, slots) : fresh;

  const details = detailsOf(db, accountId, request.since, [...taken, ...known]);
  const items: DeltaItem[] = [];
  for (const row of taken) {
    const detail = details.get(row.id);
    if (detail) items.push(item('new', row, detail, undefined));
  }
  let updated = 0;
  for (const row of known) {
    const entry = ledger.get(row.id) as LedgerEntry;
    const detail = details.get(row.id);
    if (!detail || !hasNews(detail, entry)) continue;
    items.push(item('updated', row, detail, entry));
    updated++;
  }

  return {
    accountId,
    items,
    counts: {
      new: taken.length,
      updated,
      skippedNoPhone,
      skippedByCap: fresh.length - taken.length,
      skippedByRights,
      capRemaining: request.capped ? slots - taken.length : null,
    },
    deviceTotal: ledger.size + taken.length,
  };

  function item(status: DeltaItem['status'], row: Row, detail: Details, entry: LedgerEntry | undefined): DeltaItem {
    const union = unionChannels(detail.channels, entry?.channels ?? []);
    return {
      status,
      contact: {
        accountId,
        id: row.id,
        name: detail.name,
        firstName: detail.firstName,
        lastName: detail.lastName,
        updatedAt: row.updatedAt,
        position: detail.position,
        channels: union,
      },
      ledgerChannels: union,
    };
  }
}

function rightAllows(request: DeltaRequest, row: Row): boolean {
  switch (request.right) {
    case 'A':
      return true;
    case 'G':
      return (row.groupId ?? 0) === (request.groupId ?? 0);
    case 'M':
      return row.responsibleUserId === request.currentUserId;
  }
}

function filterAllows(request: DeltaRequest, row: Row): boolean {
  const { onlyMine, responsible } = request.filters;
  if (onlyMine && row.responsibleUserId !== request.currentUserId) return false;
  if (responsible && (row.responsibleUserId === null || !responsible.includes(row.responsibleUserId))) return false;
  return true;
}

/** The channels a delivery carries: dialable phones (R2), e-mails and messengers (R3). */
function deliverable(channel: ExportableChannel): boolean {
  return channel.kind !== 'phone' || isDialable(channel.value, channel.normalized);
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

/**
 * Names and channels of the wanted contacts. Many: two scans in primary-key order (the
 * contacts, then all their channels), cheaper than a lookup per contact; few (an iPhone's
 * 5,000 of 100,000): a lookup each, so the rest is never read.
 */
function detailsOf(db: MirrorDb, accountId: number, since: number, rows: readonly Row[]): Map<number, Details> {
  const details = new Map<number, Details>();
  if (rows.length === 0) return details;
  const addChannel = (detail: Details | undefined, channel: ExportableChannel) => {
    if (detail && deliverable(channel)) detail.channels.push(channel);
  };
  if (rows.length > scanAbove) {
    const wanted = new Set(rows.map((row) => row.id));
    const names = db
      .prepare(
        'SELECT id, name, first_name, last_name, position FROM contacts WHERE account_id = ? AND updated_at >= ?',
      )
      .raw()
      .all(accountId, since) as Array<[number, string, string, string, string | null]>;
    for (const [id, name, firstName, lastName, position] of names) {
      if (wanted.has(id)) details.set(id, { name, firstName, lastName, position, channels: [] });
    }
    const channels = db
      .prepare('SELECT contact_id, kind, value, normalized, type_code FROM contact_channels WHERE account_id = ?')
      .raw()
      .all(accountId) as Array<[number, ChannelKind, string, string | null, string | null]>;
    for (const [contactId, kind, value, normalized, typeCode] of channels) {
      addChannel(details.get(contactId), { kind, value, normalized, typeCode });
    }
    return details;
  }
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
      addChannel(detail, { kind, value, normalized, typeCode });
    }
  }
  return details;
}
