/**
 * Planning an export for any route: the chosen accounts refreshed from the CRM first (R1,
 * which also reads the user's rights afresh, R7), then the plan for the device. Shared by
 * the file, handoff and CardDAV verbs.
 */
import type { ApiParsedInput } from '../../shared/api/schemas';
import type { Device } from '../../shared/api/types';
import { AppError } from '../../shared/errors';
import { exportWindowArrived } from '../export/export-window';
import { type ExportPlan, planExport } from '../export/plan-export';
import type { AccountRecord } from '../mirror/accounts-repo';
import { getDevice } from '../mirror/devices-repo';
import { saveExportChoice } from '../mirror/export-choices-repo';
import { selectAccounts } from './connection';
import type { CoreContext, ServiceContext } from './context';
import { syncRunFor } from './sync-handlers';
import type { SyncRun } from './sync-run';

export function deviceOf(ctx: Pick<CoreContext, 'db'>, deviceId: string): Device {
  const device = getDevice(ctx.db, deviceId);
  if (!device) throw new AppError('NOT_FOUND', `No device has id "${deviceId}" (see: device list)`, { deviceId });
  return device;
}

/**
 * Refreshes the chosen accounts (R1, R7), then plans the export to the device. An export (not a
 * preview) remembers its choice of whose contacts for the device's next export.
 */
export async function planExportFor(
  ctx: ServiceContext,
  input: ApiParsedInput<'previewExport'>,
  { remember = false } = {},
): Promise<ExportPlan> {
  const device = deviceOf(ctx, input.deviceId);
  const chosen = selectAccounts(ctx, input.accountId);
  if (chosen.length === 0) {
    throw new AppError('NOT_FOUND', 'No account is connected yet: add one, or try the demo account', {
      reason: 'noAccount',
    });
  }
  const filters = { onlyMine: input.onlyMine, responsible: input.responsible ?? null };
  const stillPulling = await refreshForExport(ctx, chosen, (account) =>
    exportWindowArrived({ db: ctx.db, device, account, period: input.period, filters, nowMs: ctx.now() }),
  );
  const plan = planExport({
    db: ctx.db,
    device,
    // Re-read after the refresh: it updated names and rights.
    accounts: selectAccounts(ctx, input.accountId),
    period: input.period,
    filters,
    nowMs: ctx.now(),
    stillPulling,
  });
  if (remember) {
    saveExportChoice(ctx.db, device.id, {
      accountId: input.accountId ?? null,
      onlyMine: input.onlyMine,
      responsible: input.responsible ?? [],
      savedAt: ctx.now(),
    });
  }
  return plan;
}

/**
 * R1: each chosen account is refreshed before the export reads it. An account whose first
 * pull is under way (or starts now) is ready as soon as the export's window has arrived and
 * the pull has caught up on the edits since it began; the pull then goes on behind the export.
 * Returns the accounts still being pulled: their preview counts may still grow.
 */
async function refreshForExport(
  ctx: ServiceContext,
  accounts: readonly AccountRecord[],
  windowOf: (account: AccountRecord) => (coveredAfter: number | null) => boolean,
): Promise<ReadonlySet<number>> {
  const covers = (candidate: SyncRun) => accounts.every((account) => candidate.accountIds.includes(account.id));
  let run = ctx.sync.running;
  while (run && !covers(run)) {
    // Another account's sync, or a reconciliation: let it end (its outcome is its own).
    await run.done.catch(() => undefined);
    run = ctx.sync.running;
  }
  run ??= syncRunFor(ctx, accounts);
  // The run may go on after this export: its end is reported by its progress events.
  run.done.catch(() => undefined);
  const stillPulling = new Set<number>();
  for (const account of accounts) {
    const arrived = windowOf(account);
    const readiness = await run.whenReady(account.id, (progress) => arrived(progress.coveredAfter));
    if (readiness === 'covered') stillPulling.add(account.id);
  }
  return stillPulling;
}
