/**
 * What to tell the user when the USB route fails: plain words naming the one thing to do.
 * The code picks the UI's translation; the message is what the CLI prints.
 */
import { AppError } from '../../../shared/errors';
import type { AndroidDevice } from './android-device';

export const connectHint = 'Connect the phone with a USB cable and turn on USB debugging in Developer options.';

export function adbMissingMessage(adbPath: string, reason: string): string {
  const where = reason === 'EACCES' ? `${adbPath} is not executable.` : `adb was not found (${adbPath}).`;
  return (
    `${where} Install Android platform tools (adb): on Debian/Ubuntu run "sudo apt install adb", ` +
    'on macOS "brew install android-platform-tools", on Windows download SDK Platform-Tools from ' +
    'developer.android.com. Or set AMO_PHONEBOOK_ADB to the full path of adb.'
  );
}

/** The error for a device that is listed but cannot be used yet; null when it is ready. */
export function notReadyError(device: AndroidDevice): AppError | null {
  const params = { serial: device.serial, state: device.stateText };
  switch (device.state) {
    case 'device':
      return null;
    case 'unauthorized':
      return new AppError(
        'USB_UNAUTHORIZED',
        'Unlock the phone and accept the USB debugging prompt (Allow USB debugging?) for this computer. ' +
          'If no prompt shows, unplug and reconnect the cable.',
        params,
      );
    case 'no-permissions':
      return new AppError(
        'USB_NO_PERMISSIONS',
        'This computer is not allowed to talk to the phone over USB (no permissions). On the phone, set the USB mode to ' +
          '"File transfer". On Linux, add your user to the plugdev group and install udev rules for Android ' +
          '(Debian/Ubuntu: sudo apt install adb android-sdk-platform-tools-common), then log in again and reconnect the cable.',
        params,
      );
    case 'offline':
      return new AppError(
        'USB_NOT_READY',
        'The phone is connected but offline. Unplug and reconnect the cable, unlock the phone, and try again.',
        params,
      );
    case 'unknown':
      return new AppError(
        'USB_NOT_READY',
        `The phone is not ready (adb says "${device.stateText}"). Start Android normally, unlock the phone, and try again.`,
        params,
      );
  }
}

/**
 * adb's own error text (it exits 1 with a line on stderr) mapped to the same codes as the
 * device list, because a phone can be unplugged or revoke its key between two calls.
 */
export function errorFromAdbText(adbOutput: string, command: string): AppError {
  const text = adbOutput || 'no output';
  const params = { command, adbOutput: text };
  if (/device '.*' not found|device not found|no devices\/emulators found/i.test(text)) {
    return new AppError('USB_NO_DEVICE', `The phone is no longer connected. ${connectHint}`, params);
  }
  if (/unauthorized/i.test(text)) {
    return new AppError(
      'USB_UNAUTHORIZED',
      'Unlock the phone and accept the USB debugging prompt (Allow USB debugging?) for this computer.',
      params,
    );
  }
  if (/insufficient permissions|no permissions/i.test(text)) {
    return new AppError(
      'USB_NO_PERMISSIONS',
      'This computer is not allowed to talk to the phone over USB. On Linux, add your user to the plugdev group and install udev rules for Android.',
      params,
    );
  }
  if (/device offline/i.test(text)) {
    return new AppError('USB_NOT_READY', 'The phone went offline. Reconnect the cable and try again.', params);
  }
  return new AppError('ADB_FAILED', `adb failed (${command}): ${firstLines(text)}`, params);
}

function firstLines(text: string): string {
  return text.split(/\r?\n/).filter(Boolean).slice(0, 3).join(' / ');
}
