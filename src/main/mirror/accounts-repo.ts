/** The connected accounts, keyed on amoCRM's account id. */

import { z } from 'zod';
import type { AccountSummary, AuthKind, ExportRight } from '../../shared/api/types';
import type { RightLetter, UserRights } from '../model/rights';
import { checkedRow, checkedRows } from './checked-rows';
import type { MirrorDb } from './mirror-db';

export interface AccountRecord {
  readonly id: number;
  readonly name: string;
  readonly subdomain: string;
  readonly baseUrl: string;
  readonly country: string | null;
  readonly currentUserId: number;
  readonly isDemo: boolean;
  readonly authKind: AuthKind;
  readonly connectedAt: number;
  readonly lastSyncedAt: number | null;
  /** The last rights the CRM reported; null letter = unknown (see migration 0003). */
  readonly exportLetter: RightLetter | null;
  readonly isAdmin: boolean | null;
  readonly groupId: number | null;
  /** The team mirror this computer pulls the account from, when the invitation named one (migration 0014). */
  readonly teamMirror: TeamMirrorAddress | null;
}

export interface TeamMirrorAddress {
  /** `https://<address>:<port>` on the office network. */
  readonly url: string;
  /** SHA-256 of its certificate, the only one trusted at that address. */
  readonly fingerprint: string;
}

const accountRowSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  subdomain: z.string(),
  base_url: z.string(),
  country: z.string().nullable(),
  current_user_id: z.number().int(),
  is_demo: z.number(),
  auth_kind: z.enum(['long-lived', 'oauth', 'demo']) satisfies z.ZodType<AuthKind>,
  connected_at: z.number(),
  last_synced_at: z.number().nullable(),
  export_right: z.enum(['A', 'G', 'M', 'D']).nullable() satisfies z.ZodType<RightLetter | null>,
  is_admin: z.number().nullable(),
  current_user_group_id: z.number().nullable(),
  team_mirror_url: z.string().nullable(),
  team_mirror_fingerprint: z.string().nullable(),
});
type AccountRow = z.infer<typeof accountRowSchema>;

function fromRow(row: AccountRow): AccountRecord {
  return {
    id: row.id,
    name: row.name,
    subdomain: row.subdomain,
    baseUrl: row.base_url,
    country: row.country,
    currentUserId: row.current_user_id,
    isDemo: row.is_demo === 1,
    authKind: row.auth_kind,
    connectedAt: row.connected_at,
    lastSyncedAt: row.last_synced_at,
    exportLetter: row.export_right,
    isAdmin: row.is_admin === null ? null : row.is_admin === 1,
    groupId: row.current_user_group_id,
    teamMirror:
      row.team_mirror_url !== null && row.team_mirror_fingerprint !== null
        ? { url: row.team_mirror_url, fingerprint: row.team_mirror_fingerprint }
        : null,
  };
}

const rightNames: Readonly<Record<RightLetter, ExportRight>> = { A: 'all', G: 'group', M: 'responsible', D: 'denied' };

export function exportRightOf(account: Pick<AccountRecord, 'exportLetter'>): ExportRight {
  return account.exportLetter ? rightNames[account.exportLetter] : 'unknown';
}

/** Inserts or refreshes an account; a renamed subdomain simply updates the row. */
export type NewAccount = Omit<AccountRecord, 'lastSyncedAt' | 'exportLetter' | 'isAdmin' | 'groupId' | 'teamMirror'>;

/**
 * Inserts or refreshes an account. A renamed subdomain or a reconnection simply updates the
 * row: everything is keyed on the account id, so the mirror and devices' history stay.
 */
export function saveAccount(db: MirrorDb, account: NewAccount): void {
  db.prepare(
    `INSERT INTO accounts (id, name, subdomain, base_url, country, current_user_id, is_demo, auth_kind, connected_at)
     VALUES (@id, @name, @subdomain, @baseUrl, @country, @currentUserId, @isDemo, @authKind, @connectedAt)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, subdomain = excluded.subdomain,
       base_url = excluded.base_url, country = excluded.country,
       current_user_id = excluded.current_user_id, is_demo = excluded.is_demo, auth_kind = excluded.auth_kind`,
  ).run({ ...account, isDemo: account.isDemo ? 1 : 0 });
}

/** Where this computer pulls the account from instead of amoCRM (null: from amoCRM itself). */
export function setTeamMirror(db: MirrorDb, id: number, mirror: TeamMirrorAddress | null): void {
  db.prepare('UPDATE accounts SET team_mirror_url = ?, team_mirror_fingerprint = ? WHERE id = ?').run(
    mirror?.url ?? null,
    mirror?.fingerprint ?? null,
    id,
  );
}

export function setAccountBaseUrl(db: MirrorDb, id: number, baseUrl: string): void {
  db.prepare('UPDATE accounts SET base_url = ? WHERE id = ?').run(baseUrl, id);
}

export function saveRights(db: MirrorDb, id: number, rights: UserRights, at: number): void {
  db.prepare(
    'UPDATE accounts SET export_right = ?, is_admin = ?, current_user_group_id = ?, rights_checked_at = ? WHERE id = ?',
  ).run(
    rights.known ? rights.exportLetter : null,
    rights.known ? (rights.isAdmin ? 1 : 0) : null,
    rights.known ? rights.groupId : null,
    at,
    id,
  );
}

export function getAccount(db: MirrorDb, id: number): AccountRecord | null {
  const row = db.prepare('SELECT * FROM accounts WHERE id = ?').get(id);
  return row === undefined ? null : fromRow(checkedRow(accountRowSchema, row, 'accounts'));
}

export function listAccountRecords(db: MirrorDb): AccountRecord[] {
  const rows = db.prepare('SELECT * FROM accounts ORDER BY is_demo, name, id').all();
  return checkedRows(accountRowSchema, rows, 'accounts').map(fromRow);
}

export function listAccountSummaries(db: MirrorDb): AccountSummary[] {
  const counts = db.prepare(
    `SELECT count(*) AS total, coalesce(sum(phone_count > 0), 0) AS withPhone FROM contacts WHERE account_id = ?`,
  );
  const userName = db.prepare('SELECT name FROM crm_users WHERE account_id = ? AND id = ?').pluck();
  return listAccountRecords(db).map((account) => {
    const { total, withPhone } = counts.get(account.id) as { total: number; withPhone: number };
    return {
      id: account.id,
      name: account.name,
      subdomain: account.subdomain,
      baseUrl: account.baseUrl,
      isDemo: account.isDemo,
      currentUserId: account.currentUserId,
      currentUserName: (userName.get(account.id, account.currentUserId) as string | undefined) ?? null,
      authKind: account.authKind,
      exportRight: exportRightOf(account),
      isAdmin: account.isAdmin,
      contactCount: total,
      contactsWithPhone: withPhone,
      lastSyncedAt: account.lastSyncedAt,
    };
  });
}

export function markAccountSynced(db: MirrorDb, id: number, at: number): void {
  db.prepare('UPDATE accounts SET last_synced_at = ? WHERE id = ?').run(at, id);
}

/** Removes the account and, through the foreign keys, its whole mirror. */
export function deleteAccount(db: MirrorDb, id: number): boolean {
  return db.prepare('DELETE FROM accounts WHERE id = ?').run(id).changes > 0;
}
