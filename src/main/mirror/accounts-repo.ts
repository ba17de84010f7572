/** The connected accounts, keyed on amoCRM's account id. */
import type { AccountSummary } from '../../shared/api/types';
import type { MirrorDb } from './database';

export interface AccountRecord {
  readonly id: number;
  readonly name: string;
  readonly subdomain: string;
  readonly baseUrl: string;
  readonly country: string | null;
  readonly currentUserId: number;
  readonly isDemo: boolean;
  readonly connectedAt: number;
  readonly lastSyncedAt: number | null;
}

interface AccountRow {
  id: number;
  name: string;
  subdomain: string;
  base_url: string;
  country: string | null;
  current_user_id: number;
  is_demo: number;
  connected_at: number;
  last_synced_at: number | null;
}

function fromRow(row: AccountRow): AccountRecord {
  return {
    id: row.id,
    name: row.name,
    subdomain: row.subdomain,
    baseUrl: row.base_url,
    country: row.country,
    currentUserId: row.current_user_id,
    isDemo: row.is_demo === 1,
    connectedAt: row.connected_at,
    lastSyncedAt: row.last_synced_at,
  };
}

/** Inserts or refreshes an account; a renamed subdomain simply updates the row. */
export function saveAccount(db: MirrorDb, account: Omit<AccountRecord, 'lastSyncedAt'>): void {
  db.prepare(
    `INSERT INTO accounts (id, name, subdomain, base_url, country, current_user_id, is_demo, connected_at)
     VALUES (@id, @name, @subdomain, @baseUrl, @country, @currentUserId, @isDemo, @connectedAt)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, subdomain = excluded.subdomain,
       base_url = excluded.base_url, country = excluded.country,
       current_user_id = excluded.current_user_id, is_demo = excluded.is_demo`,
  ).run({ ...account, isDemo: account.isDemo ? 1 : 0 });
}

export function getAccount(db: MirrorDb, id: number): AccountRecord | null {
  const row = db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as AccountRow | undefined;
  return row ? fromRow(row) : null;
}

export function listAccountRecords(db: MirrorDb): AccountRecord[] {
  return (db.prepare('SELECT * FROM accounts ORDER BY is_demo, name, id').all() as AccountRow[]).map(fromRow);
}

export function listAccountSummaries(db: MirrorDb): AccountSummary[] {
  const counts = db.prepare(
    `SELECT count(*) AS total, coalesce(sum(phone_count > 0), 0) AS withPhone FROM contacts WHERE account_id = ?`,
  );
  return listAccountRecords(db).map((account) => {
    const { total, withPhone } = counts.get(account.id) as { total: number; withPhone: number };
    return {
      id: account.id,
      name: account.name,
      subdomain: account.subdomain,
      baseUrl: account.baseUrl,
      isDemo: account.isDemo,
      currentUserId: account.currentUserId,
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
