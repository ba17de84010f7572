/**
 * Staging (migration 6): what an export plan delivered, written in the same transaction as
 * its bytes, then copied into the ledger once the delivery is confirmed (R15) or dropped.
 * Between the two a sync may rewrite the mirror (a LAN handoff waits minutes for the
 * phone); the ledger must still record what the phone got, not what the mirror holds by
 * then. A staged row without an entry of its own stands for the contact's stored card
 * entry, which triggers copy into it before a sync changes or deletes it.
 */
import type { MirrorDb } from './mirror-db';

/**
 * A plan staged longer ago than this was abandoned (its process died, or the phone never
 * answered): clearing it at open only means that a commit after all this time fails, and
 * the next export sends the same contacts again. Plans of other processes running now are
 * younger, so they are left alone.
 */
export const abandonedAfterMs = 60 * 60_000;

/** Starts (or starts over) the staging of a plan: what an earlier rendering staged goes. */
export function openStaging(db: MirrorDb, planId: number, deviceId: string, nowMs: number): void {
  db.prepare('DELETE FROM export_plans WHERE id = ?').run(planId);
  db.prepare('INSERT INTO export_plans (id, device_id, staged_at) VALUES (?, ?, ?)').run(planId, deviceId, nowMs);
}

/** Stages contacts with their own entries (JSON as contact_cards.ledger): re-sent contacts, R9-R12. */
export function stageEntries(
  db: MirrorDb,
  planId: number,
  accountId: number,
  entries: ReadonlyArray<{ readonly contactId: number; readonly ledger: string }>,
): void {
  const insert = db.prepare(
    `INSERT INTO export_staged (account_id, contact_id, plan_id, ledger) VALUES (?, ?, ?, ?)
     ON CONFLICT (account_id, contact_id, plan_id) DO UPDATE SET ledger = excluded.ledger`,
  );
  for (const entry of entries) insert.run(accountId, entry.contactId, planId, entry.ledger);
}

export function isStaged(db: MirrorDb, planId: number): boolean {
  return db.prepare('SELECT 1 FROM export_plans WHERE id = ?').get(planId) !== undefined;
}

/** How many contacts of an account a plan staged. */
export function stagedCount(db: MirrorDb, planId: number, accountId: number): number {
  return db
    .prepare('SELECT count(*) FROM export_staged WHERE account_id = ? AND plan_id = ?')
    .pluck()
    .get(accountId, planId) as number;
}

/**
 * The staged entries of one account as ledger rows (insert or update, name and channels
 * first written kept as the ledger does), plus the mark. Call inside one transaction, once
 * the delivery is confirmed.
 */
export function commitStaged(
  db: MirrorDb,
  deviceId: string,
  accountId: number,
  planId: number,
  mark: { since: number; period: string },
  nowMs: number,
): void {
  const staged = `export_staged s
    LEFT JOIN contact_cards k ON k.account_id = s.account_id AND k.contact_id = s.contact_id
    WHERE s.account_id = @accountId AND s.plan_id = @planId`;
  const params = { deviceId, accountId, planId, nowMs };
  db.prepare(
    `INSERT INTO export_ledger (device_id, account_id, contact_id, name, first_delivered_at, last_delivered_at)
     SELECT @deviceId, s.account_id, s.contact_id, coalesce(s.ledger, k.ledger) ->> 0, @nowMs, @nowMs FROM ${staged}
     ON CONFLICT (device_id, account_id, contact_id) DO UPDATE
       SET name = excluded.name, last_delivered_at = excluded.last_delivered_at`,
  ).run(params);
  // json_each walks each entry's channels in order: of two with the same key, the first stays.
  db.prepare(
    `INSERT OR IGNORE INTO export_ledger_channels (device_id, account_id, contact_id, kind, key, value, normalized, type_code)
     SELECT @deviceId, s.account_id, s.contact_id, c.value ->> 0, c.value ->> 1, c.value ->> 2, c.value ->> 3, c.value ->> 4
     FROM export_staged s
       LEFT JOIN contact_cards k ON k.account_id = s.account_id AND k.contact_id = s.contact_id
       JOIN json_each(coalesce(s.ledger, k.ledger), '$[1]') c
     WHERE s.account_id = @accountId AND s.plan_id = @planId`,
  ).run(params);
  db.prepare(
    `INSERT INTO export_marks (device_id, account_id, since, period, first_exported_at, last_exported_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (device_id, account_id) DO UPDATE SET since = excluded.since, last_exported_at = excluded.last_exported_at`,
  ).run(deviceId, accountId, mark.since, mark.period, nowMs, nowMs);
}

/** Forgets a plan's staging (after its commit, or because it will never be committed). */
export function discardStaging(db: MirrorDb, planId: number): void {
  db.prepare('DELETE FROM export_plans WHERE id = ?').run(planId);
}

/** Drops plans abandoned long ago (see abandonedAfterMs); returns how many. */
export function clearAbandonedStaging(db: MirrorDb, nowMs: number): number {
  return db.prepare('DELETE FROM export_plans WHERE staged_at < ?').run(nowMs - abandonedAfterMs).changes;
}
