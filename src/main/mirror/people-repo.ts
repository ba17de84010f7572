/** The account's groups and field definitions, refreshed at each sync (see migration 0003). */
import type { FieldDefinition } from '../crm/fields-api';
import type { MirrorDb } from './database';

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
