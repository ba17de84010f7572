/**
 * A typed client of the `adb` executable, for the USB route to an Android phone:
 * `adb reverse tcp:P tcp:P` makes the phone's own http://localhost:P (a secure context)
 * reach the desktop's handoff server, and `am start` opens the page there.
 *
 * We drive the adb executable rather than speak the adb server protocol ourselves: the
 * executable starts its server, knows the USB/udev details and is the thing users
 * install (Debian: `adb`), so its messages are the ones they can search for.
 */
import { AppError } from '../../../shared/errors';
import type { AndroidDevice } from './android-device';
import { parseAdbDevices } from './devices';
import { assertPhonePageUrl, quoteForRemoteShell, redactKey } from './phone-url';
import { describeCommand, runAdb } from './run-adb';

export interface AdbClientOptions {
  /** Full path or bare name of adb; otherwise AMO_PHONEBOOK_ADB, otherwise `adb` on PATH. */
  readonly adbPath?: string | undefined;
  /** Per adb call. The first call may start adb's server, which takes a few seconds. */
  readonly timeoutMs?: number | undefined;
  /** Where AMO_PHONEBOOK_ADB is read from; tests pass their own. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
}

export interface CallOptions {
  readonly signal?: AbortSignal | undefined;
}

export interface AdbClient {
  /** The executable this client runs. */
  readonly adbPath: string;
  listAndroidDevices(options?: CallOptions): Promise<AndroidDevice[]>;
  /** Phone's tcp:port → this computer's tcp:port, until removed or the phone disconnects. */
  reversePort(serial: string, port: number, options?: CallOptions): Promise<void>;
  /** Removes the reverse; a reverse or phone that is already gone counts as removed. */
  removeReverse(serial: string, port: number, options?: CallOptions): Promise<void>;
  /** Opens the handoff page in the phone's browser; the URL must be the handoff page shape. */
  openOnPhone(serial: string, url: string, options?: CallOptions & { readonly expectedPort?: number }): Promise<void>;
  /** Reverse, run, and always remove the reverse afterwards, even when run throws or is aborted. */
  withUsbRoute<T>(
    serial: string,
    port: number,
    run: (signal: AbortSignal) => Promise<T>,
    options?: CallOptions,
  ): Promise<T>;
}

export const defaultAdbTimeoutMs = 15_000;
export const adbPathVariable = 'AMO_PHONEBOOK_ADB';

export function resolveAdbPath(options: AdbClientOptions = {}): string {
  const env = options.env ?? process.env;
  return options.adbPath || env[adbPathVariable] || 'adb';
}

export function createAdbClient(options: AdbClientOptions = {}): AdbClient {
  const adbPath = resolveAdbPath(options);
  const timeoutMs = options.timeoutMs ?? defaultAdbTimeoutMs;
  const adb = (args: readonly string[], signal?: AbortSignal) => runAdb(args, { adbPath, timeoutMs, signal });

  const removeReverse = async (serial: string, port: number, call: CallOptions = {}): Promise<void> => {
    assertPort(port);
    try {
      await adb(['-s', serial, 'reverse', '--remove', `tcp:${port}`], call.signal);
    } catch (error) {
      // "listener 'tcp:P' not found": already removed. "device 'S' not found": the phone
      // was unplugged, and adb drops a device's reverses with it.
      if (error instanceof AppError && (error.code === 'USB_NO_DEVICE' || /not found/i.test(adbOutputOf(error)))) {
        return;
      }
      throw error;
    }
  };

  const reversePort = async (serial: string, port: number, call: CallOptions = {}): Promise<void> => {
    assertPort(port);
    await adb(['-s', serial, 'reverse', `tcp:${port}`, `tcp:${port}`], call.signal);
  };

  return {
    adbPath,

    async listAndroidDevices(call = {}) {
      const { stdout } = await adb(['devices', '-l'], call.signal);
      return parseAdbDevices(stdout);
    },

    reversePort,
    removeReverse,

    async openOnPhone(serial, url, call = {}) {
      assertPhonePageUrl(url, call.expectedPort);
      const args = [
        '-s',
        serial,
        'shell',
        'am',
        'start',
        '-a',
        'android.intent.action.VIEW',
        '-d',
        quoteForRemoteShell(url),
      ];
      const { stdout, stderr } = await adb(args, call.signal);
      // `am start` exits 0 even when nothing was started; the verdict is in its text.
      const failure = amStartFailure(`${stdout}\n${stderr}`);
      if (failure) {
        const command = describeCommand(args);
        throw new AppError('ADB_FAILED', `The phone could not open the page: ${failure}`, {
          command,
          adbOutput: failure,
        });
      }
    },

    async withUsbRoute(serial, port, run, call = {}) {
      const outer = call.signal;
      if (outer?.aborted) throw new AppError('CANCELLED', 'Cancelled');
      // Our own controller so that run stops when we give up on it, not just when the caller does.
      const inner = new AbortController();
      const onAbort = () => inner.abort();
      outer?.addEventListener('abort', onAbort, { once: true });
      let result: Awaited<ReturnType<typeof run>>;
      try {
        await reversePort(serial, port, { signal: inner.signal });
        result = await untilAborted(run(inner.signal), inner.signal);
      } catch (error) {
        inner.abort();
        // reversePort may have succeeded on the phone even if we were aborted mid-call, so
        // remove anyway. run's own failure is the one the user must see: a stale reverse is
        // harmless and disappears when the cable is unplugged.
        await removeReverse(serial, port).catch(() => undefined);
        throw error;
      } finally {
        outer?.removeEventListener('abort', onAbort);
      }
      // No signal for the removal: even a caller who gave up wants the route gone.
      await removeReverse(serial, port);
      return result;
    },
  };
}

/** The first `Error:`/exception line `am start` printed, with the handoff key hidden. */
export function amStartFailure(output: string): string | null {
  const line = output
    .split(/\r?\n/)
    .map((candidate) => candidate.trim())
    .find((candidate) =>
      /^(Error\b|Exception\b|java\.lang\.\w*(Exception|Error)\b|Security exception\b)/.test(candidate),
    );
  return line === undefined ? null : redactKey(line);
}

function assertPort(port: number): void {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new AppError('INVALID_INPUT', `Not a TCP port: ${port}`, { port: String(port) });
  }
}

function adbOutputOf(error: AppError): string {
  const output = error.params['adbOutput'];
  return typeof output === 'string' ? output : '';
}

/** Settles with `work`, or rejects with CANCELLED as soon as `signal` aborts. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new AppError('CANCELLED', 'Cancelled'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
