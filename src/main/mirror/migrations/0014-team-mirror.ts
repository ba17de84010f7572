/**
 * Schema 14: the team mirror (issue 21, item 3). One computer keeps the account's mirror for
 * the whole team and answers the colleagues' apps as amoCRM would; the colleagues' apps, in
 * turn, remember where it is.
 *
 * On the team mirror's side:
 * - `team_mirror_accounts`: the accounts this mirror serves to colleagues, and the address it
 *   serves at (for the invitation, made maybe by another process). Only for these do the
 *   triggers below write anything: an ordinary mirror pays nothing.
 * - `contact_departures`: contacts that left someone's view, which a colleague's app must hear
 *   of to drop them from its own mirror (and, for one given to a colleague, to fetch it):
 *   deleted, given to another responsible user or group (`reassigned`, with who had it before),
 *   or back again after a deletion (`restored`). amoCRM reports these as events; the team
 *   mirror serves them as events too (team/mirror-as-api.ts). Each is stamped with the account's
 *   watermark + 1 when it is written: a colleague's app reads events from what the team mirror
 *   last told it (its watermark, the HTTP Date of its answers), so a stamp never falls behind a
 *   colleague's cursor, whatever the two computers' clocks say. No foreign key: a departure
 *   written while an account is being removed must not fail the removal; stale rows of a
 *   removed account are pruned by the team mirror.
 *
 * On a colleague's side:
 * - `accounts.team_mirror_url` and `accounts.team_mirror_fingerprint`: the team mirror from the
 *   invitation, and the SHA-256 fingerprint of its certificate, the only one trusted there.
 * - `sync_state.full_pull_source`: the origin an unfinished first pull's pages came from. The
 *   team mirror's pages hold only what the colleague may export, amoCRM's everything they may
 *   see: page 7 of one is not page 7 of the other, so a pull resumes only where it began, and
 *   starts over when the app pulls from the other one.
 */
import type { Migration } from './migration';

const stamp = (row: string) =>
  `coalesce((SELECT s.watermark FROM sync_state s WHERE s.account_id = ${row}.account_id), 0) + 1`;
const served = (row: string) => `EXISTS (SELECT 1 FROM team_mirror_accounts t WHERE t.account_id = ${row}.account_id)`;

export const migration0014TeamMirror: Migration = {
  version: 14,
  name: '0014-team-mirror',
  up(db) {
    db.exec(`
      CREATE TABLE team_mirror_accounts (
        account_id INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
        enabled_at INTEGER NOT NULL,
        url TEXT
      ) STRICT;

      CREATE TABLE contact_departures (
        seq INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL,
        contact_id INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('deleted', 'reassigned', 'restored')),
        -- Who had the contact before (deleted, reassigned); NULL for a restored one.
        responsible_user_id INTEGER,
        group_id INTEGER,
        stamp INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX contact_departures_by_stamp ON contact_departures (account_id, stamp);
      CREATE INDEX contact_departures_by_contact ON contact_departures (account_id, contact_id);

      CREATE TRIGGER contacts_departed_on_delete AFTER DELETE ON contacts WHEN ${served('old')} BEGIN
        INSERT INTO contact_departures (account_id, contact_id, kind, responsible_user_id, group_id, stamp)
        VALUES (old.account_id, old.id, 'deleted', old.responsible_user_id, old.group_id, ${stamp('old')});
      END;
      CREATE TRIGGER contacts_departed_on_reassign AFTER UPDATE OF responsible_user_id, group_id ON contacts
        WHEN (old.responsible_user_id IS NOT new.responsible_user_id OR old.group_id IS NOT new.group_id)
          AND ${served('new')}
      BEGIN
        INSERT INTO contact_departures (account_id, contact_id, kind, responsible_user_id, group_id, stamp)
        VALUES (new.account_id, new.id, 'reassigned', old.responsible_user_id, old.group_id, ${stamp('new')});
      END;
      CREATE TRIGGER contacts_returned_after_delete AFTER INSERT ON contacts
        WHEN ${served('new')} AND EXISTS (SELECT 1 FROM contact_departures d
          WHERE d.account_id = new.account_id AND d.contact_id = new.id AND d.kind = 'deleted')
      BEGIN
        INSERT INTO contact_departures (account_id, contact_id, kind, responsible_user_id, group_id, stamp)
        VALUES (new.account_id, new.id, 'restored', NULL, NULL, ${stamp('new')});
      END;

      ALTER TABLE sync_state ADD COLUMN full_pull_source TEXT;
      ALTER TABLE accounts ADD COLUMN team_mirror_url TEXT;
      ALTER TABLE accounts ADD COLUMN team_mirror_fingerprint TEXT
        CHECK ((team_mirror_url IS NULL) = (team_mirror_fingerprint IS NULL));
    `);
  },
};
