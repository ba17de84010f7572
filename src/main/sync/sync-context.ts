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
  /**
   * The responsible user a new first pull asks for, where the user may export only their own
   * contacts and the account honours filters (pull-scope.ts); null: every contact they see.
   */
  readonly pullFor: number | null;
  readonly signal: AbortSignal;
  /** After each page: contacts written so far; `resumed` when a stopped first pull continues (counted from the mirror). */
  readonly onPage: (written: number, resumed?: boolean) => void;
  /**
   * Between two pages of a first pull, with how far it has come: an export waiting for its
   * window is told here, and a catch-up it asked for runs here, before the next page (one
   * writer at a time, so a page fetched earlier never overwrites a fresher catch-up).
   */
  readonly betweenPages?: (progress: PullProgress) => Promise<void>;
  /** Unix seconds by this computer's clock: only a fallback when the CRM sends no Date. */
  readonly fallbackNow: () => number;
}

/** How far a first pull has come, for an export that can run once its window has arrived. */
export interface PullProgress {
  /** Every contact updated after this (the CRM's Unix seconds) is in the mirror; null: unknown yet. */
  readonly coveredAfter: number | null;
  /** The CRM's clock when the pull began: edits after it may have jumped ahead of the pull. */
  readonly startedAt: number;
}

/** Seconds subtracted from a watermark: edits that land while a page is being read, and clock skew. */
export const watermarkOverlapSeconds = 300;
