/**
 * Exports: preview, deliver to a .vcf file, and delete an export (R6). Every export first
 * refreshes the mirror from the CRM (R1), which also reads the user's rights afresh (R7).
 */
import type { ApiHandlers } from '../../shared/api/contract';
import { routeRefusal } from '../../shared/delivery-routes';
import { AppError } from '../../shared/errors';
import { fileDelivery } from '../delivery/file-route';
import { resolveExportPath } from '../export/file-export';
import { runExport } from '../export/pipeline';
import { accountLabel } from '../export/plan-export';
import { getAccount } from '../mirror/accounts-repo';
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
      const refused = routeRefusal(device, 'file');
      if (refused) throw new AppError('INVALID_INPUT', refused, { field: 'deviceId' });
      const path = await resolveExportPath(outPath, device, ctx.dataDir, new Date(started));
      const exportPlan = await plan(selection);
      return runExport(
        ctx,
        { deviceId: device.id, startedAt: started },
        exportPlan,
        fileDelivery(ctx.db, format, path),
      );
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
