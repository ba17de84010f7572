/** The account's groups and field definitions, refreshed at each sync (see migration 0003). */
import type { ResponsibleUser } from '../../shared/api/types';
import type { CrmUser, FieldDefinition } from '../model/people';
import { checkedRows } from './checked-rows';
import { responsibleUserSchema } from './contact-rows';
import type { MirrorDb } from './mirror-db';

export function replaceGroups(
  db: MirrorDb,
  accountId: number,
  groups: ReadonlyArray<{ id: number; name: string }>,
): void {
  db.transaction(() => {
    db.prepare('DELETE FROM crm_groups WHERE account_id = ?').run(accountId);
    const insert = db.prepare('INSERT INTO crm_groups (account_id, id, name) VALUES (?, ?, ?)');
    for (const group of groups) insert.run(accountId, group.id, group.name);
  })();
}

export function replaceFields(db: MirrorDb, accountId: number, fields: readonly FieldDefinition[]): void {
  db.transaction(() => {
    db.prepare('DELETE FROM crm_fields WHERE account_id = ?').run(accountId);
    const insertField = db.prepare('INSERT INTO crm_fields (account_id, id, code, name) VALUES (?, ?, ?, ?)');
    const insertEnum = db.prepare(
      'INSERT OR REPLACE INTO crm_field_enums (account_id, field_id, id, value) VALUES (?, ?, ?, ?)',
    );
    for (const field of fields) {
      insertField.run(accountId, field.id, field.code, field.name);
      for (const entry of field.enums) insertEnum.run(accountId, field.id, entry.id, entry.value);
    }
  })();
}

/** The account's users by name (null: this user may not list them; the names kept stay). */
export function replaceUsers(db: MirrorDb, accountId: number, users: readonly CrmUser[] | null): void {
  if (users === null) return;
  db.transaction(() => {
    db.prepare('DELETE FROM crm_users WHERE account_id = ?').run(accountId);
    const insert = db.prepare('INSERT INTO crm_users (account_id, id, name, group_id) VALUES (?, ?, ?, ?)');
    for (const user of users) insert.run(accountId, user.id, user.name, user.groupId);
  })();
}

/** Everyone responsible for a contact with a phone in the mirror, most contacts first. */
export function listResponsibleUsers(db: MirrorDb, accountId: number): ResponsibleUser[] {
  const rows = db
    .prepare(
      `SELECT c.responsible_user_id AS id, u.name AS name, count(*) AS contacts
       FROM contacts c LEFT JOIN crm_users u ON u.account_id = c.account_id AND u.id = c.responsible_user_id
       WHERE c.account_id = ? AND c.responsible_user_id IS NOT NULL AND c.phone_count > 0
       GROUP BY c.responsible_user_id ORDER BY contacts DESC, id`,
    )
    .all(accountId);
  return checkedRows(responsibleUserSchema, rows, 'contacts');
}
