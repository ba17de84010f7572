/**
 * Planning an export for any route: the chosen accounts refreshed from the CRM first (R1,
 * which also reads the user's rights afresh, R7), then the plan for the device. Shared by
 * the file, handoff and CardDAV verbs.
 */
import type { ApiParsedInput } from '../../shared/api/schemas';
import type { Device } from '../../shared/api/types';
import { AppError } from '../../shared/errors';
import { type ExportPlan, planExport } from '../export/plan-export';
import { getDevice } from '../mirror/devices-repo';
import { saveExportChoice } from '../mirror/export-choices-repo';
import { selectAccounts } from './connection';
import type { CoreContext, ServiceContext } from './context';
import { syncAccounts } from './sync-handlers';

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
  if (selectAccounts(ctx, input.accountId).length === 0) {
    throw new AppError('NOT_FOUND', 'No account is connected yet: add one, or try the demo account', {
      reason: 'noAccount',
    });
  }
  await syncAccounts(ctx, input.accountId === undefined ? {} : { accountId: input.accountId });
  const plan = planExport({
    db: ctx.db,
    device,
    // Re-read after the refresh: it updated names and rights.
    accounts: selectAccounts(ctx, input.accountId),
    period: input.period,
    filters: { onlyMine: input.onlyMine, responsible: input.responsible ?? null },
    nowMs: ctx.now(),
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
