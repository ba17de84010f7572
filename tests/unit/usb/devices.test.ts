/** Reading `adb devices -l` as real adb versions print it, and choosing the phone. */
import { describe, expect, it } from 'vitest';
import type { AndroidDevice } from '../../../src/main/delivery/usb/android-device';
import { chooseDevice, parseAdbDevices } from '../../../src/main/delivery/usb/devices';
import { AppError } from '../../../src/shared/errors';

describe('parseAdbDevices', () => {
  it('reads a current platform-tools list with a phone and an emulator', () => {
    const output = [
      'List of devices attached',
      'R58N12ABCDE            device usb:1-1 product:a52qnsxx model:SM_A525F device:a52q transport_id:1',
      'emulator-5554          device product:sdk_gphone64_x86_64 model:sdk_gphone64_x86_64 device:emu64xa transport_id:2',
      '',
      '',
    ].join('\n');
    expect(parseAdbDevices(output)).toEqual([
      {
        serial: 'R58N12ABCDE',
        state: 'device',
        stateText: 'device',
        model: 'SM_A525F',
        product: 'a52qnsxx',
        transportId: '1',
      },
      {
        serial: 'emulator-5554',
        state: 'device',
        stateText: 'device',
        model: 'sdk_gphone64_x86_64',
        product: 'sdk_gphone64_x86_64',
        transportId: '2',
      },
    ]);
  });

  it('skips the daemon start-up lines, new and old wording', () => {
    const newer = [
      '* daemon not running; starting now at tcp:5037',
      '* daemon started successfully',
      'List of devices attached',
      '0123456789ABCDEF       unauthorized usb:1-1 transport_id:2',
      '',
    ].join('\n');
    const older = [
      '* daemon not running. starting it now on port 5037 *',
      '* daemon started successfully *',
      'List of devices attached ',
      '0123456789ABCDEF\tunauthorized',
      '',
    ].join('\n');
    expect(parseAdbDevices(newer)).toEqual([
      { serial: '0123456789ABCDEF', state: 'unauthorized', stateText: 'unauthorized', transportId: '2' },
    ]);
    expect(parseAdbDevices(older)).toEqual([
      { serial: '0123456789ABCDEF', state: 'unauthorized', stateText: 'unauthorized' },
    ]);
  });

  it('ignores version-mismatch chatter before the header', () => {
    const output = [
      "adb server version (40) doesn't match this client (41); killing...",
      '* daemon started successfully',
      'List of devices attached',
      'emulator-5556          offline transport_id:3',
    ].join('\n');
    expect(parseAdbDevices(output)).toEqual([
      { serial: 'emulator-5556', state: 'offline', stateText: 'offline', transportId: '3' },
    ]);
  });

  it('reads every wording of "no permissions", whose text has spaces, a semicolon and a link', () => {
    const output = [
      'List of devices attached',
      // Debian bookworm's adb 1:29.0.6
      '0123456789ABCDEF       no permissions (user in plugdev group; are your udev rules wrong?); see [http://developer.android.com/tools/device.html] usb:1-1 transport_id:1',
      // Google platform-tools 30+
      'FA79L1A04321           no permissions (missing udev rules? user is in the plugdev group); see [http://developer.android.com/tools/device.html] usb:3-2 transport_id:2',
      'HT4A1SK01234           no permissions (user alice is not in the plugdev group); see [http://developer.android.com/tools/device.html] usb:3-3',
      // adb 1.0.31 (2014): no serial, no link
      '????????????           no permissions usb:2-1',
    ].join('\n');
    const devices = parseAdbDevices(output);
    expect(devices.map((device) => [device.serial, device.state])).toEqual([
      ['0123456789ABCDEF', 'no-permissions'],
      ['FA79L1A04321', 'no-permissions'],
      ['HT4A1SK01234', 'no-permissions'],
      ['????????????', 'no-permissions'],
    ]);
    expect(devices[0]?.stateText).toBe(
      'no permissions (user in plugdev group; are your udev rules wrong?); see [http://developer.android.com/tools/device.html]',
    );
    expect(devices[0]?.transportId).toBe('1');
  });

  it('reads Windows line endings, wireless serials and unknown extra fields', () => {
    const output = [
      'List of devices attached',
      '192.168.1.23:5555      device product:panther model:Pixel_7 device:panther transport_id:4',
      'adb-28031FDH2004UN-pYc9w2._adb-tls-connect._tcp device product:panther model:Pixel_7 device:panther transport_id:5',
      'ZY22BXYZ12             device usb:337641472X product:rhode_g model:moto_g52 device:rhode future_field:yes transport_id:6',
      '',
    ].join('\r\n');
    expect(parseAdbDevices(output)).toEqual([
      {
        serial: '192.168.1.23:5555',
        state: 'device',
        stateText: 'device',
        model: 'Pixel_7',
        product: 'panther',
        transportId: '4',
      },
      {
        serial: 'adb-28031FDH2004UN-pYc9w2._adb-tls-connect._tcp',
        state: 'device',
        stateText: 'device',
        model: 'Pixel_7',
        product: 'panther',
        transportId: '5',
      },
      {
        serial: 'ZY22BXYZ12',
        state: 'device',
        stateText: 'device',
        model: 'moto_g52',
        product: 'rhode_g',
        transportId: '6',
      },
    ]);
  });

  it('keeps states it does not know (recovery, sideload, authorizing) as unknown with adb words', () => {
    const output = [
      'List of devices attached',
      '0123456789ABCDEF       recovery usb:1-1 product:walleye model:Pixel_2 device:walleye transport_id:7',
      'FEDCBA9876543210       sideload usb:1-2 transport_id:8',
      'AAAABBBBCCCCDDDD       authorizing usb:1-3 transport_id:9',
    ].join('\n');
    expect(parseAdbDevices(output).map((device) => [device.state, device.stateText])).toEqual([
      ['unknown', 'recovery'],
      ['unknown', 'sideload'],
      ['unknown', 'authorizing'],
    ]);
  });

  it('finds nothing in an empty list or in noise alone', () => {
    expect(parseAdbDevices('List of devices attached\n\n')).toEqual([]);
    expect(parseAdbDevices('')).toEqual([]);
    expect(parseAdbDevices('* daemon started successfully\nList of devices attached\n')).toEqual([]);
  });
});

describe('chooseDevice', () => {
  const ready = (serial: string, model?: string): AndroidDevice => ({
    serial,
    state: 'device',
    stateText: 'device',
    ...(model ? { model } : {}),
  });
  const inState = (serial: string, state: AndroidDevice['state'], stateText: string = state): AndroidDevice => ({
    serial,
    state,
    stateText,
  });

  function refusal(devices: AndroidDevice[], serial?: string): AppError {
    try {
      chooseDevice(devices, serial);
    } catch (error) {
      if (error instanceof AppError) return error;
      throw error;
    }
    throw new Error('expected chooseDevice to refuse');
  }

  it('takes the one ready phone, even beside phones that are not ready', () => {
    expect(chooseDevice([inState('A', 'offline'), ready('B')]).serial).toBe('B');
  });

  it('takes the asked serial among several', () => {
    expect(chooseDevice([ready('A'), ready('B')], 'B').serial).toBe('B');
  });

  it('with no phone: says to connect one and turn on USB debugging', () => {
    const error = refusal([]);
    expect(error.code).toBe('USB_NO_DEVICE');
    expect(error.message).toContain(
      'Connect the phone with a USB cable and turn on USB debugging in Developer options',
    );
  });

  it('unauthorized: says to unlock and accept the USB debugging prompt', () => {
    const error = refusal([inState('A', 'unauthorized')]);
    expect(error.code).toBe('USB_UNAUTHORIZED');
    expect(error.message).toContain(
      'Unlock the phone and accept the USB debugging prompt (Allow USB debugging?) for this computer',
    );
    expect(error.params).toMatchObject({ serial: 'A' });
  });

  it('offline: says to reconnect', () => {
    const error = refusal([inState('A', 'offline')]);
    expect(error.code).toBe('USB_NOT_READY');
    expect(error.message).toMatch(/offline.*reconnect the cable/i);
  });

  it('no permissions: gives the Linux udev/plugdev hint', () => {
    const error = refusal([inState('A', 'no-permissions', 'no permissions (user in plugdev group; …)')]);
    expect(error.code).toBe('USB_NO_PERMISSIONS');
    expect(error.message).toContain('plugdev');
    expect(error.message).toContain('udev');
  });

  it('an unknown state: quotes adb', () => {
    const error = refusal([inState('A', 'unknown', 'recovery')]);
    expect(error.code).toBe('USB_NOT_READY');
    expect(error.message).toContain('"recovery"');
  });

  it('the most actionable refusal wins when no phone is ready', () => {
    expect(refusal([inState('A', 'offline'), inState('B', 'unauthorized')]).code).toBe('USB_UNAUTHORIZED');
  });

  it('several ready phones and no serial: asks to choose, listing the serials', () => {
    const error = refusal([ready('R58N12ABCDE', 'SM_A525F'), ready('emulator-5554')]);
    expect(error.code).toBe('USB_MANY_DEVICES');
    expect(error.message).toBe(
      'Several phones are connected: choose one (serials: R58N12ABCDE (SM A525F), emulator-5554).',
    );
    expect(error.params).toEqual({ serials: 'R58N12ABCDE,emulator-5554' });
  });

  it('an asked serial that is absent, or not ready, is refused', () => {
    const absent = refusal([ready('A')], 'Z');
    expect(absent.code).toBe('USB_NO_DEVICE');
    expect(absent.message).toContain('The phone Z is not connected (connected: A)');
    expect(refusal([ready('A'), inState('B', 'unauthorized')], 'B').code).toBe('USB_UNAUTHORIZED');
  });
});
