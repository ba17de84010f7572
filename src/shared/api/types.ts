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

/**
 * The contacts "export" right as amoCRM names it (R7): all, own group, only where the user
 * is responsible, denied; or unknown when the CRM would not tell us (non-admin users
 * cannot read their own rights) and the export side falls back to "only mine".
 */
export type ExportRight = 'all' | 'group' | 'responsible' | 'denied' | 'unknown';
export type AuthKind = 'long-lived' | 'oauth' | 'demo';

export interface AccountSummary {
  /** amoCRM's account id: the key of everything, since a subdomain can be renamed. */
  readonly id: number;
  readonly name: string;
  readonly subdomain: string;
  readonly baseUrl: string;
  readonly isDemo: boolean;
  readonly currentUserId: number;
  readonly authKind: AuthKind;
  readonly exportRight: ExportRight;
  /** True or false when known; null when the CRM did not say. */
  readonly isAdmin: boolean | null;
  readonly contactCount: number;
  readonly contactsWithPhone: number;
  /** Unix milliseconds of the last completed sync, or null before the first. */
  readonly lastSyncedAt: number | null;
}

export interface SyncAccountResult {
  readonly accountId: number;
  /** 'full' on a first (or resumed) pull, 'incremental' afterwards. */
  readonly mode: 'full' | 'incremental';
  /** Contacts written to the mirror by this sync (new or changed). */
  readonly contacts: number;
  /** Contacts removed because the CRM reported them deleted. */
  readonly deleted: number;
  readonly pages: number;
  readonly durationMs: number;
}

export interface ReconcileResult {
  readonly accountId: number;
  /** Contacts the CRM no longer shows this user (deleted, or no longer visible), removed from the mirror. */
  readonly removed: number;
  /** Contacts the CRM shows that the mirror lacked, added. */
  readonly added: number;
  readonly checked: number;
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

export interface PhoneLookupResult {
  /** The number as asked. */
  readonly query: string;
  /** Its E.164 form, when it parses. */
  readonly normalized: string | null;
  /** 'e164' when the whole number matched; 'last7' for amoCRM's last-seven-digits fallback. */
  readonly matchedBy: 'e164' | 'last7' | 'none';
  readonly matches: readonly ContactListItem[];
}

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
