/** Pulling accounts into the mirror, and the id reconciliation a user can run. */
import { z } from 'zod';
import { accountIdSchema, empty } from './fields';
import { verb } from './verb';

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

/** The sync verbs: each one's input schema and what it answers. */
export const syncVerbs = {
  syncAccounts: verb(z.object({ accountId: accountIdSchema.optional() }).strict()).returns<SyncResult>(),
  cancelSync: verb(empty).returns<{ readonly cancelled: boolean }>(),
  reconcileAccount: verb(z.object({ accountId: accountIdSchema }).strict()).returns<ReconcileResult>(),
} as const;
