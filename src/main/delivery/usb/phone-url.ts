/**
 * The one kind of text we send to the phone's shell, and how it is quoted.
 *
 * `adb shell a b c` joins its arguments with spaces into ONE command line that the
 * phone's /system/bin/sh parses again. So the URL is both checked against a strict shape
 * (only the handoff page, only URL-safe characters) and single-quoted: either alone
 * would stop injection, both together survive a mistake in one of them.
 */
import { AppError } from '../../../shared/errors';

/** http://localhost:PORT/p/TOKEN#k=KEY, TOKEN and KEY base64url (see shared/handoff/protocol). */
const handoffPageUrl =
  /^http:\/\/(?:localhost|127\.0\.0\.1):(\d{1,5})\/p\/[A-Za-z0-9_-]{1,128}#k=[A-Za-z0-9_-]{1,128}$/;

/**
 * Throws INVALID_URL unless `url` is the handoff page on the phone's own loopback (which
 * `adb reverse` carries to this computer) and, when given, on `expectedPort`.
 */
export function assertPhonePageUrl(url: string, expectedPort?: number): void {
  const match = handoffPageUrl.exec(url);
  const port = match?.[1] === undefined ? Number.NaN : Number(match[1]);
  if (!match || port < 1 || port > 65535) {
    throw new AppError(
      'INVALID_URL',
      'Only the handoff page address (http://localhost:PORT/p/TOKEN#k=KEY) may be opened on the phone.',
      { url: redactKey(url).slice(0, 200) },
    );
  }
  if (expectedPort !== undefined && port !== expectedPort) {
    throw new AppError(
      'INVALID_URL',
      `The page address uses port ${port}, but the USB route carries port ${expectedPort}.`,
      {
        port,
        expectedPort,
      },
    );
  }
}

/** One word for a POSIX shell: single quotes, each `'` written as `'\''`. */
export function quoteForRemoteShell(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

/** The key in the fragment decrypts the contacts: it never goes into a message or a log. */
export function redactKey(text: string): string {
  return text.replace(/#k=[^\s'"}]*/g, '#k=[hidden]');
}
