/**
 * One export's life, the same for every route: the plan is delivered; where the route's
 * receiver proved it has the whole (a file complete on disk, a phone's acknowledgement) the
 * route calls `commit` and the staged ledger is written (R15); where it confirmed card by
 * card (CardDAV) the route wrote the ledger itself; every other ending discards what the
 * plan staged; and the run is recorded in the history, however it ended.
 *
 * A route is a Delivery: it only delivers and says how it ended. Its `deliver` resolves
 * once the verb can answer and hands back `ended`, which settles when the receiver is done:
 * at once for a file or a CardDAV account, minutes later for a phone scanning a QR code.
 */
import type { ExportDelivery, ExportOutcome } from '../../shared/api/types';
import { AppError } from '../../shared/errors';
import { recordExportRun } from '../mirror/export-runs-repo';
import type { MirrorDb } from '../mirror/mirror-db';
import { commitPlan, discardPlan, type ExportPlan } from './plan-export';

/** How a delivery ended, as the history keeps it. */
export type DeliveryEnding =
  | {
      readonly outcome: 'delivered';
      /** Contacts the receiver now has. */
      readonly delivered: number;
      /** What the history keeps of the run, beside the preview's counts. */
      readonly detail: Readonly<Record<string, unknown>>;
    }
  | { readonly outcome: Exclude<ExportOutcome, 'delivered'>; readonly detail: Readonly<Record<string, unknown>> };

export interface DeliveryStarted<T> {
  /** What the verb answers. */
  readonly value: T;
  /** Settles with the ending; a rejection counts as a failed delivery. */
  readonly ended: Promise<DeliveryEnding>;
}

export interface DeliverySession {
  readonly plan: ExportPlan;
  /**
   * Writes the staged ledger (R15): a route calls it once its receiver proved it has every
   * card, and before telling the receiver it is done (a throw here is a failed delivery).
   */
  commit(): void;
}

export interface Delivery<T> {
  readonly route: ExportDelivery;
  deliver(session: DeliverySession): Promise<DeliveryStarted<T>>;
}

export interface PipelineContext {
  readonly db: MirrorDb;
  readonly now: () => number;
}

export interface RunStart {
  readonly deviceId: string;
  readonly startedAt: number;
}

export interface ExportStarted<T> {
  readonly value: T;
  /** Settles once the run is recorded, with how it ended (it never rejects). */
  readonly finished: Promise<DeliveryEnding>;
}

/** Starts an export and answers as soon as the route has (a handoff: the QR code is up). */
export async function startExport<T>(
  ctx: PipelineContext,
  run: RunStart,
  plan: ExportPlan,
  delivery: Delivery<T>,
): Promise<ExportStarted<T>> {
  let committed = false;
  const session: DeliverySession = {
    plan,
    commit() {
      commitPlan(ctx.db, run.deviceId, plan, ctx.now());
      committed = true;
    },
  };
  const finish = (ending: DeliveryEnding): DeliveryEnding => {
    // What the rendering staged must not reach the ledger unless the receiver proved it has
    // it (the cards a CardDAV server confirmed one by one are in the ledger already).
    if (!committed) discardPlan(ctx.db, plan);
    recordExportRun(ctx.db, {
      ...run,
      finishedAt: ctx.now(),
      delivery: delivery.route,
      outcome: ending.outcome,
      delivered: ending.outcome === 'delivered' ? ending.delivered : 0,
      detail: ending.outcome === 'delivered' ? { ...plan.preview, ...ending.detail } : ending.detail,
    });
    return ending;
  };

  let started: DeliveryStarted<T>;
  try {
    started = await delivery.deliver(session);
  } catch (error) {
    finish(failedWith(error));
    throw error;
  }
  const finished = started.ended
    .then(finish, (error: unknown) => finish(failedWith(error)))
    // Recording failed too (the mirror closing under a handoff the app cancelled on quit):
    // nothing more can be written; its staged rows are dropped once abandoned (clearAbandonedStaging).
    .catch((error: unknown) => failedWith(error));
  return { value: started.value, finished };
}

/** Runs an export to its end: for routes whose receiver is done when the verb answers. */
export async function runExport<T>(
  ctx: PipelineContext,
  run: RunStart,
  plan: ExportPlan,
  delivery: Delivery<T>,
): Promise<T> {
  const { value, finished } = await startExport(ctx, run, plan, delivery);
  const ending = await finished;
  if (ending.outcome !== 'delivered') {
    throw new AppError('INTERNAL', `The ${delivery.route} delivery ended ${ending.outcome} after it answered`);
  }
  return value;
}

/** A delivery that ended when it answered. */
export function endedNow(delivered: number, detail: Readonly<Record<string, unknown>>): Promise<DeliveryEnding> {
  return Promise.resolve({ outcome: 'delivered', delivered, detail });
}

function failedWith(error: unknown): DeliveryEnding {
  return { outcome: 'failed', detail: { error: error instanceof Error ? error.message : String(error) } };
}
