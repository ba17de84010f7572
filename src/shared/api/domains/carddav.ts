/** CardDAV accounts (iCloud, Google, Yandex, Nextcloud...): connecting one, its phone set-up, exporting into it. */
import { z } from 'zod';
import type { CardDavProvider, Device } from './devices';
import type { ExportPreview } from './export';
import { cardDavProviderSchema, deviceIdSchema, exportSelection, httpUrlSchema } from './fields';
import { verb } from './verb';

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

/** The carddav verbs: each one's input schema and what it answers. */
export const carddavVerbs = {
  addCardDavDevice: verb(
    z
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
  ).returns<CardDavDeviceAdded>(),
  connectGoogleCardDav: verb(
    z
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
  ).returns<CardDavDeviceAdded>(),
  exportToCardDav: verb(exportSelection.strict()).returns<CardDavExportResult>(),
  getCardDavSetup: verb(z.object({ deviceId: deviceIdSchema }).strict()).returns<CardDavSetup>(),
} as const;
