/** The facade the handoff code uses: choose, reverse, open, close. Against the stand-in adb. */
import { describe, expect, it, vi } from 'vitest';
import { createUsbRoute } from '../../../src/main/delivery/usb';
import { AppError } from '../../../src/shared/errors';
import { type AdbWorld, createAdbStandIn } from '../../helpers/adb-stand-in';

const pixel = {
  serial: 'R58N12ABCDE',
  state: 'device',
  fields: 'usb:1-1 product:panther model:Pixel_7 transport_id:1',
};
const port = 8123;
const url = `http://localhost:${port}/p/q1w2e3r4t5y6u7i8o9p0aA#k=Zm9vYmFyYmF6cXV4LV9mb29iYXJiYXpxdXgtX2Zvbw`;

function setUp(world: AdbWorld = { devices: [pixel] }) {
  const standIn = createAdbStandIn(world);
  const route = createUsbRoute({ adbPath: standIn.adbPath, timeoutMs: 10_000 });
  const commands = () => standIn.invocations().map((invocation) => invocation.argv.filter((word) => word !== '-s'));
  return { standIn, route, commands };
}

async function failureOf(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('createUsbRoute', () => {
  it('lists the phones', async () => {
    const { route } = setUp();
    expect((await route.devices()).map((device) => device.model)).toEqual(['Pixel_7']);
  });

  it('opens: lists, reverses, opens the page; close removes the reverse, once', async () => {
    const { route, standIn, commands } = setUp();
    const opened = await route.open({ port, url });
    expect(opened.serial).toBe(pixel.serial);
    expect(opened.device.model).toBe('Pixel_7');
    expect(standIn.reverses()).toEqual([{ serial: pixel.serial, remote: 'tcp:8123', local: 'tcp:8123' }]);
    await opened.close();
    await opened.close();
    expect(standIn.reverses()).toEqual([]);
    expect(commands().map((argv) => argv.slice(0, 3))).toEqual([
      ['devices', '-l'],
      [pixel.serial, 'reverse', 'tcp:8123'],
      [pixel.serial, 'shell', 'am'],
      [pixel.serial, 'reverse', '--remove'],
    ]);
  });

  it('uses the asked serial among several phones', async () => {
    const { route } = setUp({ devices: [pixel, { serial: 'emulator-5554', state: 'device' }] });
    expect((await route.open({ serial: 'emulator-5554', port, url })).serial).toBe('emulator-5554');
  });

  it('several phones and no serial: USB_MANY_DEVICES, nothing reversed', async () => {
    const { route, commands } = setUp({ devices: [pixel, { serial: 'emulator-5554', state: 'device' }] });
    const error = await failureOf(route.open({ port, url }));
    expect(error.code).toBe('USB_MANY_DEVICES');
    expect(error.message).toContain('serials: R58N12ABCDE (Pixel 7), emulator-5554');
    expect(commands()).toEqual([['devices', '-l']]);
  });

  it('a locked phone: USB_UNAUTHORIZED', async () => {
    const { route } = setUp({ devices: [{ serial: 'X', state: 'unauthorized', fields: 'usb:1-1 transport_id:2' }] });
    expect((await failureOf(route.open({ port, url }))).code).toBe('USB_UNAUTHORIZED');
  });

  it('a bad URL or a URL on another port is refused before adb runs', async () => {
    const { route, commands } = setUp();
    expect((await failureOf(route.open({ port, url: `${url};reboot` }))).code).toBe('INVALID_URL');
    expect((await failureOf(route.open({ port: 9000, url }))).code).toBe('INVALID_URL');
    expect(commands()).toEqual([]);
  });

  it('when the page cannot be opened, the reverse is removed and the error reported', async () => {
    const { route, standIn } = setUp({
      devices: [pixel],
      replies: { shell: { stdout: 'Error: Activity not started, unable to resolve Intent\n' } },
    });
    const error = await failureOf(route.open({ port, url }));
    expect(error.code).toBe('ADB_FAILED');
    expect(standIn.reverses()).toEqual([]);
  });

  it('when aborted while opening, the reverse is removed', async () => {
    const { route, standIn, commands } = setUp({ devices: [pixel], replies: { shell: { hang: true } } });
    const controller = new AbortController();
    const opening = failureOf(route.open({ port, url, signal: controller.signal }));
    await vi.waitFor(() => expect(commands().some((argv) => argv.includes('shell'))).toBe(true), { timeout: 5_000 });
    controller.abort();
    expect((await opening).code).toBe('CANCELLED');
    expect(standIn.reverses()).toEqual([]);
  });
});
