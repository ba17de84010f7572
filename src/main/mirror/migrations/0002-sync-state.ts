/**
 * Schema 2: where each account's sync stands, so a sync killed at any point resumes.
 *
 * A full pull records the next page to fetch in the same transaction as the page it just
 * wrote; the watermark (the CRM's clock when the last complete pull began) bounds the
 * next incremental pull; the events cursor says which deletions were already applied.
 * All times are the CRM server's Unix seconds, never this computer's clock.
 */
import type { Migration } from './migration';

export const migration0002SyncState: Migration = {
  version: 2,
  name: '0002-sync-state',
  up(db) {
    db.exec(`
      CREATE TABLE sync_state (
        account_id INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
        full_pull_done INTEGER NOT NULL DEFAULT 0 CHECK (full_pull_done IN (0, 1)),
        full_pull_started_at INTEGER,
        full_pull_next_page INTEGER,
        watermark INTEGER,
        events_cursor INTEGER,
        reconciled_at INTEGER
      ) STRICT;
    `);
  },
};
