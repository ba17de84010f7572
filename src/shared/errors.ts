/**
 * Errors that cross a process or network boundary (IPC, browser-mode HTTP, the CLI).
 *
 * Every failure a user can meet has a stable `code`. The UI translates the code (with
 * `params`) into words a sales manager understands; the CLI prints `message`, which is
 * plain English. Raw exceptions never cross a boundary: the dispatcher turns anything
 * unexpected into `INTERNAL` with a short message and no stack.
 */

export const errorCodes = [
  'INVALID_INPUT',
  'INVALID_URL',
  'INSECURE_URL',
  'NETWORK_UNREACHABLE',
  'TIMEOUT',
  'AUTH_REJECTED',
  'FORBIDDEN',
  'ACCOUNT_BLOCKED',
  'ACCOUNT_UNAVAILABLE',
  'RATE_LIMITED',
  'SERVER_ERROR',
  'BAD_RESPONSE',
  'NOT_FOUND',
  'EXPORT_DENIED',
  'BUSY',
  'CANCELLED',
  'DB_CORRUPT',
  'DB_TOO_NEW',
  'OUTPUT_NOT_WRITABLE',
  'UI_NOT_BUILT',
  // Browser mode: the page's secret is not this run's (the app restarted, or a launch address was spent).
  'PAGE_EXPIRED',
  // The LAN handoff: no address a phone could reach.
  'NO_LAN_ADDRESS',
  // An export with nothing to deliver: the phone already has everything.
  'NOTHING_TO_EXPORT',
  // The USB route to an Android phone (adb): each is a different thing the user must do.
  'ADB_MISSING',
  'ADB_FAILED',
  'USB_NO_DEVICE',
  'USB_UNAUTHORIZED',
  'USB_NO_PERMISSIONS',
  'USB_NOT_READY',
  'USB_MANY_DEVICES',
  // CardDAV targets (an address-book account on a server: iCloud, Google, Yandex, Nextcloud...).
  'CARDDAV_AUTH_REJECTED',
  'CARDDAV_UNREACHABLE',
  'CARDDAV_NOT_CARDDAV',
  'CARDDAV_REFUSED',
  'CARDDAV_BUSY',
  'CARDDAV_CONFLICT',
  // The team set-up: an invitation that cannot be read, or a sign-in to another account than it names.
  'INVITATION_INVALID',
  'INVITATION_OTHER_ACCOUNT',
  // The team mirror (issue 21): a computer that answered at its address with another certificate.
  'TEAM_MIRROR_UNTRUSTED',
  // The Google sign-in (OAuth) for Google Contacts over CardDAV.
  'OAUTH_FAILED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** Values a translated message may interpolate. Kept flat so they serialize anywhere. */
export type ErrorParams = Readonly<Record<string, string | number>>;

/** The shape an error has on the wire. */
export interface SerializedError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly params: ErrorParams;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams;

  constructor(code: ErrorCode, message: string, params: ErrorParams = {}, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
    this.params = params;
  }

  toJSON(): SerializedError {
    return { code: this.code, message: this.message, params: this.params };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}

/** Rebuilds an AppError from its wire shape; anything unrecognised becomes INTERNAL. */
export function deserializeError(value: unknown): AppError {
  if (typeof value === 'object' && value !== null) {
    const { code, message, params } = value as Record<string, unknown>;
    if (isErrorCode(code)) {
      const safeParams: Record<string, string | number> = {};
      if (typeof params === 'object' && params !== null) {
        for (const [key, param] of Object.entries(params)) {
          if (typeof param === 'string' || typeof param === 'number') safeParams[key] = param;
        }
      }
      return new AppError(code, typeof message === 'string' ? message : code, safeParams);
    }
  }
  return new AppError('INTERNAL', 'Unexpected error');
}

/** Result envelope used by every face: `{ok: true, value}` or `{ok: false, error}`. */
export type Envelope<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: SerializedError };
