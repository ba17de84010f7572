/**
 * Exports: preview, deliver to a .vcf file, and delete an export (R6). Every export first
 * refreshes the mirror from the CRM (R1), which also reads the user's rights afresh (R7).
 */
import type { ApiHandlers } from '../../shared/api/contract';
import type { ApiParsedInput } from '../../shared/api/schemas';
import type { Device } from '../../shared/api/types';
import { AppError } from '../../shared/errors';
import { resolveExportPath, writePlanFile } from '../export/file-export';
import { accountLabel, commitPlan, discardPlan, type ExportPlan, planExport } from '../export/plan-export';
import { getAccount } from '../mirror/accounts-repo';
import { getDevice } from '../mirror/devices-repo';
import { recordExportRun } from '../mirror/export-runs-repo';
import { clearLedger } from '../mirror/ledger-repo';
import { type CardDavTuning, resetCardDavExport } from './carddav-handlers';
import { selectAccounts } from './connection';
import type { CoreContext } from './context';

type ExportHandlers = Pick<ApiHandlers, 'previewExport' | 'exportToFile' | 'resetExport'>;

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

export function exportHandlers(ctx: CoreContext, planner: ExportPlanner, carddav: CardDavTuning = {}): ExportHandlers {
  const { deviceOf, plan } = planner;
  return {
    previewExport: async (input) => (await plan(input)).preview,

    async exportToFile(input) {
      const started = ctx.now();
      const { format, outPath, ...selection } = input;
      const device = deviceOf(input.deviceId);
      if (device.platform === 'carddav') {
        throw new AppError(
          'INVALID_INPUT',
          `${device.name} is a CardDAV account: export to it directly, not to a file`,
          {
            field: 'deviceId',
          },
        );
      }
      const path = await resolveExportPath(outPath, device, ctx.dataDir, new Date(started));
      const exportPlan = await plan(selection);
      try {
        await writePlanFile(ctx.db, exportPlan, format, path);
      } catch (error) {
        // Never delivered: what the rendering staged must not reach the ledger.
        discardPlan(ctx.db, exportPlan);
        recordExportRun(ctx.db, {
          deviceId: device.id,
          startedAt: started,
          finishedAt: ctx.now(),
          delivery: 'file',
          outcome: 'failed',
          delivered: 0,
          detail: { error: error instanceof Error ? error.message : String(error) },
        });
        throw error;
      }
      // R15: the file is complete on disk; now, and only now, the device has these contacts.
      commitPlan(ctx.db, device.id, exportPlan, ctx.now());
      recordExportRun(ctx.db, {
        deviceId: device.id,
        startedAt: started,
        finishedAt: ctx.now(),
        delivery: 'file',
        outcome: 'delivered',
        delivered: exportPlan.preview.delivered,
        detail: { ...exportPlan.preview, file: path, format },
      });
      return { ...exportPlan.preview, format, file: path };
    },

    async resetExport({ deviceId, accountId }) {
      const device = deviceOf(deviceId);
      const account = getAccount(ctx.db, accountId);
      if (!account) throw new AppError('NOT_FOUND', `No connected account has id ${accountId}`, { accountId });
      if (device.platform === 'carddav') {
        // The cards leave the server first; the ledger is cleared only once they have.
        const { cleared, serverRemoved } = await resetCardDavExport(ctx, device.id, accountId, carddav);
        return { deviceId: device.id, accountId, cleared, label: accountLabel(account), serverRemoved };
      }
      return {
        deviceId: device.id,
        accountId,
        cleared: clearLedger(ctx.db, device.id, accountId),
        label: accountLabel(account),
        serverRemoved: null,
      };
    },
  };
}
