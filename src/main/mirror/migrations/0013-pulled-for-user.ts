/**
 * Schema 13: a first pull may ask only for the contacts of one responsible user (issue 21:
 * someone who may export only their own contacts needs no others, and a team of twenty then
 * no longer scans the whole account twenty times). `pulled_for_user_id` says whose: the
 * user the mirror's first pull was filtered by (`filter[responsible_user_id]`), kept after
 * the pull is done; NULL for every pull before this version and every unfiltered one, whose
 * mirror holds every contact the user may see. When the user's rights widen, a non-NULL value
 * is how the sync knows the mirror lacks contacts and pulls the account again.
 */
import type { Migration } from './migration';

export const migration0013PulledForUser: Migration = {
  version: 13,
  name: '0013-pulled-for-user',
  up(db) {
    db.exec(`
      ALTER TABLE sync_state ADD COLUMN pulled_for_user_id INTEGER
        CHECK (pulled_for_user_id IS NULL OR pulled_for_user_id > 0);
    `);
  },
};
