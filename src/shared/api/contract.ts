/**
 * The typed API, declared once. The core implements `Api`; every face serves it; the
 * renderer talks to an `ApiClient` and cannot tell which face it runs in.
 */
import type { Envelope } from '../errors';
import type { ApiEventOf, ApiEventType, Unsubscribe } from './events';
import type { ApiInput, ApiParsedInput } from './schemas';
import type {
  AccountSummary,
  AppInfo,
  CardDavDeviceAdded,
  CardDavExportResult,
  CardDavSetup,
  ContactDetail,
  ContactSearchResult,
  Device,
  DeviceOverview,
  ExportPreview,
  ExportReset,
  ExportResult,
  ExportRun,
  HandoffStarted,
  LanAddress,
  LanAddressList,
  PhoneLookupResult,
  ReconcileResult,
  ResponsibleUser,
  SyncResult,
  UsbDevice,
} from './types';
import type { ApiVerb } from './verbs';

export interface ApiOutputs {
  getAppInfo: AppInfo;
  listAccounts: readonly AccountSummary[];
  addAccountWithToken: AccountSummary;
  addAccountWithCode: AccountSummary;
  connectWithOAuth: AccountSummary;
  completeOAuthConsent: { readonly accepted: boolean };
  connectDemoAccount: AccountSummary;
  removeAccount: { readonly removed: boolean };
  syncAccounts: SyncResult;
  cancelSync: { readonly cancelled: boolean };
  reconcileAccount: ReconcileResult;
  searchContacts: ContactSearchResult;
  lookupPhone: PhoneLookupResult;
  getContact: ContactDetail;
  listDevices: readonly Device[];
  addDevice: Device;
  renameDevice: Device;
  removeDevice: { readonly removed: boolean };
  previewExport: ExportPreview;
  exportToFile: ExportResult;
  resetExport: ExportReset;
  addCardDavDevice: CardDavDeviceAdded;
  connectGoogleCardDav: CardDavDeviceAdded;
  exportToCardDav: CardDavExportResult;
  getCardDavSetup: CardDavSetup;
  listLanAddresses: LanAddressList;
  chooseLanAddress: LanAddress;
  listUsbDevices: readonly UsbDevice[];
  startHandoff: HandoffStarted;
  cancelHandoff: { readonly cancelled: boolean };
  listDeviceOverview: readonly DeviceOverview[];
  listExportRuns: readonly ExportRun[];
  listResponsibleUsers: readonly ResponsibleUser[];
}

// A compile-time check that every verb has an output type and no output is orphaned.
type AssertSameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never]
  ? true
  : never;
export const outputsCoverVerbs: AssertSameKeys<ApiOutputs, Record<ApiVerb, unknown>> = true;

/** What the core implements: each verb receives parsed, validated input. */
export type ApiHandlers = {
  [V in ApiVerb]: (input: ApiParsedInput<V>) => Promise<ApiOutputs[V]>;
};

/** What a face's client offers the renderer: raw input, typed output, and events. */
export type ApiClient = {
  [V in ApiVerb]: (input: ApiInput<V>) => Promise<ApiOutputs[V]>;
} & {
  on<T extends ApiEventType>(type: T, listener: (event: ApiEventOf<T>) => void): Unsubscribe;
};

/**
 * What the Electron preload exposes on `window.amoPhonebook`: one function per verb that
 * resolves to an envelope (errors cannot keep their fields across contextBridge), plus
 * `on` for events. The renderer's IPC client unwraps the envelopes into an `ApiClient`.
 */
export type PreloadBridge = {
  [V in ApiVerb]: (input: ApiInput<V>) => Promise<Envelope<ApiOutputs[V]>>;
} & {
  on<T extends ApiEventType>(type: T, listener: (event: ApiEventOf<T>) => void): Unsubscribe;
};

/** The name of the global the preload defines. */
export const preloadGlobalName = 'amoPhonebook';
