/** What each device holds by the ledger, and the history of export runs. */
import { z } from 'zod';
import type { Device } from './devices';
import type { ExportCounts } from './export';
import { deviceIdSchema, empty } from './fields';
import { verb } from './verb';

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

/** The history verbs: each one's input schema and what it answers. */
export const historyVerbs = {
  listDeviceOverview: verb(empty).returns<readonly DeviceOverview[]>(),
  listExportRuns: verb(
    z.object({ deviceId: deviceIdSchema.optional(), limit: z.number().int().min(1).max(500).default(100) }).strict(),
  ).returns<readonly ExportRun[]>(),
} as const;
