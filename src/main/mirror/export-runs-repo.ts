/** The history of export runs, one row each, whatever the outcome (see migration 0005). */
import { z } from 'zod';
import type { ExportCounts, ExportDelivery, ExportOutcome, ExportRun } from '../../shared/api/types';
import { checkedRows } from './checked-rows';
import type { MirrorDb } from './mirror-db';

export interface ExportRunRecord {
  readonly deviceId: string;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly delivery: ExportDelivery;
  readonly outcome: ExportOutcome;
  readonly delivered: number;
  /** The counts, or the error, as JSON. */
  readonly detail: unknown;
}

export function recordExportRun(db: MirrorDb, run: ExportRunRecord): void {
  db.prepare(
    `INSERT INTO export_runs (device_id, started_at, finished_at, delivery, outcome, delivered, detail)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    run.deviceId,
    run.startedAt,
    run.finishedAt,
    run.delivery,
    run.outcome,
    run.delivered,
    JSON.stringify(run.detail),
  );
}

/** An export_runs row as SQLite gives it (checked-rows.ts says why it is checked). */
const runRowSchema = z.object({
  id: z.number().int(),
  deviceId: z.string(),
  deviceName: z.string(),
  startedAt: z.number(),
  finishedAt: z.number(),
  delivery: z.enum(['file', 'lan', 'usb', 'carddav']) satisfies z.ZodType<ExportDelivery>,
  outcome: z.enum(['delivered', 'failed', 'cancelled']) satisfies z.ZodType<ExportOutcome>,
  delivered: z.number().int(),
  detail: z.string(),
});

/** The history, newest first: each run with its counts (delivered) or its reason (not). */
export function listExportRuns(db: MirrorDb, deviceId: string | undefined, limit: number): ExportRun[] {
  const rows = db
    .prepare(
      `SELECT r.id, r.device_id AS deviceId, d.name AS deviceName, r.started_at AS startedAt,
         r.finished_at AS finishedAt, r.delivery, r.outcome, r.delivered, r.detail
       FROM export_runs r JOIN devices d ON d.id = r.device_id
       WHERE (@deviceId IS NULL OR r.device_id = @deviceId) ORDER BY r.started_at DESC, r.id DESC LIMIT @limit`,
    )
    .all({ deviceId: deviceId ?? null, limit });
  return checkedRows(runRowSchema, rows, 'export_runs').map((row) => {
    const { detail, ...run } = row;
    return { ...run, ...detailOf(run.outcome, detail) };
  });
}

/** The stored detail is JSON this app wrote; anything unreadable becomes "no detail", never an error. */
function detailOf(outcome: ExportRun['outcome'], text: string): Pick<ExportRun, 'counts' | 'reason'> {
  let detail: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null) detail = parsed as Record<string, unknown>;
  } catch {
    // keep the empty detail
  }
  if (outcome === 'delivered') {
    const number = (key: keyof ExportCounts) => (typeof detail[key] === 'number' ? (detail[key] as number) : 0);
    return {
      counts: {
        new: number('new'),
        updated: number('updated'),
        skippedNoPhone: number('skippedNoPhone'),
        skippedByCap: number('skippedByCap'),
        skippedByRights: number('skippedByRights'),
        // Runs recorded before these counts existed read as 0.
        skippedByFilter: number('skippedByFilter'),
        skippedByPeriod: number('skippedByPeriod'),
        unchanged: number('unchanged'),
        accountTotal: number('accountTotal'),
        capRemaining: typeof detail['capRemaining'] === 'number' ? detail['capRemaining'] : null,
      },
      reason: null,
    };
  }
  const reason = detail['error'] ?? detail['outcome'];
  return { counts: null, reason: typeof reason === 'string' ? reason : null };
}
