/**
 * The USB route for the handoff code, which need not know adb: pick the phone, carry the
 * phone's localhost:PORT to ours, open the page, and later close the route.
 */
import { type AdbClient, type AdbClientOptions, createAdbClient } from './adb';
import type { AndroidDevice } from './android-device';
import { chooseDevice } from './devices';
import { assertPhonePageUrl } from './phone-url';

export type { AdbClient, AdbClientOptions, CallOptions } from './adb';
export { adbPathVariable, createAdbClient, defaultAdbTimeoutMs, resolveAdbPath } from './adb';
export type { AndroidDevice, AndroidDeviceState } from './android-device';
export { chooseDevice, parseAdbDevices } from './devices';
export { assertPhonePageUrl, quoteForRemoteShell } from './phone-url';

export interface OpenUsbRouteRequest {
  /** Which phone; may be left out when exactly one ready phone is connected. */
  readonly serial?: string | undefined;
  /** The handoff server's port on this computer; the phone gets the same port on its localhost. */
  readonly port: number;
  /** http://localhost:PORT/p/TOKEN#k=KEY (127.0.0.1 also accepted), on the same port. */
  readonly url: string;
  readonly signal?: AbortSignal | undefined;
}

export interface OpenUsbRoute {
  readonly serial: string;
  readonly device: AndroidDevice;
  /** Removes the reverse. Safe to call twice, and after the phone was unplugged. */
  close(): Promise<void>;
}

export interface UsbRoute {
  readonly adbPath: string;
  /** Every phone adb sees, ready or not, for a picker. */
  devices(options?: { readonly signal?: AbortSignal | undefined }): Promise<AndroidDevice[]>;
  /** Chooses the phone, reverses the port and opens the page; on failure leaves no reverse behind. */
  open(request: OpenUsbRouteRequest): Promise<OpenUsbRoute>;
}

export function createUsbRoute(options: AdbClientOptions = {}): UsbRoute {
  const adb: AdbClient = createAdbClient(options);
  return {
    adbPath: adb.adbPath,

    devices: (call = {}) => adb.listAndroidDevices(call),

    async open({ serial, port, url, signal }) {
      // Refuse a bad address before touching the phone at all.
      assertPhonePageUrl(url, port);
      const device = chooseDevice(await adb.listAndroidDevices({ signal }), serial);
      try {
        await adb.reversePort(device.serial, port, { signal });
        await adb.openOnPhone(device.serial, url, { signal, expectedPort: port });
      } catch (error) {
        // Also after an abort in the middle of `reverse`, which may already have happened.
        await adb.removeReverse(device.serial, port).catch(() => undefined);
        throw error;
      }
      let closing: Promise<void> | undefined;
      return {
        serial: device.serial,
        device,
        close: () => {
          closing ??= adb.removeReverse(device.serial, port);
          return closing;
        },
      };
    },
  };
}
