/**
 * CardDAV targets in the mirror (migration 7): the target, its address books, and the
 * manifest of the cards it holds. The manifest and the ledger are written together, card by
 * card, only once the server confirmed the card (R15): a sync killed half-way leaves both
 * saying exactly what the server has, and the next export sends the rest.
 */
import { z } from 'zod';
import type { CardDavProvider, CardDavTarget } from '../../shared/api/types';
import type { TelForm } from '../phones/tel-form';
import { checkedRows } from './checked-rows';
import type { MirrorDb } from './mirror-db';

export interface TargetRecord extends CardDavTarget {
  readonly deviceId: string;
  /** The addressbook-home-set discovery found. */
  readonly homeUrl: string;
  /** How this server keeps a number's extension (read back at the first export), or null: not yet known. */
  readonly telForm?: TelForm | null;
}

export interface BookRecord {
  readonly deviceId: string;
  readonly accountId: number;
  readonly url: string;
  /** Made by the app (MKCOL): deleting the export deletes the book. */
  readonly owned: boolean;
  readonly syncToken: string | null;
}

const manifestRowSchema = z.object({ contactId: z.number().int(), href: z.string(), etag: z.string().nullable() });

export interface ManifestRow {
  readonly contactId: number;
  readonly href: string;
  readonly etag: string | null;
}

export function saveTarget(db: MirrorDb, target: TargetRecord): void {
  db.prepare(
    `INSERT INTO carddav_targets (device_id, provider, server_url, username, auth, home_url, own_book)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    target.deviceId,
    target.provider,
    target.serverUrl,
    target.username,
    target.auth,
    target.homeUrl,
    target.ownBook ? 1 : 0,
  );
}

export function getTarget(db: MirrorDb, deviceId: string): TargetRecord | null {
  const row = db
    .prepare(
      `SELECT device_id AS deviceId, provider, server_url AS serverUrl, username, auth, home_url AS homeUrl,
         own_book AS ownBook, tel_form AS telForm FROM carddav_targets WHERE device_id = ?`,
    )
    .get(deviceId) as (Omit<TargetRecord, 'ownBook'> & { ownBook: number; provider: CardDavProvider }) | undefined;
  return row ? { ...row, ownBook: row.ownBook === 1 } : null;
}

/** Records the form the server was seen to keep a number's extension in. */
export function saveTelForm(db: MirrorDb, deviceId: string, form: TelForm): void {
  db.prepare('UPDATE carddav_targets SET tel_form = ? WHERE device_id = ?').run(form, deviceId);
}

export function getBook(db: MirrorDb, deviceId: string, accountId: number): BookRecord | null {
  const row = db
    .prepare(
      `SELECT device_id AS deviceId, account_id AS accountId, url, owned, sync_token AS syncToken
       FROM carddav_books WHERE device_id = ? AND account_id = ?`,
    )
    .get(deviceId, accountId) as (Omit<BookRecord, 'owned'> & { owned: number }) | undefined;
  return row ? { ...row, owned: row.owned === 1 } : null;
}

export function saveBook(db: MirrorDb, book: BookRecord): void {
  db.prepare(
    `INSERT INTO carddav_books (device_id, account_id, url, owned, sync_token) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (device_id, account_id) DO UPDATE SET url = excluded.url, owned = excluded.owned,
       sync_token = excluded.sync_token`,
  ).run(book.deviceId, book.accountId, book.url, book.owned ? 1 : 0, book.syncToken);
}

export function saveSyncToken(db: MirrorDb, deviceId: string, accountId: number, token: string | null): void {
  db.prepare('UPDATE carddav_books SET sync_token = ? WHERE device_id = ? AND account_id = ?').run(
    token,
    deviceId,
    accountId,
  );
}

export function readManifest(db: MirrorDb, deviceId: string, accountId: number): Map<number, ManifestRow> {
  const rows = db
    .prepare('SELECT contact_id AS contactId, href, etag FROM carddav_manifest WHERE device_id = ? AND account_id = ?')
    .all(deviceId, accountId);
  return new Map(checkedRows(manifestRowSchema, rows, 'carddav_manifest').map((row) => [row.contactId, row]));
}

export function manifestCount(db: MirrorDb, deviceId: string): number {
  return db.prepare('SELECT count(*) FROM carddav_manifest WHERE device_id = ?').pluck().get(deviceId) as number;
}

/** What the server told a listing: the card's ETag changed (someone edited it) or it is gone. */
export function updateManifestEtag(db: MirrorDb, deviceId: string, href: string, etag: string | null): void {
  db.prepare('UPDATE carddav_manifest SET etag = ? WHERE device_id = ? AND href = ?').run(etag, deviceId, href);
}

export function dropManifestRow(db: MirrorDb, deviceId: string, href: string): void {
  db.prepare('DELETE FROM carddav_manifest WHERE device_id = ? AND href = ?').run(deviceId, href);
}

/** A card the server confirmed: its manifest row and its ledger entry, in one transaction (R15). */
export interface ConfirmedCard {
  readonly accountId: number;
  readonly contactId: number;
  readonly href: string;
  readonly etag: string | null;
  /** The ledger entry the card carries: JSON [name, [[kind, key, value, normalized, typeCode], ...]]. */
  readonly ledger: string;
}

/** Returns a writer that records confirmed cards, statements prepared once. */
export function confirmedCardWriter(db: MirrorDb, deviceId: string): (card: ConfirmedCard, nowMs: number) => void {
  const manifest = db.prepare(
    `INSERT INTO carddav_manifest (device_id, account_id, contact_id, href, etag) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (device_id, account_id, contact_id) DO UPDATE SET href = excluded.href, etag = excluded.etag`,
  );
  // The same semantics as commitStaged (export-staging-repo.ts): the name is replaced, the
  // channels only ever grow (R9, R10), and of two with the same key the first stays.
  const ledger = db.prepare(
    `INSERT INTO export_ledger (device_id, account_id, contact_id, name, first_delivered_at, last_delivered_at)
     VALUES (@deviceId, @accountId, @contactId, @ledger ->> 0, @nowMs, @nowMs)
     ON CONFLICT (device_id, account_id, contact_id) DO UPDATE
       SET name = excluded.name, last_delivered_at = excluded.last_delivered_at`,
  );
  const channels = db.prepare(
    `INSERT OR IGNORE INTO export_ledger_channels (device_id, account_id, contact_id, kind, key, value, normalized, type_code)
     SELECT @deviceId, @accountId, @contactId, c.value ->> 0, c.value ->> 1, c.value ->> 2, c.value ->> 3, c.value ->> 4
     FROM json_each(@ledger, '$[1]') c`,
  );
  return db.transaction((card: ConfirmedCard, nowMs: number) => {
    manifest.run(deviceId, card.accountId, card.contactId, card.href, card.etag);
    const params = { deviceId, accountId: card.accountId, contactId: card.contactId, ledger: card.ledger, nowMs };
    ledger.run(params);
    channels.run(params);
  });
}

/** R4: once every card of an account is confirmed, later exports start from this mark. */
export function writeMark(
  db: MirrorDb,
  deviceId: string,
  accountId: number,
  mark: { since: number; period: string },
  nowMs: number,
): void {
  db.prepare(
    `INSERT INTO export_marks (device_id, account_id, since, period, first_exported_at, last_exported_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (device_id, account_id) DO UPDATE SET since = excluded.since, last_exported_at = excluded.last_exported_at`,
  ).run(deviceId, accountId, mark.since, mark.period, nowMs, nowMs);
}

/** R6: the target's record of an account's cards and book goes with the ledger. */
export function forgetAccountOnTarget(db: MirrorDb, deviceId: string, accountId: number): void {
  db.prepare('DELETE FROM carddav_manifest WHERE device_id = ? AND account_id = ?').run(deviceId, accountId);
  db.prepare('DELETE FROM carddav_books WHERE device_id = ? AND account_id = ?').run(deviceId, accountId);
}
