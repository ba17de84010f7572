/**
 * The core's store: the mirror (mirror/database.ts) with the export's stored cards kept in
 * step with its contacts (export/stored-cards-table.ts). Composed here, above both, so the
 * mirror depends on no layer above it. Everything that syncs or exports opens the mirror
 * through this; a test of the mirror alone may open it bare.
 */
import { attachStoredCards } from '../export/stored-cards-table';
import { closeMirror, type OpenMirrorOptions, openMirror } from '../mirror/database';
import type { MirrorDb } from '../mirror/mirror-db';

export function openStore(path: string, options: OpenMirrorOptions = {}): MirrorDb {
  const db = openMirror(path, options);
  try {
    attachStoredCards(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

export const closeStore = closeMirror;
