/** What one account's sync needs: where to write, how to ask, and how to report. */
import type { CountryCode } from 'libphonenumber-js';
import type { AmoHttpOptions } from '../crm/amo-http';
import type { FieldCodes } from '../crm/contact-mapper';
import type { MirrorDb } from '../mirror/mirror-db';

export interface AccountSync {
  readonly db: MirrorDb;
  readonly accountId: number;
  readonly http: AmoHttpOptions;
  readonly region: CountryCode | undefined;
  /** Field and enum codes, for values that arrive without them. */
  readonly codes: FieldCodes;
  readonly signal: AbortSignal;
  /** Called after each page is safely in the mirror. */
  /** After each page: contacts written so far; `resumed` when a stopped first pull continues (counted from the mirror). */
  readonly onPage: (written: number, resumed?: boolean) => void;
  /** Unix seconds by this computer's clock: only a fallback when the CRM sends no Date. */
  readonly fallbackNow: () => number;
}

/** Seconds subtracted from a watermark: edits that land while a page is being read, and clock skew. */
export const watermarkOverlapSeconds = 300;
