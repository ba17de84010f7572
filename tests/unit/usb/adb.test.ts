/**
 * The adb client against a stand-in adb executable (tests/helpers/adb-stand-in): no phone
 * exists here, so these tests check what we send to adb and how we read its answers.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createAdbClient, resolveAdbPath } from '../../../src/main/delivery/usb/adb';
import { AppError } from '../../../src/shared/errors';
import { type AdbWorld, createAdbStandIn, remoteCommandLine, wordsSeenByPhoneShell } from '../../helpers/adb-stand-in';
import { tempDir } from '../../helpers/temp-dir';

const pixel = {
  serial: 'R58N12ABCDE',
  state: 'device',
  fields: 'usb:1-1 product:panther model:Pixel_7 transport_id:1',
};
const pageUrl = 'http://localhost:8123/p/q1w2e3r4t5y6u7i8o9p0aA#k=Zm9vYmFyYmF6cXV4LV9mb29iYXJiYXpxdXgtX2Zvbw';

function setUp(world: AdbWorld = { devices: [pixel] }, timeoutMs = 10_000) {
  const standIn = createAdbStandIn(world);
  const adb = createAdbClient({ adbPath: standIn.adbPath, timeoutMs });
  const argvs = () => standIn.invocations().map((invocation) => invocation.argv);
  return { standIn, adb, argvs };
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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('finding adb', () => {
  it('takes the option, then AMO_PHONEBOOK_ADB, then adb on PATH', () => {
    const env = { AMO_PHONEBOOK_ADB: '/opt/platform-tools/adb' };
    expect(resolveAdbPath({ adbPath: '/usr/bin/adb', env })).toBe('/usr/bin/adb');
    expect(resolveAdbPath({ env })).toBe('/opt/platform-tools/adb');
    expect(resolveAdbPath({ env: {} })).toBe('adb');
  });

  it('runs the adb named by AMO_PHONEBOOK_ADB', async () => {
    const standIn = createAdbStandIn({ devices: [pixel] });
    const adb = createAdbClient({ env: { AMO_PHONEBOOK_ADB: standIn.adbPath } });
    expect(await adb.listAndroidDevices()).toHaveLength(1);
  });

  it('adb not installed (ENOENT): ADB_MISSING with how to install it', async () => {
    const adb = createAdbClient({ adbPath: join(tempDir(), 'no-such-adb') });
    const error = await failureOf(adb.listAndroidDevices());
    expect(error.code).toBe('ADB_MISSING');
    expect(error.message).toContain('Install Android platform tools (adb)');
    expect(error.message).toContain('sudo apt install adb');
    expect(error.params).toMatchObject({ reason: 'ENOENT' });
  });

  it('adb not executable (EACCES): ADB_MISSING too', async () => {
    const path = join(tempDir(), 'adb');
    writeFileSync(path, '#!/bin/sh\n');
    chmodSync(path, 0o644);
    const error = await failureOf(createAdbClient({ adbPath: path }).listAndroidDevices());
    expect(error.code).toBe('ADB_MISSING');
    expect(error.message).toContain('is not executable');
  });
});

describe('listAndroidDevices', () => {
  it('runs "adb devices -l" and reads its list', async () => {
    const { adb, argvs } = setUp({ devices: [pixel, { serial: 'emulator-5554', state: 'unauthorized' }] });
    expect(await adb.listAndroidDevices()).toEqual([
      {
        serial: 'R58N12ABCDE',
        state: 'device',
        stateText: 'device',
        model: 'Pixel_7',
        product: 'panther',
        transportId: '1',
      },
      { serial: 'emulator-5554', state: 'unauthorized', stateText: 'unauthorized' },
    ]);
    expect(argvs()).toEqual([['devices', '-l']]);
  });

  it('reads a list printed after the daemon started', async () => {
    const { adb } = setUp({
      replies: {
        devices: {
          stdout:
            '* daemon not running; starting now at tcp:5037\n* daemon started successfully\nList of devices attached\n\n',
        },
      },
    });
    expect(await adb.listAndroidDevices()).toEqual([]);
  });
});

describe('reversePort and removeReverse', () => {
  it('sends "adb -s SERIAL reverse tcp:P tcp:P" and "reverse --remove tcp:P"', async () => {
    const { adb, argvs, standIn } = setUp();
    await adb.reversePort(pixel.serial, 8123);
    expect(standIn.reverses()).toEqual([{ serial: pixel.serial, remote: 'tcp:8123', local: 'tcp:8123' }]);
    await adb.removeReverse(pixel.serial, 8123);
    expect(standIn.reverses()).toEqual([]);
    expect(argvs()).toEqual([
      ['-s', pixel.serial, 'reverse', 'tcp:8123', 'tcp:8123'],
      ['-s', pixel.serial, 'reverse', '--remove', 'tcp:8123'],
    ]);
  });

  it('removing a reverse that is gone, or from a phone that is gone, is not an error', async () => {
    const { adb } = setUp();
    await expect(adb.removeReverse(pixel.serial, 8123)).resolves.toBeUndefined();
    await expect(adb.removeReverse('UNPLUGGED', 8123)).resolves.toBeUndefined();
  });

  it('other removal failures are reported', async () => {
    const { adb } = setUp({
      devices: [pixel],
      replies: { 'reverse-remove': { stderr: 'adb: error: cannot remove listener\n', exitCode: 1 } },
    });
    const error = await failureOf(adb.removeReverse(pixel.serial, 8123));
    expect(error.code).toBe('ADB_FAILED');
    expect(error.message).toContain('cannot remove listener');
  });

  it("a failed reverse carries adb's words", async () => {
    const { adb } = setUp({
      devices: [pixel],
      replies: { reverse: { stderr: 'adb: error: cannot bind listener: Address already in use\n', exitCode: 1 } },
    });
    const error = await failureOf(adb.reversePort(pixel.serial, 8123));
    expect(error.code).toBe('ADB_FAILED');
    expect(error.message).toBe(
      `adb failed (adb -s ${pixel.serial} reverse tcp:8123 tcp:8123): adb: error: cannot bind listener: Address already in use`,
    );
  });

  it('a phone unplugged or locked since it was listed gets the same codes as in the list', async () => {
    const { adb } = setUp({ devices: [{ serial: 'LOCKED', state: 'unauthorized' }] });
    expect((await failureOf(adb.reversePort('UNPLUGGED', 8123))).code).toBe('USB_NO_DEVICE');
    expect((await failureOf(adb.reversePort('LOCKED', 8123))).code).toBe('USB_UNAUTHORIZED');
  });

  it('refuses a port that is not one', async () => {
    const { adb, argvs } = setUp();
    expect((await failureOf(adb.reversePort(pixel.serial, 0))).code).toBe('INVALID_INPUT');
    expect((await failureOf(adb.reversePort(pixel.serial, 65536))).code).toBe('INVALID_INPUT');
    expect((await failureOf(adb.reversePort(pixel.serial, 80.5))).code).toBe('INVALID_INPUT');
    expect(argvs()).toEqual([]);
  });
});

describe('openOnPhone', () => {
  it('starts a VIEW intent whose URL the phone shell reads back as one intact word', async () => {
    const { adb, standIn } = setUp();
    await adb.openOnPhone(pixel.serial, pageUrl);
    const [invocation] = standIn.invocations();
    expect(invocation?.argv).toEqual([
      '-s',
      pixel.serial,
      'shell',
      'am',
      'start',
      '-a',
      'android.intent.action.VIEW',
      '-d',
      `'${pageUrl}'`,
    ]);
    if (!invocation) throw new Error('no invocation');
    expect(wordsSeenByPhoneShell(remoteCommandLine(invocation))).toEqual([
      'start',
      '-a',
      'android.intent.action.VIEW',
      '-d',
      pageUrl,
    ]);
  });

  it.each([
    ['a semicolon', `${pageUrl};reboot`],
    ['command substitution', `${pageUrl}$(reboot)`],
    ['backticks', `${pageUrl}\`reboot\``],
    ['a space', `${pageUrl} -n com.evil/.Main`],
    ['a quote', `${pageUrl}'`],
    ['a newline', `${pageUrl}\nreboot`],
  ])('refuses a URL with %s before running adb', async (_name, url) => {
    const { adb, argvs } = setUp();
    expect((await failureOf(adb.openOnPhone(pixel.serial, url))).code).toBe('INVALID_URL');
    expect(argvs()).toEqual([]);
  });

  it('reports "Error:" from am start, which exits 0, with the key hidden', async () => {
    const { adb } = setUp({
      devices: [pixel],
      replies: {
        shell: {
          stdout:
            `Starting: Intent { act=android.intent.action.VIEW dat=${pageUrl} }\n` +
            `Error: Activity not started, unable to resolve Intent { act=android.intent.action.VIEW dat=${pageUrl} flg=0x10000000 }\n`,
          exitCode: 0,
        },
      },
    });
    const error = await failureOf(adb.openOnPhone(pixel.serial, pageUrl));
    expect(error.code).toBe('ADB_FAILED');
    expect(error.message).toMatch(/^The phone could not open the page: Error: Activity not started, unable to resolve/);
    expect(JSON.stringify(error.toJSON())).not.toContain('Zm9vYmFy');
  });

  it('reports an exception from am start', async () => {
    const { adb } = setUp({
      devices: [pixel],
      replies: {
        shell: {
          stderr: "Exception occurred while executing 'start':\njava.lang.SecurityException: Permission Denial\n",
        },
      },
    });
    expect((await failureOf(adb.openOnPhone(pixel.serial, pageUrl))).message).toContain(
      "Exception occurred while executing 'start'",
    );
  });
});

describe('withUsbRoute', () => {
  const reverse = ['-s', pixel.serial, 'reverse', 'tcp:8123', 'tcp:8123'];
  const remove = ['-s', pixel.serial, 'reverse', '--remove', 'tcp:8123'];

  it('reverses, runs, then removes the reverse', async () => {
    const { adb, argvs, standIn } = setUp();
    const result = await adb.withUsbRoute(pixel.serial, 8123, async () => {
      expect(standIn.reverses()).toHaveLength(1);
      await adb.openOnPhone(pixel.serial, pageUrl);
      return 'delivered';
    });
    expect(result).toBe('delivered');
    expect(argvs().map((argv) => argv.slice(2, 4))).toEqual([
      ['reverse', 'tcp:8123'],
      ['shell', 'am'],
      ['reverse', '--remove'],
    ]);
    expect(standIn.reverses()).toEqual([]);
  });

  it('removes the reverse when run throws, and rethrows run’s error', async () => {
    const { adb, argvs, standIn } = setUp();
    const failure = new AppError('TIMEOUT', 'the phone never connected');
    await expect(
      adb.withUsbRoute(pixel.serial, 8123, async () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(argvs()).toEqual([reverse, remove]);
    expect(standIn.reverses()).toEqual([]);
  });

  it('when aborted mid-run: stops at once, aborts run’s signal and removes the reverse', async () => {
    const { adb, argvs, standIn } = setUp();
    const controller = new AbortController();
    let runSignal: AbortSignal | undefined;
    const route = adb.withUsbRoute(
      pixel.serial,
      8123,
      (signal) => {
        runSignal = signal;
        setTimeout(() => controller.abort(), 20);
        return new Promise<never>(() => undefined); // a run that ignores its signal
      },
      { signal: controller.signal },
    );
    expect((await failureOf(route)).code).toBe('CANCELLED');
    expect(runSignal?.aborted).toBe(true);
    expect(argvs()).toEqual([reverse, remove]);
    expect(standIn.reverses()).toEqual([]);
  });

  it('still tries to remove when the reverse itself failed, and reports the reverse failure', async () => {
    const { adb, argvs } = setUp({
      devices: [pixel],
      replies: { reverse: { stderr: 'adb: error: cannot bind listener\n', exitCode: 1 } },
    });
    const run = vi.fn(async () => 'never');
    expect((await failureOf(adb.withUsbRoute(pixel.serial, 8123, run))).code).toBe('ADB_FAILED');
    expect(run).not.toHaveBeenCalled();
    expect(argvs()).toEqual([reverse, remove]);
  });

  it('a removal failure after a successful run is reported', async () => {
    const { adb } = setUp({
      devices: [pixel],
      replies: { 'reverse-remove': { stderr: 'adb: error: cannot remove listener\n', exitCode: 1 } },
    });
    const error = await failureOf(adb.withUsbRoute(pixel.serial, 8123, async () => 'ok'));
    expect(error.code).toBe('ADB_FAILED');
  });

  it('an already aborted signal runs nothing', async () => {
    const { adb, argvs } = setUp();
    const error = await failureOf(
      adb.withUsbRoute(pixel.serial, 8123, async () => 'ok', { signal: AbortSignal.abort() }),
    );
    expect(error.code).toBe('CANCELLED');
    expect(argvs()).toEqual([]);
  });
});

describe('an adb that never answers', () => {
  it('times out with a clear error within the timeout, and the child is killed', async () => {
    const timeoutMs = 1_500;
    const { adb, standIn } = setUp({ replies: { devices: { hang: true } } }, timeoutMs);
    const started = performance.now();
    const listing = failureOf(adb.listAndroidDevices());
    await vi.waitFor(() => expect(standIn.invocations()).toHaveLength(1), { timeout: timeoutMs });
    const error = await listing;
    const elapsed = performance.now() - started;
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toMatch(/^adb did not answer within 1\.5 s \(adb devices -l\)/);
    expect(elapsed).toBeGreaterThanOrEqual(timeoutMs - 50);
    expect(elapsed).toBeLessThan(timeoutMs + 1_000);
    const pid = standIn.invocations()[0]?.pid ?? -1;
    await vi.waitFor(() => expect(isAlive(pid)).toBe(false), { timeout: 2_000 });
  });

  it('an abort stops the call at once and kills the child', async () => {
    const { adb, standIn } = setUp({ devices: [pixel], replies: { reverse: { hang: true } } });
    const controller = new AbortController();
    const reversing = failureOf(adb.reversePort(pixel.serial, 8123, { signal: controller.signal }));
    await vi.waitFor(() => expect(standIn.invocations()).toHaveLength(1), { timeout: 5_000 });
    controller.abort();
    expect((await reversing).code).toBe('CANCELLED');
    const pid = standIn.invocations()[0]?.pid ?? -1;
    await vi.waitFor(() => expect(isAlive(pid)).toBe(false), { timeout: 2_000 });
  });
});
