/** The user's phones, files and CardDAV accounts: what an export can be sent to. */
import { z } from 'zod';
import { deviceIdSchema, devicePlatformSchema, empty } from './fields';
import { verb } from './verb';

/** What `addDevice` adds: a phone or a file target. */
export type DevicePlatform = 'ios' | 'android' | 'file';

/** What a device in the list can be: those, or a CardDAV account (added with its credentials). */
export type TargetPlatform = DevicePlatform | 'carddav';

/** Who runs a CardDAV account: each has its own address, sign-in and limits (carddav.md). */
export type CardDavProvider = 'icloud' | 'google' | 'yandex' | 'nextcloud' | 'fastmail' | 'custom';

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

/** The devices verbs: each one's input schema and what it answers. */
export const devicesVerbs = {
  listDevices: verb(empty).returns<readonly Device[]>(),
  addDevice: verb(
    z
      .object({
        name: z.string().trim().min(1).max(100),
        platform: devicePlatformSchema,
      })
      .strict(),
  ).returns<Device>(),
  renameDevice: verb(
    z.object({ deviceId: deviceIdSchema, name: z.string().trim().min(1).max(100) }).strict(),
  ).returns<Device>(),
  removeDevice: verb(z.object({ deviceId: deviceIdSchema }).strict()).returns<{ readonly removed: boolean }>(),
} as const;
