/**
 * The ledger: what each device has received, per account (see migration 0005). Read before
 * an export to compute the delta; written only after a delivery succeeded (R15), from the
 * plan's staging (export-staging-repo.ts).
 */
import type { MirrorDb } from './mirror-db';

export interface LedgerChannel {
  readonly kind: 'phone' | 'email' | 'im';
  /** The identity that decides "already delivered": E.164, a lower-case e-mail, or the value. */
  readonly key: string;
  readonly value: string;
  readonly normalized: string | null;
  readonly typeCode: string | null;
}

export interface LedgerEntry {
  readonly contactId: number;
  readonly name: string;
  readonly channels: LedgerChannel[];
}

export interface ExportMark {
  /** CRM seconds: later exports take contacts created or edited at or after this (R4). */
  readonly since: number;
  readonly period: string;
  readonly firstExportedAt: number;
  readonly lastExportedAt: number;
}

export function channelKey(kind: LedgerChannel['kind'], value: string, normalized: string | null): string {
  if (normalized) return normalized;
  return kind === 'email' ? value.trim().toLowerCase() : value.trim();
}

/** The ledger entries of some contacts of an account on a device (those the export compares). */
export function readLedgerEntries(
  db: MirrorDb,
  deviceId: string,
  accountId: number,
  contactIds: readonly number[],
): Map<number, LedgerEntry> {
  const entries = new Map<number, LedgerEntry>();
  const ids = JSON.stringify(contactIds);
  const rows = db
    .prepare(
      `SELECT contact_id AS contactId, name FROM export_ledger
       WHERE device_id = ? AND account_id = ? AND contact_id IN (SELECT value FROM json_each(?))`,
    )
    .all(deviceId, accountId, ids) as Array<{ contactId: number; name: string }>;
  for (const row of rows) entries.set(row.contactId, { contactId: row.contactId, name: row.name, channels: [] });
  const channels = db
    .prepare(
      `SELECT contact_id AS contactId, kind, key, value, normalized, type_code AS typeCode
       FROM export_ledger_channels
       WHERE device_id = ? AND account_id = ? AND contact_id IN (SELECT value FROM json_each(?))`,
    )
    .iterate(deviceId, accountId, ids) as IterableIterator<LedgerChannel & { contactId: number }>;
  for (const { contactId, ...channel } of channels) entries.get(contactId)?.channels.push(channel);
  return entries;
}

export function readMark(db: MirrorDb, deviceId: string, accountId: number): ExportMark | null {
  return (
    (db
      .prepare(
        `SELECT since, period, first_exported_at AS firstExportedAt, last_exported_at AS lastExportedAt
         FROM export_marks WHERE device_id = ? AND account_id = ?`,
      )
      .get(deviceId, accountId) as ExportMark | undefined) ?? null
  );
}

/** R6: forgets everything one device received from one account; the next export is a first one. */
export function clearLedger(db: MirrorDb, deviceId: string, accountId: number): number {
  return db.transaction(() => {
    const cleared = db
      .prepare('DELETE FROM export_ledger WHERE device_id = ? AND account_id = ?')
      .run(deviceId, accountId).changes;
    db.prepare('DELETE FROM export_marks WHERE device_id = ? AND account_id = ?').run(deviceId, accountId);
    return cleared;
  })();
}

export function ledgerCount(db: MirrorDb, deviceId: string, accountId?: number): number {
  return (
    accountId === undefined
      ? db.prepare('SELECT count(*) FROM export_ledger WHERE device_id = ?').pluck().get(deviceId)
      : db
          .prepare('SELECT count(*) FROM export_ledger WHERE device_id = ? AND account_id = ?')
          .pluck()
          .get(deviceId, accountId)
  ) as number;
}
