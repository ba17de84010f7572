/**
 * Runs the `adb` executable once: execFile (never a shell, so no argument is ever
 * re-parsed on this computer), a timeout and an AbortSignal on every call, and adb's
 * failures turned into AppErrors a user can act on.
 */
import { execFile } from 'node:child_process';
import { AppError } from '../../../shared/errors';
import { adbMissingMessage, errorFromAdbText } from './messages';
import { redactKey } from './phone-url';

export interface AdbOutput {
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunAdbOptions {
  /** The executable: a full path, or a bare name execFile looks up on PATH. */
  readonly adbPath: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
}

/** adb's answers are a few lines; a megabyte means something is badly wrong. */
const maxOutputBytes = 1024 * 1024;

export function runAdb(args: readonly string[], options: RunAdbOptions): Promise<AdbOutput> {
  const { adbPath, timeoutMs, signal } = options;
  const command = describeCommand(args);
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AppError('CANCELLED', 'Cancelled'));
      return;
    }
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      outcome();
    };

    const child = execFile(
      adbPath,
      [...args],
      { encoding: 'utf8', maxBuffer: maxOutputBytes, windowsHide: true },
      (error, stdout, stderr) => {
        settle(() => {
          if (!error) return resolve({ stdout, stderr });
          reject(failureFrom(error, { stdout, stderr }, adbPath, command));
        });
      },
    );

    // Our own timer and abort, not execFile's: those settle only when the pipes close, and
    // an adb that forked its server could keep them open. We kill and answer at once.
    const stop = (error: AppError) => {
      settle(() => {
        child.kill('SIGKILL');
        child.stdout?.destroy();
        child.stderr?.destroy();
        reject(error);
      });
    };
    timer = setTimeout(() => {
      const seconds = Math.round(timeoutMs / 100) / 10;
      stop(
        new AppError(
          'TIMEOUT',
          `adb did not answer within ${seconds} s (${command}). Reconnect the phone's cable and try again; if it keeps happening, run "adb kill-server".`,
          { host: 'adb', command, timeoutMs },
        ),
      );
    }, timeoutMs);
    const onAbort = () => stop(new AppError('CANCELLED', 'Cancelled'));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function failureFrom(error: Error, output: AdbOutput, adbPath: string, command: string): AppError {
  const code = (error as NodeJS.ErrnoException).code;
  // ENOENT: not on PATH or no such file; EACCES: a file that is not executable.
  if (code === 'ENOENT' || code === 'EACCES') {
    return new AppError('ADB_MISSING', adbMissingMessage(adbPath, code), { adbPath, reason: code }, { cause: error });
  }
  if (code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
    return new AppError('ADB_FAILED', `adb printed far too much (${command})`, { command });
  }
  const text = redactKey(`${output.stderr}\n${output.stdout}`.trim());
  return errorFromAdbText(text, command);
}

/** "adb -s X reverse tcp:1 tcp:1" for messages, with any handoff key left out. */
export function describeCommand(args: readonly string[]): string {
  return redactKey(['adb', ...args].join(' '));
}
