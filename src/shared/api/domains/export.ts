/** Exports: the preview, a .vcf file, and deleting an export from a device (R6). */
import { z } from 'zod';
import type { ExportRight } from './accounts';
import type { CardDavProvider, DevicePlatform } from './devices';
import { accountIdSchema, deviceIdSchema, exportSelection } from './fields';
import { verb } from './verb';

export type ExportFormat = 'vcard3' | 'vcard4';

/** Something the user should know before or after an export. */
export type ExportWarning =
  /** R5a: the device (a Google account) would pass Google Contacts' 25,000 contacts. */
  | { readonly code: 'google-limit'; readonly total: number }
  /** R7: the CRM would not tell this user's rights; only contacts they are responsible for go. */
  | { readonly code: 'rights-unknown'; readonly accountId: number }
  /** R7: this user may not export from this account; it was left out. */
  | { readonly code: 'rights-denied'; readonly accountId: number }
  /**
   * R9-R12 re-send contacts the phone already has: its importer (Android, iPhone, Google
   * Contacts) ignores UID, so each becomes a second card next to the old one. The ledger is
   * exact; the phone's book is what needs a merge (or the CardDAV route, which updates in place).
   */
  | { readonly code: 'duplicates-on-phone'; readonly count: number; readonly platform: DevicePlatform }
  /** A CardDAV account would pass its provider's own limit (iCloud 50,000 cards, Google 25,000). */
  | {
      readonly code: 'provider-limit';
      readonly provider: CardDavProvider;
      readonly limit: number;
      readonly total: number;
    };

export interface ExportCounts {
  readonly new: number;
  readonly updated: number;
  readonly skippedNoPhone: number;
  readonly skippedByCap: number;
  readonly skippedByRights: number;
  /** Inside the rights, left out by the choice of whose contacts ("only mine", responsible users). */
  readonly skippedByFilter: number;
  /** Not changed in the period (first export) or since the last export (later ones). */
  readonly skippedByPeriod: number;
  /** Already on the device with nothing new to send. */
  readonly unchanged: number;
  /**
   * Every contact of the account(s) in the mirror: new + updated + unchanged + each skip
   * (no phone, rights, filter, period, cap) add up to it.
   */
  readonly accountTotal: number;
  /** Slots left under the iOS cap after this export, or null where there is no cap. */
  readonly capRemaining: number | null;
}

export interface ExportAccountCounts extends ExportCounts {
  readonly accountId: number;
  /** True on the first export of this account to this device (R4 asks for a period). */
  readonly first: boolean;
  /**
   * The account's first pull goes on behind this export (issue 17): what the export needs has
   * arrived, but the counts of what it leaves out (no phone, rights, period...) still grow.
   */
  readonly stillPulling: boolean;
  /**
   * Only this user's own contacts were pulled from amoCRM (their role exports only those;
   * issue 21): the counts are of their contacts, not of the whole account.
   */
  readonly ownContactsOnly: boolean;
  readonly exportRight: ExportRight;
  /** Contacts of this account on the device once this export is delivered. */
  readonly deviceTotal: number;
}

/** What an export would do, before anything is delivered. */
export interface ExportPreview extends ExportCounts {
  readonly deviceId: string;
  /** new + updated: the contacts that would be delivered. */
  readonly delivered: number;
  /** Some account's first pull goes on behind this export (see ExportAccountCounts). */
  readonly stillPulling: boolean;
  /** Some account was pulled for this user's own contacts only (see ExportAccountCounts). */
  readonly ownContactsOnly: boolean;
  readonly accounts: readonly ExportAccountCounts[];
  readonly warnings: readonly ExportWarning[];
}

/** The counts the design's CLI contract names for `export --json`, and the file. */
export interface ExportResult extends ExportPreview {
  readonly format: ExportFormat;
  /** The absolute path of the written .vcf. */
  readonly file: string;
  /**
   * The file's text, when asked for (browser mode: the window may be on another computer
   * than the file, so it offers it as a download). Absent for a file over the size limit.
   */
  readonly content?: string;
}

export interface ExportReset {
  readonly deviceId: string;
  readonly accountId: number;
  /** Contacts the device was recorded as having. */
  readonly cleared: number;
  /** The label every exported contact carries, to select and delete them on the phone. */
  readonly label: string;
  /**
   * CardDAV targets: cards deleted on the server (a whole address book counts its cards);
   * null for phones and files, where the app cannot reach the address book.
   */
  readonly serverRemoved: number | null;
}

/**
 * What a device's last export chose for one account (or, `accountId` null, for all of them):
 * the next export of the device starts from it.
 */
export interface ExportChoice {
  readonly accountId: number | null;
  readonly onlyMine: boolean;
  /** Responsible users kept (one account only); empty means everyone. */
  readonly responsible: readonly number[];
  /** Unix milliseconds. */
  readonly savedAt: number;
}

/** The export verbs: each one's input schema and what it answers. */
export const exportVerbs = {
  previewExport: verb(exportSelection.strict()).returns<ExportPreview>(),
  exportToFile: verb(
    exportSelection
      .extend({
        format: z.enum(['vcard3', 'vcard4']).default('vcard3'),
        /** Absolute path of the .vcf to write; omitted means "a new file in Downloads". */
        outPath: z.string().min(1).max(4096).optional(),
        /** Also answer the file's text (browser mode's download). */
        includeContent: z.boolean().optional(),
      })
      .strict(),
  ).returns<ExportResult>(),
  /** The desktop app's "Show in folder" for a .vcf an export wrote (and only for such a file). */
  showExportedFile: verb(z.object({ file: z.string().min(1).max(4096) }).strict()).returns<{ readonly shown: true }>(),
  /** The device's remembered choices, the most recent first. */
  getExportChoices: verb(z.object({ deviceId: deviceIdSchema }).strict()).returns<readonly ExportChoice[]>(),
  resetExport: verb(z.object({ deviceId: deviceIdSchema, accountId: accountIdSchema }).strict()).returns<ExportReset>(),
} as const;
