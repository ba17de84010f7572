/**
 * One export's life, the same for every route: the plan is delivered; where the route's
 * receiver confirmed the whole (a file complete on disk) the staged ledger is committed
 * (R15), where it confirmed card by card (CardDAV) the route wrote the ledger itself;
 * every other ending discards what the plan staged; and the run is recorded in the history
 * either way. A route is a Delivery: it only delivers and says how it ended.
 *
 * The QR and USB handoffs still run this lifecycle by hand (service/handoff-handlers.ts):
 * their ending arrives long after the verb has answered, and they are the next to move here.
 */
import type { ExportDelivery } from '../../shared/api/types';
import { recordExportRun } from '../mirror/export-runs-repo';
import type { MirrorDb } from '../mirror/mirror-db';
import { commitPlan, discardPlan, type ExportPlan } from './plan-export';

export interface Delivered<T> {
  /** Contacts the receiver now has. */
  readonly delivered: number;
  /** What the history keeps of the run (beside the preview's counts). */
  readonly detail: Readonly<Record<string, unknown>>;
  /** 'commit': the pipeline writes the staged ledger; 'written': the route did, card by card. */
  readonly ledger: 'commit' | 'written';
  /** What the verb answers. */
  readonly value: T;
}

export interface Delivery<T> {
  readonly route: ExportDelivery;
  deliver(plan: ExportPlan): Promise<Delivered<T>>;
}

export interface PipelineContext {
  readonly db: MirrorDb;
  readonly now: () => number;
}

export async function runExport<T>(
  ctx: PipelineContext,
  run: { readonly deviceId: string; readonly startedAt: number },
  plan: ExportPlan,
  delivery: Delivery<T>,
): Promise<T> {
  let result: Delivered<T>;
  try {
    result = await delivery.deliver(plan);
  } catch (error) {
    // Never delivered as a whole: what the rendering staged must not reach the ledger (the
    // cards a CardDAV server confirmed one by one are in it already).
    discardPlan(ctx.db, plan);
    recordExportRun(ctx.db, {
      ...run,
      finishedAt: ctx.now(),
      delivery: delivery.route,
      outcome: 'failed',
      delivered: 0,
      detail: { error: error instanceof Error ? error.message : String(error) },
    });
    throw error;
  }
  if (result.ledger === 'commit') commitPlan(ctx.db, run.deviceId, plan, ctx.now());
  else discardPlan(ctx.db, plan);
  recordExportRun(ctx.db, {
    ...run,
    finishedAt: ctx.now(),
    delivery: delivery.route,
    outcome: 'delivered',
    delivered: result.delivered,
    detail: { ...plan.preview, ...result.detail },
  });
  return result.value;
}
