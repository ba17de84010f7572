/**
 * Rows as SQLite gives them, checked rather than cast: a value the types do not know (a
 * delivery added to a table's CHECK but not to ExportDelivery, a platform a newer version
 * wrote) fails here with the table's name, instead of reaching the window as a wrong type.
 */
import type { z } from 'zod';
import { AppError } from '../../shared/errors';

export function checkedRows<T>(schema: z.ZodType<T>, rows: readonly unknown[], table: string): T[] {
  return rows.map((row) => checkedRow(schema, row, table));
}

export function checkedRow<T>(schema: z.ZodType<T>, row: unknown, table: string): T {
  const parsed = schema.safeParse(row);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.join('.') || 'row';
  throw new AppError(
    'DB_CORRUPT',
    `The local database has a ${table} row this version cannot read (${where}: ${issue?.message ?? 'invalid'}); it was left untouched`,
    { table, field: where },
  );
}
