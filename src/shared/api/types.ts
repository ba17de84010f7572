/**
 * What the API returns. Plain, readonly, JSON-serializable data: it crosses IPC and HTTP.
 */

export type Face = 'electron' | 'browser' | 'cli';
export type DevicePlatform = 'ios' | 'android' | 'file';

export interface AppInfo {
  readonly version: string;
  readonly face: Face;
  readonly dataDir: string;
}

export interface AccountSummary {
  /** amoCRM's account id: the key of everything, since a subdomain can be renamed. */
  readonly id: number;
  readonly name: string;
  readonly subdomain: string;
  readonly baseUrl: string;
  readonly isDemo: boolean;
  readonly currentUserId: number;
  readonly contactCount: number;
  readonly contactsWithPhone: number;
  /** Unix milliseconds of the last completed sync, or null before the first. */
  readonly lastSyncedAt: number | null;
}

export interface SyncAccountResult {
  readonly accountId: number;
  readonly contacts: number;
  readonly pages: number;
  readonly durationMs: number;
}

export interface SyncResult {
  readonly accounts: readonly SyncAccountResult[];
}

export interface ContactListItem {
  readonly accountId: number;
  readonly id: number;
  readonly name: string;
  /** The first phone as the CRM has it written, or null. */
  readonly primaryPhone: string | null;
  readonly primaryEmail: string | null;
  readonly phoneCount: number;
}

export interface ContactSearchResult {
  readonly total: number;
  readonly items: readonly ContactListItem[];
}

export type ChannelKind = 'phone' | 'email' | 'im';

export interface ContactChannel {
  readonly kind: ChannelKind;
  /** As written in the CRM. */
  readonly value: string;
  /** E.164 for phones that parse, lower-case for e-mails, else null. */
  readonly normalized: string | null;
  /** The CRM's enum_code (MOB, WORK, PRIV, TELEGRAM...), or null. */
  readonly typeCode: string | null;
}

export interface ContactDetail {
  readonly accountId: number;
  readonly id: number;
  readonly name: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly responsibleUserId: number | null;
  /** Unix seconds, as the CRM reports them. */
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly channels: readonly ContactChannel[];
}

export interface Device {
  readonly id: string;
  readonly name: string;
  readonly platform: DevicePlatform;
  readonly createdAt: number;
}

/** The counts the design's CLI contract names for `export --json`. */
export interface ExportResult {
  readonly delivered: number;
  readonly new: number;
  readonly updated: number;
  readonly skippedNoPhone: number;
  readonly skippedByCap: number;
  readonly skippedByRights: number;
  /** Slots left under the iOS cap, or null where there is no cap. */
  readonly capRemaining: number | null;
  /** The absolute path of the written .vcf. */
  readonly file: string;
}
