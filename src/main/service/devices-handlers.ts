/** The user's phones and file targets. */
import type { ApiHandlers } from '../../shared/api/contract';
import { AppError } from '../../shared/errors';
import { carddavSecretKey } from '../delivery/carddav/credentials';
import { iosCapPerAccount } from '../export/delta';
import {
  addDevice,
  deviceAccountStates,
  getDevice,
  listDevices,
  removeDevice,
  renameDevice,
} from '../mirror/devices-repo';
import { listExportRuns } from '../mirror/export-runs-repo';
import type { CoreContext } from './context';

type DeviceHandlers = Pick<
  ApiHandlers,
  'listDevices' | 'addDevice' | 'renameDevice' | 'removeDevice' | 'listDeviceOverview' | 'listExportRuns'
>;

export function deviceHandlers(ctx: CoreContext): DeviceHandlers {
  return {
    listDevices: async () => listDevices(ctx.db),
    addDevice: async ({ name, platform }) => addDevice(ctx.db, name, platform, ctx.now()),
    async renameDevice({ deviceId, name }) {
      if (!renameDevice(ctx.db, deviceId, name))
        throw new AppError('NOT_FOUND', `No device has id "${deviceId}"`, { deviceId });
      return getDevice(ctx.db, deviceId) as NonNullable<ReturnType<typeof getDevice>>;
    },
    // The device's ledger goes with it (foreign keys): its contacts stay on the phone itself.
    // A CardDAV account's password goes too; its cards stay on the server.
    async removeDevice({ deviceId }) {
      const removed = removeDevice(ctx.db, deviceId);
      if (removed) await ctx.secrets.delete(carddavSecretKey(deviceId));
      return { removed };
    },
    listDeviceOverview: async () =>
      listDevices(ctx.db).map((device) => ({
        device,
        accounts: deviceAccountStates(ctx.db, device, iosCapPerAccount),
        lastRun: listExportRuns(ctx.db, device.id, 1)[0] ?? null,
      })),
    listExportRuns: async ({ deviceId, limit }) => listExportRuns(ctx.db, deviceId, limit),
  };
}
