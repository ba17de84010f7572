/**
 * A device's remembered export choices (schema 11), per account scope: 0 stands for "all
 * accounts" in the table, null in the API.
 */
import { z } from 'zod';
import type { ExportChoice } from '../../shared/api/types';
import { checkedRows } from './checked-rows';
import type { MirrorDb } from './mirror-db';

const choiceRowSchema = z.object({
  accountScope: z.number().int().nonnegative(),
  onlyMine: z.union([z.literal(0), z.literal(1)]),
  responsible: z.string(),
  savedAt: z.number(),
});
const responsibleSchema = z.array(z.number().int().positive());

export function saveExportChoice(db: MirrorDb, deviceId: string, choice: ExportChoice): void {
  db.prepare(
    `INSERT INTO export_choices (device_id, account_scope, only_mine, responsible, saved_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (device_id, account_scope) DO UPDATE SET
       only_mine = excluded.only_mine, responsible = excluded.responsible, saved_at = excluded.saved_at`,
  ).run(
    deviceId,
    choice.accountId ?? 0,
    choice.onlyMine ? 1 : 0,
    JSON.stringify(choice.onlyMine ? [] : choice.responsible),
    choice.savedAt,
  );
}

export function listExportChoices(db: MirrorDb, deviceId: string): ExportChoice[] {
  const rows = db
    .prepare(
      `SELECT account_scope AS accountScope, only_mine AS onlyMine, responsible, saved_at AS savedAt
       FROM export_choices WHERE device_id = ? ORDER BY saved_at DESC, account_scope`,
    )
    .all(deviceId);
  return checkedRows(choiceRowSchema, rows, 'export_choices').map((row) => {
    let responsible: number[] = [];
    try {
      responsible = responsibleSchema.parse(JSON.parse(row.responsible));
    } catch {
      // A list this version cannot read means "everyone" would be wrong: keep "only mine" instead.
      return { accountId: row.accountScope || null, onlyMine: true, responsible: [], savedAt: row.savedAt };
    }
    return { accountId: row.accountScope || null, onlyMine: row.onlyMine === 1, responsible, savedAt: row.savedAt };
  });
}
