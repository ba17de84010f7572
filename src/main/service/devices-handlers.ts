/** The user's phones and file targets. */
import type { ApiHandlers } from '../../shared/api/contract';
import { addDevice, listDevices } from '../mirror/devices-repo';
import type { CoreContext } from './context';

type DeviceHandlers = Pick<ApiHandlers, 'listDevices' | 'addDevice'>;

export function deviceHandlers(ctx: CoreContext): DeviceHandlers {
  return {
    listDevices: async () => listDevices(ctx.db),
    addDevice: async ({ name, platform }) => addDevice(ctx.db, name, platform, ctx.now()),
  };
}
