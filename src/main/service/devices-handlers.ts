/** The user's phones and file targets, and what each has been sent. */
import type { ApiParsedInput } from '../../shared/api/schemas';
import type { Device } from '../../shared/api/types';
import { AppError } from '../../shared/errors';
import type { VerbGroup } from '../api/registry';
import { carddavSecretKey } from '../delivery/carddav/credentials';
import { iosCapPerAccount } from '../export/delta';
import {
  addDevice as addDeviceRow,
  deviceAccountStates,
  getDevice,
  listDevices as listDeviceRows,
  removeDevice as removeDeviceRow,
  renameDevice as renameDeviceRow,
} from '../mirror/devices-repo';
import { listExportRuns as listExportRunRows } from '../mirror/export-runs-repo';
import type { CoreContext } from './context';

async function listDevices(ctx: CoreContext) {
  return listDeviceRows(ctx.db);
}

async function addDevice(ctx: CoreContext, { name, platform }: ApiParsedInput<'addDevice'>) {
  return addDeviceRow(ctx.db, name, platform, ctx.now());
}

async function renameDevice(ctx: CoreContext, { deviceId, name }: ApiParsedInput<'renameDevice'>): Promise<Device> {
  const renamed = renameDeviceRow(ctx.db, deviceId, name) ? getDevice(ctx.db, deviceId) : null;
  if (!renamed) throw new AppError('NOT_FOUND', `No device has id "${deviceId}"`, { deviceId });
  return renamed;
}

// The device's ledger goes with it (foreign keys): its contacts stay on the phone itself.
// A CardDAV account's password goes too; its cards stay on the server.
async function removeDevice(ctx: CoreContext, { deviceId }: ApiParsedInput<'removeDevice'>) {
  const removed = removeDeviceRow(ctx.db, deviceId);
  if (removed) await ctx.secrets.delete(carddavSecretKey(deviceId));
  return { removed };
}

async function listDeviceOverview(ctx: CoreContext) {
  return listDeviceRows(ctx.db).map((device) => ({
    device,
    accounts: deviceAccountStates(ctx.db, device, iosCapPerAccount),
    lastRun: listExportRunRows(ctx.db, device.id, 1)[0] ?? null,
  }));
}

async function listExportRuns(ctx: CoreContext, { deviceId, limit }: ApiParsedInput<'listExportRuns'>) {
  return listExportRunRows(ctx.db, deviceId, limit);
}

export const deviceVerbs = {
  listDevices,
  addDevice,
  renameDevice,
  removeDevice,
  listDeviceOverview,
  listExportRuns,
} satisfies VerbGroup<CoreContext>;
