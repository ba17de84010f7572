/**
 * Writing and deleting one card, never blindly:
 *
 * - a card the manifest does not know is created with `If-None-Match: *`, so it can never
 *   replace a card silently; a 412 means the card is there already (a sync killed after
 *   the server stored it but before we recorded it): its ETag is read and the card
 *   replaced in place, so a resumed sync makes no duplicate;
 * - a known card is replaced with `If-Match: <etag>`; a 412 means someone changed it since
 *   (a stale ETag): it is read again and the write retried against the new ETag;
 * - any other status is an error with the server's status, in plain words.
 */
import { AppError } from '../../../shared/errors';
import { type DavClient, hostOf, refused } from './dav-client';

/** How many times a card is read again after a 412 before giving up. */
const maxConflictRetries = 3;

export interface CardWrite {
  readonly href: string;
  readonly body: string;
  /** The manifest's ETag, or undefined when the manifest has no row (a new card). */
  readonly etag: string | null | undefined;
}

export interface CardWritten {
  readonly etag: string | null;
  /** 412s met and resolved on the way. */
  readonly conflicts: number;
}

export async function writeCard(client: DavClient, write: CardWrite): Promise<CardWritten> {
  let etag = write.etag;
  let conflicts = 0;
  for (;;) {
    const response =
      etag === undefined
        ? await client.createObject({
            url: write.href,
            data: write.body,
            headers: { 'content-type': 'text/vcard; charset=utf-8', 'If-None-Match': '*' },
          })
        : await client.updateObject({
            url: write.href,
            data: write.body,
            headers: { 'content-type': 'text/vcard; charset=utf-8' },
            // A null ETag (a server that gave none): an unconditional write of our own card.
            ...(etag === null ? {} : { etag }),
          });
    await response.body?.cancel();
    if (response.ok) {
      return { etag: response.headers.get('etag') ?? (await currentEtag(client, write.href)) ?? null, conflicts };
    }
    if (response.status !== 412) throw refused(`saving the card ${nameOf(write.href)}`, response.status, write.href);
    if (++conflicts > maxConflictRetries) throw conflict(write.href);
    // Re-read: its ETag now, or undefined when it is gone (then create it again).
    etag = await currentEtag(client, write.href);
  }
}

/** Deletes one card; a card already gone counts as deleted. Returns whether it was there. */
export async function deleteCard(client: DavClient, href: string, etag: string | null): Promise<boolean> {
  let current: string | null | undefined = etag;
  for (let attempt = 0; ; attempt++) {
    const response = await client.deleteObject({ url: href, ...(current ? { etag: current } : {}) });
    await response.body?.cancel();
    if (response.ok) return true;
    if (response.status === 404 || response.status === 410) return false;
    if (response.status !== 412) throw refused(`deleting the card ${nameOf(href)}`, response.status, href);
    if (attempt >= maxConflictRetries) throw conflict(href);
    current = await currentEtag(client, href);
    if (current === undefined) return false;
  }
}

/** The card's ETag on the server: undefined when it is not there, null when the server gives none. */
export async function currentEtag(client: DavClient, href: string): Promise<string | null | undefined> {
  const [response] = await client.propfind({ url: href, props: { 'd:getetag': {} }, depth: '0' });
  if (!response || response.status === 404) return undefined;
  if (!response.ok) throw refused(`reading the card ${nameOf(href)}`, response.status ?? 0, href);
  const etag = response.props?.['getetag'];
  return etag === undefined || etag === null ? null : String(etag);
}

function conflict(href: string): AppError {
  return new AppError(
    'CARDDAV_CONFLICT',
    `The card ${nameOf(href)} keeps changing on ${hostOf(href)} while we write it (another app is syncing it?): export again in a minute`,
    { host: hostOf(href) },
  );
}

function nameOf(href: string): string {
  return decodeURIComponent(new URL(href).pathname.split('/').filter(Boolean).at(-1) ?? href);
}
