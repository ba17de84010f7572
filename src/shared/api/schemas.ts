/**
 * One zod schema per API verb: the only shape of input any face accepts.
 *
 * Every face (IPC, browser-mode HTTP, CLI) parses its untrusted input with these before
 * the core sees it. Schemas are strict: unknown keys are refused, not ignored, so a typo
 * in a caller fails loudly instead of silently doing the default.
 */
import { z } from 'zod';
import type { ApiVerb } from './verbs';

export const accountIdSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const contactIdSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const deviceIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a device id');
export const devicePlatformSchema = z.enum(['ios', 'android', 'file']);

export const cardDavProviderSchema = z.enum(['icloud', 'google', 'yandex', 'nextcloud', 'fastmail', 'custom']);

const empty = z.object({}).strict();
const httpUrlSchema = z
  .string()
  .trim()
  .min(1)
  .max(2048)
  .regex(/^https?:\/\//i, 'an http(s):// address');

const ipv4Schema = z
  .string()
  .regex(/^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/, 'an IPv4 address');
/** adb serials: letters, digits and the few marks emulators and network devices use. */
const usbSerialSchema = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, 'a USB serial');
const handoffIdSchema = z.string().regex(/^[a-f0-9]{16}$/, 'a handoff id');

/** What an export (or its preview) takes: device, accounts, period, responsible-user filter. */
const exportSelection = z.object({
  deviceId: deviceIdSchema,
  accountId: accountIdSchema.optional(),
  /** R4, first export only: 7d, 30d, 90d, 180d, 365d, all, or YYYY-MM-DD. */
  period: z.string().trim().min(1).max(20).optional(),
  /** R8: only contacts where I am the responsible user. */
  onlyMine: z.boolean().default(false),
  /** R8: only contacts of these responsible users. */
  responsible: z.array(z.number().int().positive()).max(1000).optional(),
});

export const apiInputSchemas = {
  getAppInfo: empty,
  listAccounts: empty,
  addAccountWithToken: z
    .object({
      baseUrl: z.string().trim().min(1).max(2048),
      token: z.string().trim().min(1).max(16_384),
    })
    .strict(),
  addAccountWithCode: z
    .object({
      baseUrl: z.string().trim().min(1).max(2048),
      clientId: z.string().trim().min(1).max(200),
      clientSecret: z.string().trim().min(1).max(1000),
      code: z.string().trim().min(1).max(16_384),
      redirectUri: z.string().trim().min(1).max(2048),
    })
    .strict(),
  connectWithOAuth: z
    .object({
      /** Which consent site: amoCRM (Russia), Kommo, or a custom one (the sandbox). */
      product: z.enum(['amocrm', 'kommo', 'custom']),
      consentBaseUrl: z.string().trim().min(1).max(2048).optional(),
      clientId: z.string().trim().min(1).max(200),
      clientSecret: z.string().trim().min(1).max(1000),
      redirectUri: z.string().trim().min(1).max(2048),
    })
    .strict(),
  completeOAuthConsent: z
    .object({
      requestId: z.string().regex(/^[a-f0-9]{16}$/, 'a sign-in id'),
      /** The address amoCRM sent the browser to; absent: the person gave up. */
      redirectedTo: z.string().trim().min(1).max(8192).optional(),
    })
    .strict(),
  connectDemoAccount: empty,
  removeAccount: z.object({ accountId: accountIdSchema }).strict(),
  syncAccounts: z.object({ accountId: accountIdSchema.optional() }).strict(),
  cancelSync: empty,
  reconcileAccount: z.object({ accountId: accountIdSchema }).strict(),
  searchContacts: z
    .object({
      accountId: accountIdSchema.optional(),
      query: z.string().max(200).default(''),
      offset: z.number().int().min(0).max(10_000_000).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    })
    .strict(),
  lookupPhone: z.object({ phone: z.string().trim().min(1).max(64) }).strict(),
  getContact: z.object({ accountId: accountIdSchema, contactId: contactIdSchema }).strict(),
  listDevices: empty,
  addDevice: z
    .object({
      name: z.string().trim().min(1).max(100),
      platform: devicePlatformSchema,
    })
    .strict(),
  renameDevice: z.object({ deviceId: deviceIdSchema, name: z.string().trim().min(1).max(100) }).strict(),
  removeDevice: z.object({ deviceId: deviceIdSchema }).strict(),
  previewExport: exportSelection.strict(),
  exportToFile: exportSelection
    .extend({
      format: z.enum(['vcard3', 'vcard4']).default('vcard3'),
      /** Absolute path of the .vcf to write; omitted means "a new file in Downloads". */
      outPath: z.string().min(1).max(4096).optional(),
    })
    .strict(),
  resetExport: z.object({ deviceId: deviceIdSchema, accountId: accountIdSchema }).strict(),
  addCardDavDevice: z
    .object({
      name: z.string().trim().min(1).max(100),
      provider: cardDavProviderSchema.default('custom'),
      /** Needed for custom, Nextcloud and other self-hosted servers; the provider's own otherwise. */
      serverUrl: httpUrlSchema.optional(),
      username: z.string().trim().min(1).max(320),
      /** The provider's app password: kept in the secret store, never in the mirror. */
      password: z.string().min(1).max(1024),
    })
    .strict(),
  connectGoogleCardDav: z
    .object({
      name: z.string().trim().min(1).max(100),
      /** The Google account's address (shown in the device list). */
      username: z.string().trim().min(1).max(320),
      /** The OAuth client of a Google Cloud project (a "Desktop app" client): configuration. */
      clientId: z.string().trim().min(1).max(300),
      clientSecret: z.string().trim().min(1).max(300).optional(),
      /** Stand-ins for tests; Google's own endpoints by default. */
      authorizeUrl: httpUrlSchema.optional(),
      tokenUrl: httpUrlSchema.optional(),
      serverUrl: httpUrlSchema.optional(),
    })
    .strict(),
  exportToCardDav: exportSelection.strict(),
  getCardDavSetup: z.object({ deviceId: deviceIdSchema }).strict(),
  listLanAddresses: empty,
  chooseLanAddress: z.object({ address: ipv4Schema }).strict(),
  listUsbDevices: empty,
  startHandoff: exportSelection
    .extend({
      /** lan: a QR code on the local network; usb: an Android phone on a cable (adb). */
      route: z.enum(['lan', 'usb']).default('lan'),
      /** lan: the address to put in the QR code (one of listLanAddresses); default: the best one. */
      address: ipv4Schema.optional(),
      /** usb: which phone; default: the only one connected. */
      serial: usbSerialSchema.optional(),
    })
    .strict(),
  cancelHandoff: z.object({ handoffId: handoffIdSchema }).strict(),
  listDeviceOverview: empty,
  listExportRuns: z
    .object({ deviceId: deviceIdSchema.optional(), limit: z.number().int().min(1).max(500).default(100) })
    .strict(),
  listResponsibleUsers: z.object({ accountId: accountIdSchema }).strict(),
} as const satisfies Record<ApiVerb, z.ZodType>;

export type ApiInputSchemas = typeof apiInputSchemas;
/** What a caller may send (defaults still optional). */
export type ApiInput<V extends ApiVerb> = z.input<ApiInputSchemas[V]>;
/** What a handler receives, after parsing (defaults filled in). */
export type ApiParsedInput<V extends ApiVerb> = z.output<ApiInputSchemas[V]>;
