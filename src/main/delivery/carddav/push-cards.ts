/**
 * Sending a plan's cards to the server, a few at a time (hosted servers answer many
 * parallel PUTs with 500/503: carddav.md), each recorded in the manifest and the ledger the
 * moment the server confirms it (R15). A sync killed at any point has recorded exactly the
 * cards the server confirmed; run again, it sends the rest, and a card the server stored
 * just before the kill is found by its fixed name (`<uid>.vcf`) and replaced, not doubled.
 */

import { contactUid } from '../../export/card-from-mirror';
import type { OutgoingCard } from '../../export/carddav-cards';
import { confirmedCardWriter, type ManifestRow } from '../../mirror/carddav-repo';
import type { MirrorDb } from '../../mirror/mirror-db';
import { writeCard } from './card-writes';
import type { DavClient } from './dav-client';

/** 2-4 is what hosted servers tolerate; Radicale gains nothing from more (carddav.md). */
export const defaultConcurrency = 3;

export interface PushRequest {
  readonly client: DavClient;
  readonly db: MirrorDb;
  readonly deviceId: string;
  /** Per CRM account: the book's URL and its manifest (contact id -> href, etag). */
  readonly books: ReadonlyMap<number, { readonly url: string; readonly manifest: ReadonlyMap<number, ManifestRow> }>;
  readonly cards: readonly OutgoingCard[];
  readonly concurrency?: number;
  readonly now: () => number;
  readonly onConfirmed?: (done: number) => void;
}

export interface PushOutcome {
  readonly written: number;
  readonly conflicts: number;
}

/** A card's resource name: its UID's UUID (never the contact's name, so hostile names cannot reach a URL). */
export function cardFileName(accountId: number, contactId: number): string {
  return `${contactUid(accountId, contactId).slice('urn:uuid:'.length)}.vcf`;
}

export async function pushCards(request: PushRequest): Promise<PushOutcome> {
  const confirm = confirmedCardWriter(request.db, request.deviceId);
  let next = 0;
  let written = 0;
  let conflicts = 0;
  let failure: unknown = null;

  async function worker(): Promise<void> {
    // After a failure no new card starts; those in flight finish and are recorded.
    while (failure === null && next < request.cards.length) {
      const card = request.cards[next++] as OutgoingCard;
      const book = request.books.get(card.accountId);
      if (!book) throw new Error(`no address book for account ${card.accountId}`);
      const known = book.manifest.get(card.contactId);
      const href = known?.href ?? new URL(cardFileName(card.accountId, card.contactId), book.url).href;
      try {
        const result = await writeCard(request.client, {
          href,
          body: card.card.toString('utf8'),
          etag: known ? known.etag : undefined,
        });
        confirm(
          { accountId: card.accountId, contactId: card.contactId, href, etag: result.etag, ledger: card.ledger },
          request.now(),
        );
        written++;
        conflicts += result.conflicts;
        request.onConfirmed?.(written);
      } catch (error) {
        failure ??= error;
      }
    }
  }

  const workers = Math.max(1, Math.min(request.concurrency ?? defaultConcurrency, 8));
  await Promise.all(Array.from({ length: workers }, () => worker()));
  if (failure !== null) throw failure;
  return { written, conflicts };
}
