/** Where each account's sync stands (see migrations 0002, 0012, 0013 and 0014). */
import { z } from 'zod';
import { checkedRow } from './checked-rows';
import type { MirrorDb } from './mirror-db';

export interface SyncState {
  readonly fullPullDone: boolean;
  /** The CRM's clock when the unfinished (or last) full pull began. */
  readonly fullPullStartedAt: number | null;
  /** The page an interrupted full pull resumes at; null when none is under way. */
  readonly fullPullNextPage: number | null;
  /** The order the unfinished full pull's pages follow; null: by id (a pull begun before schema 12). */
  readonly fullPullOrder: 'id-asc' | 'updated-desc' | null;
  /** During a freshest-first pull: every contact updated after this is in the mirror; null: unknown. */
  readonly fullPullFloor: number | null;
  /**
   * The responsible user the first pull asked for (`filter[responsible_user_id]`): the mirror
   * holds only their contacts, plus whatever later edits brought. Null: every contact the user sees.
   */
  readonly pulledForUserId: number | null;
  /** The origin the unfinished first pull's pages come from (amoCRM or a team mirror); null: none under way. */
  readonly fullPullSource: string | null;
  readonly watermark: number | null;
  readonly eventsCursor: number | null;
  readonly reconciledAt: number | null;
}

const syncStateRowSchema = z.object({
  full_pull_done: z.number(),
  full_pull_started_at: z.number().nullable(),
  full_pull_next_page: z.number().nullable(),
  full_pull_order: z.enum(['id-asc', 'updated-desc']).nullable(),
  full_pull_floor: z.number().nullable(),
  pulled_for_user_id: z.number().nullable(),
  full_pull_source: z.string().nullable(),
  watermark: z.number().nullable(),
  events_cursor: z.number().nullable(),
  reconciled_at: z.number().nullable(),
});

const empty: SyncState = {
  fullPullDone: false,
  fullPullStartedAt: null,
  fullPullNextPage: null,
  fullPullOrder: null,
  fullPullFloor: null,
  pulledForUserId: null,
  fullPullSource: null,
  watermark: null,
  eventsCursor: null,
  reconciledAt: null,
};

export function getSyncState(db: MirrorDb, accountId: number): SyncState {
  const found = db.prepare('SELECT * FROM sync_state WHERE account_id = ?').get(accountId);
  if (found === undefined) return empty;
  const row = checkedRow(syncStateRowSchema, found, 'sync_state');
  return {
    fullPullDone: row.full_pull_done === 1,
    fullPullStartedAt: row.full_pull_started_at,
    fullPullNextPage: row.full_pull_next_page,
    fullPullOrder: row.full_pull_order,
    fullPullFloor: row.full_pull_floor,
    pulledForUserId: row.pulled_for_user_id,
    fullPullSource: row.full_pull_source,
    watermark: row.watermark,
    eventsCursor: row.events_cursor,
    reconciledAt: row.reconciled_at,
  };
}

/**
 * A first pull from the start, over what the mirror has: every field of a pull under way back
 * to none; the cursors of later syncs (watermark, events, reconciliation) kept.
 */
export function restartFirstPull(db: MirrorDb, accountId: number): void {
  const { watermark: _watermark, eventsCursor: _eventsCursor, reconciledAt: _reconciledAt, ...firstPull } = empty;
  updateSyncState(db, accountId, firstPull);
}

/** Changes some fields; call inside the same transaction as the data they describe. */
export function updateSyncState(db: MirrorDb, accountId: number, patch: Partial<SyncState>): void {
  const next = { ...getSyncState(db, accountId), ...patch };
  db.prepare(
    `INSERT INTO sync_state (account_id, full_pull_done, full_pull_started_at, full_pull_next_page, full_pull_order,
       full_pull_floor, pulled_for_user_id, full_pull_source, watermark, events_cursor, reconciled_at)
     VALUES (@accountId, @fullPullDone, @fullPullStartedAt, @fullPullNextPage, @fullPullOrder, @fullPullFloor,
       @pulledForUserId, @fullPullSource, @watermark, @eventsCursor, @reconciledAt)
     ON CONFLICT (account_id) DO UPDATE SET full_pull_done = excluded.full_pull_done,
       full_pull_started_at = excluded.full_pull_started_at, full_pull_next_page = excluded.full_pull_next_page,
       full_pull_order = excluded.full_pull_order, full_pull_floor = excluded.full_pull_floor,
       pulled_for_user_id = excluded.pulled_for_user_id, full_pull_source = excluded.full_pull_source, watermark = excluded.watermark, events_cursor = excluded.events_cursor, reconciled_at = excluded.reconciled_at`,
  ).run({ ...next, accountId, fullPullDone: next.fullPullDone ? 1 : 0 });
}
