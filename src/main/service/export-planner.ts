/**
 * Planning an export for any route: the chosen accounts refreshed from the CRM first (R1,
 * which also reads the user's rights afresh, R7), then the plan for the device. Shared by
 * the file, handoff and CardDAV handlers.
 */
import type { ApiParsedInput } from '../../shared/api/schemas';
import type { Device } from '../../shared/api/types';
import { AppError } from '../../shared/errors';
import { type ExportPlan, planExport } from '../export/plan-export';
import { getDevice } from '../mirror/devices-repo';
import { selectAccounts } from './connection';
import type { CoreContext } from './context';

/** Pulls the chosen accounts into the mirror (the sync handlers' verb). */
export type Refresh = (accountId: number | undefined) => Promise<unknown>;

export interface ExportPlanner {
  deviceOf(deviceId: string): Device;
  /** Refreshes the chosen accounts (R1, R7), then plans the export to the device. */
  plan(input: ApiParsedInput<'previewExport'>): Promise<ExportPlan>;
}

export function createExportPlanner(ctx: CoreContext, refresh: Refresh): ExportPlanner {
  function deviceOf(deviceId: string) {
    const device = getDevice(ctx.db, deviceId);
    if (!device) throw new AppError('NOT_FOUND', `No device has id "${deviceId}" (see: device list)`, { deviceId });
    return device;
  }

  async function plan(input: ApiParsedInput<'previewExport'>): Promise<ExportPlan> {
    const device = deviceOf(input.deviceId);
    if (selectAccounts(ctx, input.accountId).length === 0) {
      throw new AppError('NOT_FOUND', 'No account is connected yet: add one, or try the demo account');
    }
    await refresh(input.accountId);
    return planExport({
      db: ctx.db,
      device,
      // Re-read after the refresh: it updated names and rights.
      accounts: selectAccounts(ctx, input.accountId),
      period: input.period,
      filters: { onlyMine: input.onlyMine, responsible: input.responsible ?? null },
      nowMs: ctx.now(),
    });
  }
  return { deviceOf, plan };
}
