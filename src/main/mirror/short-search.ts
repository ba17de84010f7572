/**
 * Searches whose every fragment is shorter than the trigram index's three characters (what
 * people type first: "а", "ив", "79"). A LIKE scan of 100,000 rows per keystroke took 47 ms
 * at p95 (issue 17). Instead the search texts are kept in memory in the list's order (about
 * 10 MB at 100,000 contacts) and scanned with String.includes: the same substring match as
 * LIKE on the folded text, then the page is the matches' slice, already in order.
 *
 * The copy is read again when the mirror may have changed: SQLite's own counters say so,
 * `total_changes()` for this connection's writes (triggers and cascades included) and
 * `data_version` for another process's (the CLI beside the app). Reading it takes about
 * 230 ms at 100,000 contacts, more than the scan it replaces, so a search never waits for it:
 * while the copy is stale the caller answers with LIKE (as before), and the copy is read again
 * once the mirror has been quiet for a moment (not after every page of a running sync).
 */
import type { MirrorDb } from './mirror-db';

interface Snapshot {
  readonly version: string;
  readonly accounts: Int32Array;
  readonly ids: Float64Array;
  readonly texts: readonly string[];
}

const snapshots = new WeakMap<MirrorDb, Snapshot>();

function versionOf(db: MirrorDb): string {
  const changes = db.prepare('SELECT total_changes()').pluck().get() as number;
  return `${db.pragma('data_version', { simple: true })}:${changes}`;
}

/** How long the mirror must stay unchanged before its copy is read again. */
const quietMs = 400;
const pending = new WeakSet<MirrorDb>();

/** Reads the copy now (tests and benchmarks; the app waits for a quiet moment instead). */
export function readShortSearchCopy(db: MirrorDb): void {
  const version = versionOf(db);
  const rows = db
    .prepare(
      `SELECT c.account_id, c.id, c.search_text FROM contacts c INDEXED BY contacts_in_list_order
       ORDER BY c.name = '', c.name COLLATE NOCASE, c.account_id, c.id`,
    )
    .raw()
    .all() as Array<[number, number, string]>;
  snapshots.set(db, {
    version,
    accounts: Int32Array.from(rows, (row) => row[0]),
    ids: Float64Array.from(rows, (row) => row[1]),
    texts: rows.map((row) => row[2]),
  });
}

/** Whether short searches are answered from the copy right now (tests). */
export function hasCurrentShortSearchCopy(db: MirrorDb): boolean {
  return snapshots.get(db)?.version === versionOf(db);
}

/** The copy if it is current; else null, with a read scheduled for when the mirror is quiet. */
function currentSnapshot(db: MirrorDb): Snapshot | null {
  const version = versionOf(db);
  const cached = snapshots.get(db);
  if (cached?.version === version) return cached;
  if (!pending.has(db)) {
    pending.add(db);
    const readWhenQuiet = (seen: string) => {
      setTimeout(() => {
        if (!db.open) return pending.delete(db);
        const now = versionOf(db);
        if (now !== seen) return readWhenQuiet(now);
        pending.delete(db);
        readShortSearchCopy(db);
      }, quietMs).unref();
    };
    readWhenQuiet(version);
  }
  return null;
}

export interface ShortSearchPage {
  readonly total: number;
  /** The page's contacts as `[account_id, id]`, in list order. */
  readonly keys: ReadonlyArray<readonly [number, number]>;
}

/**
 * Contacts whose search text holds, for every group, one of its fragments (plain text, as
 * typed and folded: no wildcards). An empty group matches no one. Null while the copy is stale.
 */
export function shortSearch(
  db: MirrorDb,
  groups: readonly (readonly string[])[],
  options: { readonly accountId?: number | undefined; readonly offset: number; readonly limit: number },
): ShortSearchPage | null {
  const snapshot = currentSnapshot(db);
  if (!snapshot) return null;
  const { accounts, ids, texts } = snapshot;
  const keys: Array<readonly [number, number]> = [];
  const end = options.offset + options.limit;
  let total = 0;
  for (let i = 0; i < texts.length; i++) {
    if (options.accountId !== undefined && accounts[i] !== options.accountId) continue;
    const text = texts[i] as string;
    if (!groups.every((group) => group.some((fragment) => text.includes(fragment)))) continue;
    if (total >= options.offset && total < end) keys.push([accounts[i] as number, ids[i] as number]);
    total++;
  }
  return { total, keys };
}
