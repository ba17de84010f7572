/**
 * Schema 9: text every reader can read (issue 19). Mirrors written before the CRM's JSON was
 * cleaned at the door (lib/well-formed.ts) may hold a lone UTF-16 surrogate (a broken emoji)
 * as better-sqlite3 wrote it: the invalid UTF-8 bytes ED A0..BF xx, which SQLite's
 * functions, FTS5, the sqlite3 shell and backup tools read as garbage. Every such sequence
 * in every text column of every ordinary table becomes U+FFFD (EF BF BD), as a fresh sync
 * would now store it. Triggers keep the search index in step; the stored export cards are
 * rendered again at open (their format number changed with this release).
 *
 * Self-contained on purpose: it names no table and imports nothing of today's code, so it
 * means the same whatever later versions do. It reads only rows whose bytes hold an 0xED.
 */
import type Database from 'better-sqlite3';
import type { Migration } from './migration';

/** `ED` then a continuation in A0..BF: the 3-byte form of a surrogate, never valid UTF-8. */
function repairSurrogateBytes(bytes: Buffer): Buffer | null {
  let changed = false;
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    const next = bytes[i + 1] ?? 0;
    const last = bytes[i + 2] ?? 0;
    if (byte === 0xed && next >= 0xa0 && next <= 0xbf && last >= 0x80 && last <= 0xbf) {
      out.push(0xef, 0xbf, 0xbd);
      i += 2;
      changed = true;
    } else out.push(byte);
  }
  return changed ? Buffer.from(out) : null;
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function repairTable(db: Database.Database, table: string): void {
  const columns = (db.prepare(`PRAGMA table_info(${quote(table)})`).all() as Array<{ name: string; type: string }>)
    .filter((column) => /TEXT|CHAR|CLOB/i.test(column.type) || column.type === '')
    .map((column) => column.name);
  for (const column of columns) {
    const bad = db
      .prepare(
        `SELECT DISTINCT CAST(${quote(column)} AS BLOB) FROM ${quote(table)}
         WHERE typeof(${quote(column)}) = 'text' AND instr(CAST(${quote(column)} AS BLOB), X'ED') > 0`,
      )
      .pluck()
      .all() as Buffer[];
    const update = db.prepare(
      `UPDATE ${quote(table)} SET ${quote(column)} = CAST(? AS TEXT) WHERE CAST(${quote(column)} AS BLOB) = ?`,
    );
    for (const bytes of bad) {
      const repaired = repairSurrogateBytes(bytes);
      if (repaired) update.run(repaired, bytes);
    }
  }
}

export const migration0009WellFormedText: Migration = {
  version: 9,
  name: '0009-well-formed-text',
  up(db) {
    // Ordinary tables only: a virtual table (FTS5) and its shadow tables follow their triggers.
    const tables = db
      .prepare(
        `SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'`,
      )
      .pluck()
      .all() as string[];
    for (const table of tables) repairTable(db, table);
  },
};
