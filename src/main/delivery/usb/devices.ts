/** Reading `adb devices -l` and picking the phone to use. Pure functions: no adb here. */
import { AppError } from '../../../shared/errors';
import type { AndroidDevice, AndroidDeviceState } from './android-device';
import { connectHint, notReadyError } from './messages';

const header = /^List of devices attached/;
/** The `key:value` fields adb appends: usb:1-1 product:… model:… device:… transport_id:3. */
const field = /^([a-z_]+):(\S*)$/;

/**
 * Tolerates what real adb versions print around the list: daemon start-up lines
 * ("* daemon started successfully"), version-mismatch chatter before the header, blank
 * lines, tabs or padding between serial and state, and state text with spaces.
 */
export function parseAdbDevices(output: string): AndroidDevice[] {
  const lines = output.split(/\r?\n/);
  const headerAt = lines.findIndex((line) => header.test(line.trim()));
  // Without a header (some wrappers strip it) every plausible line counts.
  const body = headerAt >= 0 ? lines.slice(headerAt + 1) : lines;
  const devices: AndroidDevice[] = [];
  for (const rawLine of body) {
    const device = parseDeviceLine(rawLine.trim());
    if (device) devices.push(device);
  }
  return devices;
}

function parseDeviceLine(line: string): AndroidDevice | null {
  if (line === '' || line.startsWith('*') || header.test(line)) return null;
  const tokens = line.split(/\s+/);
  const serial = tokens[0];
  if (serial === undefined || tokens.length < 2) return null;
  // Fields trail the state; the state text itself may hold spaces and even "[http://…]".
  let stateEnd = tokens.length;
  while (stateEnd > 1 && field.test(tokens[stateEnd - 1] ?? '')) stateEnd -= 1;
  const stateText = tokens.slice(1, stateEnd).join(' ');
  if (stateText === '') return null;
  const fields = new Map<string, string>();
  for (const token of tokens.slice(stateEnd)) {
    const match = field.exec(token);
    if (match?.[1] !== undefined && match[2] !== undefined) fields.set(match[1], match[2]);
  }
  const model = fields.get('model');
  const product = fields.get('product');
  const transportId = fields.get('transport_id');
  return {
    serial,
    state: stateFrom(stateText),
    stateText,
    ...(model ? { model } : {}),
    ...(product ? { product } : {}),
    ...(transportId ? { transportId } : {}),
  };
}

function stateFrom(stateText: string): AndroidDeviceState {
  if (stateText === 'device' || stateText === 'unauthorized' || stateText === 'offline') return stateText;
  if (stateText.startsWith('no permissions')) return 'no-permissions';
  return 'unknown';
}

/**
 * The phone to use: the asked serial, or the only ready one. Each refusal names the one
 * thing the user has to do, most actionable first (a prompt to accept beats a cable to
 * reconnect).
 */
export function chooseDevice(devices: readonly AndroidDevice[], serial?: string): AndroidDevice {
  if (serial !== undefined) {
    const asked = devices.find((device) => device.serial === serial);
    if (!asked) {
      const connected = devices.map((device) => device.serial).join(', ') || 'none';
      throw new AppError(
        'USB_NO_DEVICE',
        `The phone ${serial} is not connected (connected: ${connected}). ${connectHint}`,
        {
          serial,
        },
      );
    }
    const refusal = notReadyError(asked);
    if (refusal) throw refusal;
    return asked;
  }

  const ready = devices.filter((device) => device.state === 'device');
  const [only] = ready;
  if (only && ready.length === 1) return only;
  if (ready.length > 1) {
    const serials = ready.map(describeDevice).join(', ');
    throw new AppError('USB_MANY_DEVICES', `Several phones are connected: choose one (serials: ${serials}).`, {
      serials: ready.map((device) => device.serial).join(','),
    });
  }
  if (devices.length === 0) throw new AppError('USB_NO_DEVICE', connectHint);
  const byUrgency: readonly AndroidDeviceState[] = ['unauthorized', 'no-permissions', 'offline', 'unknown'];
  for (const state of byUrgency) {
    const device = devices.find((candidate) => candidate.state === state);
    const refusal = device && notReadyError(device);
    if (refusal) throw refusal;
  }
  throw new AppError('USB_NO_DEVICE', connectHint);
}

function describeDevice(device: AndroidDevice): string {
  return device.model ? `${device.serial} (${device.model.replaceAll('_', ' ')})` : device.serial;
}
