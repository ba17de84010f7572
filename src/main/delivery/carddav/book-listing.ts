/**
 * Bringing the manifest up to date with the server before writing: what changed in the
 * book since the last export (sync-collection, RFC 6578, where the server offers it; a
 * full ETag listing otherwise, or when the server says the token is no longer valid).
 *
 * A card of ours deleted on the server (the user removed it on the phone) leaves the
 * manifest, so a later update creates it again; a card edited there takes the server's ETag,
 * so the next in-place write is a conditional PUT against what is really there (the CRM is
 * the source of truth: its version replaces the phone's edit).
 */

import { dropManifestRow, readManifest, saveSyncToken, updateManifestEtag } from '../../mirror/carddav-repo';
import type { MirrorDb } from '../../mirror/mirror-db';
import { type DavClient, refused } from './dav-client';

export interface ListingOutcome {
  /** 'sync': sync-collection; 'full': a whole listing (first time, or the token was refused). */
  readonly mode: 'sync' | 'full';
  /** Our cards the server no longer has. */
  readonly gone: number;
  /** Our cards someone else changed. */
  readonly changed: number;
}

interface Entry {
  readonly href: string;
  /** null: deleted (sync-collection's 404). */
  readonly etag: string | null;
}

export async function refreshManifest(
  client: DavClient,
  db: MirrorDb,
  deviceId: string,
  accountId: number,
  book: { url: string; syncToken: string | null },
): Promise<ListingOutcome> {
  let mode: ListingOutcome['mode'] = 'sync';
  let listing = book.syncToken ? await syncChanges(client, book.url, book.syncToken) : null;
  if (!listing) {
    mode = 'full';
    listing = await fullListing(client, book.url);
  }
  const manifest = readManifest(db, deviceId, accountId);
  const byHref = new Map([...manifest.values()].map((row) => [row.href, row]));
  let gone = 0;
  let changed = 0;
  db.transaction(() => {
    const seen = new Set<string>();
    for (const entry of listing.entries) {
      const href = new URL(entry.href, book.url).href;
      seen.add(href);
      const row = byHref.get(href);
      if (!row) continue;
      if (entry.etag === null) {
        dropManifestRow(db, deviceId, href);
        gone++;
      } else if (entry.etag !== row.etag) {
        updateManifestEtag(db, deviceId, href, entry.etag);
        changed++;
      }
    }
    // A full listing names every card there: ours that it does not name are gone.
    if (mode === 'full') {
      for (const row of manifest.values()) {
        if (!seen.has(row.href)) {
          dropManifestRow(db, deviceId, row.href);
          gone++;
        }
      }
    }
    saveSyncToken(db, deviceId, accountId, listing.token);
  })();
  return { mode, gone, changed };
}

/** Changes since `token`, or null when the server will not say (token expired, no support). */
async function syncChanges(
  client: DavClient,
  url: string,
  token: string,
): Promise<{ entries: Entry[]; token: string | null } | null> {
  const responses = await client.syncCollection({ url, props: { 'd:getetag': {} }, syncLevel: 1, syncToken: token });
  const bookPath = new URL(url).pathname;
  // The request itself refused (403/409 with DAV:valid-sync-token, RFC 6578 3.2; or a server
  // without the report): the answer is about the book, not a member of it.
  const refusedAsWhole = responses.some(
    (response) =>
      (response.status ?? 0) >= 400 && (!response.href || new URL(response.href, url).pathname === bookPath),
  );
  if (refusedAsWhole || responses.length === 0) return null;
  const first = responses[0];
  const newToken = (first?.raw as { multistatus?: { syncToken?: string } } | undefined)?.multistatus?.syncToken;
  const entries: Entry[] = [];
  for (const response of responses) {
    // Nothing changed: one pseudo-entry without an href.
    if (!response.href) continue;
    if (response.status === 404) entries.push({ href: response.href, etag: null });
    else entries.push({ href: response.href, etag: etagOf(response.props) });
  }
  return { entries, token: newToken ?? null };
}

/** Every card's ETag in the book (Depth 1), and a fresh sync token taken before it. */
async function fullListing(client: DavClient, url: string): Promise<{ entries: Entry[]; token: string | null }> {
  const head = await client.propfind({ url, props: { 'd:sync-token': {} }, depth: '0' });
  if (!head[0]?.ok) throw refused('reading the address book', head[0]?.status ?? 0, url);
  const token = (head[0].props?.['syncToken'] as string | undefined) ?? null;
  const responses = await client.propfind({ url, props: { 'd:getetag': {} }, depth: '1' });
  const bookPath = new URL(url).pathname;
  const entries: Entry[] = [];
  for (const response of responses) {
    if (!response.href || new URL(response.href, url).pathname === bookPath) continue;
    entries.push({ href: response.href, etag: etagOf(response.props) });
  }
  return { entries, token: typeof token === 'string' ? token : null };
}

function etagOf(props: Record<string, unknown> | undefined): string | null {
  const etag = props?.['getetag'];
  return typeof etag === 'string' ? etag : etag === undefined || etag === null ? null : String(etag);
}
