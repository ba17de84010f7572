/**
 * What the API returns. Plain, readonly, JSON-serializable data: it crosses IPC and HTTP.
 */

export type Face = 'electron' | 'browser' | 'cli';
/** What `addDevice` adds: a phone or a file target. */
export type DevicePlatform = 'ios' | 'android' | 'file';
/** What a device in the list can be: those, or a CardDAV account (added with its credentials). */
export type TargetPlatform = DevicePlatform | 'carddav';
/** Who runs a CardDAV account: each has its own address, sign-in and limits (carddav.md). */
export type CardDavProvider = 'icloud' | 'google' | 'yandex' | 'nextcloud' | 'fastmail' | 'custom';

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
  /** Who you are in the account, when the mirror knows the name (administrators list users). */
  readonly currentUserName: string | null;
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
  /** The responsible user's name, when the mirror knows it (only administrators may list users). */
  readonly responsibleUserName: string | null;
  /** The devices that have received this contact, and when. */
  readonly deliveries: readonly ContactDelivery[];
}

export interface ContactDelivery {
  readonly deviceId: string;
  readonly deviceName: string;
  readonly platform: DevicePlatform;
  /** Unix milliseconds. */
  readonly firstDeliveredAt: number;
  readonly lastDeliveredAt: number;
}

export interface Device {
  readonly id: string;
  readonly name: string;
  readonly platform: TargetPlatform;
  readonly createdAt: number;
  /** Where a CardDAV target lives (platform 'carddav' only; its password is never here). */
  readonly carddav?: CardDavTarget;
}

/** A CardDAV address-book account the export writes into. */
export interface CardDavTarget {
  readonly provider: CardDavProvider;
  /** The address the user gave (or the provider's), before discovery. */
  readonly serverUrl: string;
  readonly username: string;
  /** 'password': an app password; 'oauth': Google's sign-in. */
  readonly auth: 'password' | 'oauth';
  /**
   * True where the export lives in an address book of its own ("amoCRM ...", one per CRM
   * account), so deleting the export is one request; false where the server allows only
   * its default book (iCloud, Google, Yandex) and cards are deleted one by one.
   */
  readonly ownBook: boolean;
}

/** How to make the contacts appear on the phones, for one CardDAV target. */
export interface CardDavSetup {
  readonly provider: CardDavProvider;
  readonly iphone: readonly string[];
  readonly android: readonly string[];
  /** An iPhone configuration profile (.mobileconfig XML) for a self-hosted server, else null. */
  readonly mobileconfig: string | null;
}

export interface CardDavDeviceAdded {
  readonly device: Device;
  readonly setup: CardDavSetup;
}

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
  /** Slots left under the iOS cap after this export, or null where there is no cap. */
  readonly capRemaining: number | null;
}

export interface ExportAccountCounts extends ExportCounts {
  readonly accountId: number;
  /** True on the first export of this account to this device (R4 asks for a period). */
  readonly first: boolean;
  readonly exportRight: ExportRight;
  /** Contacts of this account on the device once this export is delivered. */
  readonly deviceTotal: number;
}

/** What an export would do, before anything is delivered. */
export interface ExportPreview extends ExportCounts {
  readonly deviceId: string;
  /** new + updated: the contacts that would be delivered. */
  readonly delivered: number;
  readonly accounts: readonly ExportAccountCounts[];
  readonly warnings: readonly ExportWarning[];
}

/** The counts the design's CLI contract names for `export --json`, and the file. */
export interface ExportResult extends ExportPreview {
  readonly format: ExportFormat;
  /** The absolute path of the written .vcf. */
  readonly file: string;
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

/** An export delivered into a CardDAV account. */
export interface CardDavExportResult extends ExportPreview {
  /** Cards written to the server by this export (new ones and in-place updates). */
  readonly written: number;
  /** Cards the server said were changed by someone else (a stale ETag): re-read and written again. */
  readonly conflicts: number;
  /** HTTP requests this export sent to the server. */
  readonly requests: number;
  /** The address books written to. */
  readonly books: readonly string[];
  /**
   * What the server changed in the card read back at the first export to it, in one plain
   * line ("… changed a phone number (…) in the card it stored"), or null when it kept all.
   */
  readonly serverChanged: string | null;
}

/** An address of this computer that a phone on the same network may reach. */
export interface LanAddress {
  readonly address: string;
  readonly interfaceName: string;
  /** Its network ("192.168.1.0/24"): a choice is remembered per network. */
  readonly network: string;
}

export interface LanAddressList {
  /** Best first: the first is what a QR code uses unless the user picks another. */
  readonly addresses: readonly LanAddress[];
}

export type UsbDeviceState = 'device' | 'unauthorized' | 'offline' | 'no-permissions' | 'unknown';

export interface UsbDevice {
  readonly serial: string;
  readonly state: UsbDeviceState;
  readonly model: string | null;
}

export type HandoffRoute = 'lan' | 'usb';

/** A handoff waiting for the phone: what the desktop shows (QR, check code, time left). */
export interface HandoffStarted {
  readonly handoffId: string;
  readonly route: HandoffRoute;
  /** What the QR code carries (the key is in the fragment). */
  readonly url: string;
  /** The QR code as an SVG document. */
  readonly qrSvg: string;
  /** The six digits both screens show. */
  readonly checkCode: string;
  /** Unix milliseconds. */
  readonly expiresAt: number;
  readonly address: string;
  readonly port: number;
  /** usb: the phone the page was opened on. */
  readonly serial: string | null;
  readonly preview: ExportPreview;
}

export type HandoffPhase =
  /** No phone yet (or it dropped off and may come back). */
  | 'waiting'
  | 'connected'
  /** The sealed contacts went to the phone; waiting for its acknowledgement. */
  | 'sent'
  /** The phone could not open them (tampered on the way, or a wrong QR). */
  | 'phone-failed'
  /** Acknowledged and recorded (R15): the end. */
  | 'delivered'
  | 'expired'
  | 'cancelled'
  /** Acknowledged but the record failed: the next export sends them again. */
  | 'failed';

/** What one device holds of one account, by the ledger. */
export interface DeviceAccountState {
  readonly accountId: number;
  readonly accountName: string;
  /** Contacts of this account the device has received (and not reset since). */
  readonly contacts: number;
  /** Unix milliseconds. */
  readonly firstExportedAt: number;
  readonly lastExportedAt: number;
  /** iPhone: slots left under the 5,000 per account; null elsewhere. */
  readonly capRemaining: number | null;
}

export interface DeviceOverview {
  readonly device: Device;
  readonly accounts: readonly DeviceAccountState[];
  readonly lastRun: ExportRun | null;
}

/** How a run delivered: a file, the QR handoff, the USB handoff, or straight into a CardDAV account. */
export type ExportDelivery = 'file' | 'lan' | 'usb' | 'carddav';
export type ExportOutcome = 'delivered' | 'failed' | 'cancelled';

/** One export run, whatever its outcome (the history). */
export interface ExportRun {
  readonly id: number;
  readonly deviceId: string;
  readonly deviceName: string;
  /** Unix milliseconds. */
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly delivery: ExportDelivery;
  readonly outcome: ExportOutcome;
  readonly delivered: number;
  /** The counts, for a delivered run. */
  readonly counts: ExportCounts | null;
  /** Why it did not deliver (expired, cancelled, an error's words), when it did not. */
  readonly reason: string | null;
}

export interface ResponsibleUser {
  readonly id: number;
  /** Null when the app may not read names (only administrators can list amoCRM users). */
  readonly name: string | null;
  /** Contacts with a phone this user is responsible for. */
  readonly contacts: number;
}
