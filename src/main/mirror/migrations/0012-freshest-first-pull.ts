/**
 * Schema 12: the first pull walks the account freshest first (issue 17), so that an export
 * whose window has arrived can run before the rest of the account. Two columns say how far:
 *
 * - `full_pull_order`: the order the unfinished pull's page cursor belongs to. NULL on rows
 *   written before this version: a pull stopped halfway then resumes in its own order (by id),
 *   never in another one whose pages would not line up.
 * - `full_pull_floor`: every contact updated after this moment (the CRM's Unix seconds) is in
 *   the mirror; NULL while unknown (nothing pulled yet, a pull by id, or a CRM that did not
 *   keep the order it was asked for).
 */
import type { Migration } from './migration';

export const migration0012FreshestFirstPull: Migration = {
  version: 12,
  name: '0012-freshest-first-pull',
  up(db) {
    db.exec(`
      ALTER TABLE sync_state ADD COLUMN full_pull_order TEXT
        CHECK (full_pull_order IS NULL OR full_pull_order IN ('id-asc', 'updated-desc'));
      ALTER TABLE sync_state ADD COLUMN full_pull_floor INTEGER;
    `);
  },
};
