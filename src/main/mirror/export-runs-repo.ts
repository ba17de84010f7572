/** The history of export runs, one row each, whatever the outcome (see migration 0005). */
import type { MirrorDb } from './database';

export interface ExportRunRecord {
  readonly deviceId: string;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly delivery: 'file' | 'lan' | 'usb' | 'carddav';
  readonly outcome: 'delivered' | 'failed' | 'cancelled';
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
