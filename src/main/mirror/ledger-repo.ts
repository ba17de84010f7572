/**
 * The ledger: what each device has received, per account (see migration 0005). Read before
 * an export to compute the delta; written only after a delivery succeeded (R15).
 */
import type { MirrorDb } from './database';

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

export function readLedger(db: MirrorDb, deviceId: string, accountId: number): Map<number, LedgerEntry> {
  const entries = new Map<number, LedgerEntry>();
  const rows = db
    .prepare('SELECT contact_id AS contactId, name FROM export_ledger WHERE device_id = ? AND account_id = ?')
    .all(deviceId, accountId) as Array<{ contactId: number; name: string }>;
  for (const row of rows) entries.set(row.contactId, { contactId: row.contactId, name: row.name, channels: [] });
  const channels = db
    .prepare(
      `SELECT contact_id AS contactId, kind, key, value, normalized, type_code AS typeCode
       FROM export_ledger_channels WHERE device_id = ? AND account_id = ?`,
    )
    .iterate(deviceId, accountId) as IterableIterator<LedgerChannel & { contactId: number }>;
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

export interface DeliveredContact {
  readonly contactId: number;
  readonly name: string;
  /** Every channel delivered (the ledger keys them itself). */
  readonly channels: ReadonlyArray<Omit<LedgerChannel, 'key'>>;
}

/** Records a delivery: call inside one transaction, after the delivery was confirmed. */
export function recordDelivery(
  db: MirrorDb,
  deviceId: string,
  accountId: number,
  delivered: readonly DeliveredContact[],
  mark: { since: number; period: string },
  now: number,
): void {
  const upsertEntry = db.prepare(
    `INSERT INTO export_ledger (device_id, account_id, contact_id, name, first_delivered_at, last_delivered_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (device_id, account_id, contact_id) DO UPDATE SET name = excluded.name, last_delivered_at = excluded.last_delivered_at`,
  );
  const insertChannel = db.prepare(
    `INSERT OR IGNORE INTO export_ledger_channels (device_id, account_id, contact_id, kind, key, value, normalized, type_code)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const contact of delivered) {
    upsertEntry.run(deviceId, accountId, contact.contactId, contact.name, now, now);
    for (const channel of contact.channels) {
      const key = channelKey(channel.kind, channel.value, channel.normalized);
      insertChannel.run(
        deviceId,
        accountId,
        contact.contactId,
        channel.kind,
        key,
        channel.value,
        channel.normalized,
        channel.typeCode,
      );
    }
  }
  db.prepare(
    `INSERT INTO export_marks (device_id, account_id, since, period, first_exported_at, last_exported_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (device_id, account_id) DO UPDATE SET since = excluded.since, last_exported_at = excluded.last_exported_at`,
  ).run(deviceId, accountId, mark.since, mark.period, now, now);
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
