/**
 * Exports: preview, deliver to a .vcf file, and delete an export (R6). Every export first
 * refreshes the mirror from the CRM (R1), which also reads the user's rights afresh (R7).
 */
import type { ApiHandlers } from '../../shared/api/contract';
import { AppError } from '../../shared/errors';
import { resolveExportPath, writePlanFile } from '../export/file-export';
import { accountLabel, commitPlan, discardPlan } from '../export/plan-export';
import { getAccount } from '../mirror/accounts-repo';
import { recordExportRun } from '../mirror/export-runs-repo';
import { clearLedger } from '../mirror/ledger-repo';
import { type CardDavTuning, resetCardDavExport } from './carddav-handlers';
import type { CoreContext } from './context';
import type { ExportPlanner } from './export-planner';

type ExportHandlers = Pick<ApiHandlers, 'previewExport' | 'exportToFile' | 'resetExport'>;

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
