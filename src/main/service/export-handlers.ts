/** Exporting the mirror to a device's .vcf file. */
import type { ApiHandlers } from '../../shared/api/contract';
import { AppError } from '../../shared/errors';
import { exportToVcfFile, resolveExportPath } from '../export/file-export';
import { getDevice } from '../mirror/devices-repo';
import { selectAccounts } from './connection';
import type { CoreContext } from './context';

type ExportHandlers = Pick<ApiHandlers, 'exportToFile'>;

export function exportHandlers(ctx: CoreContext): ExportHandlers {
  return {
    async exportToFile({ deviceId, accountId, outPath }) {
      const device = getDevice(ctx.db, deviceId);
      if (!device) throw new AppError('NOT_FOUND', `No device has id "${deviceId}" (see: device list)`, { deviceId });
      const accounts = selectAccounts(ctx, accountId);
      if (accounts.length === 0)
        throw new AppError('NOT_FOUND', 'No account is connected yet: add one, or try the demo account');
      const path = await resolveExportPath(outPath, device, ctx.dataDir, new Date(ctx.now()));
      return exportToVcfFile({ db: ctx.db, device, accounts, outPath: path });
    },
  };
}
