/**
 * A CardDAV target end to end: connecting it (discovery, the first check of the password),
 * delivering a plan into it, and deleting an export from it (R6).
 *
 * Where the server allows it, each CRM account's export lives in an address book of its own
 * (`amocrm-<account>/`, "amoCRM <account>"), made with MKCOL, so deleting the export is one
 * DELETE of that book. Where it does not (iCloud, Google, Yandex), the cards go into the
 * account's default book (with an Apple group card on iCloud, so they show as a group), and
 * deleting the export deletes them one by one from the manifest.
 */
import type { CardDavProvider } from '../../../shared/api/types';
import { AppError } from '../../../shared/errors';
import { isLoopbackHost } from '../../crm/base-url';
import { type OutgoingCard, planCards } from '../../export/carddav-cards';
import type { ExportPlan } from '../../export/plan-export';
import {
  type BookRecord,
  dropManifestRow,
  getBook,
  readManifest,
  saveBook,
  saveTelForm,
  type TargetRecord,
  writeMark,
} from '../../mirror/carddav-repo';
import type { MirrorDb } from '../../mirror/mirror-db';
import { providers } from '../../model/carddav-providers';
import { carddavTelForms, pauseOf, type TelForm } from '../../phones/tel-form';
import { appleGroupCard, groupFileName } from './apple-group';
import { refreshManifest } from './book-listing';
import { deleteCard } from './card-writes';
import {
  type DavClient,
  type DavCredentials,
  defaultBook,
  discoverHome,
  ensureOwnBook,
  hostOf,
  openDavClient,
  refused,
} from './dav-client';
import { createDavFetch, type DavFetchOptions } from './dav-fetch';
import { defaultConcurrency, type PushOutcome, pushCards } from './push-cards';
import { compareReadBack, describeDifferences, fetchServerCopy, hasExtension } from './read-back';

export interface TargetContext {
  readonly db: MirrorDb;
  readonly now: () => number;
  /** Timeouts and back-off; tests shorten them. */
  readonly http?: DavFetchOptions;
  readonly concurrency?: number;
}

/** The server address to start from: the user's, else the provider's own. */
export function serverUrlFor(provider: CardDavProvider, given: string | undefined): string {
  const url = given ?? providers[provider].serverUrl;
  if (!url) {
    throw new AppError('INVALID_INPUT', `${providers[provider].label} needs the server address (--url)`, {
      field: 'serverUrl',
      provider: providers[provider].label,
    });
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('INVALID_URL', `That is not a web address: ${url.slice(0, 200)}`, { field: 'serverUrl' });
  }
  // A password over plain http can be read by anyone on the network: only on this computer.
  if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname)) {
    throw new AppError(
      'INSECURE_URL',
      `${parsed.host} uses http:// without encryption: use its https:// address so the password stays private`,
      { host: parsed.host },
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new AppError('INVALID_URL', `Use an https:// address: ${url.slice(0, 200)}`, { field: 'serverUrl' });
  }
  return parsed.href;
}

/** Connects once, as `device add` does: discovery and a first look at the books (a wrong password fails here). */
export async function connectTarget(
  ctx: TargetContext,
  provider: CardDavProvider,
  serverUrl: string,
  credentials: DavCredentials,
): Promise<{ homeUrl: string }> {
  const http = createDavFetch(ctx.http);
  const client = await openDavClient(serverUrl, credentials, http);
  const homeUrl = await discoverHome(client, serverUrl);
  if (!providers[provider].ownBook) await defaultBook(client, homeUrl, providers[provider].defaultBookName);
  return { homeUrl };
}

export interface Delivered {
  readonly written: number;
  readonly conflicts: number;
  readonly requests: number;
  readonly books: string[];
  /**
   * What the server changed in the card read back at a first export (read-back.ts), in one
   * plain line, or null when it kept everything (or nothing was read back).
   */
  readonly serverChanged: string | null;
}

export interface DeliverOptions {
  readonly onProgress?: (phase: 'connecting' | 'checking' | 'sending' | 'done', done: number, total: number) => void;
}

/**
 * Delivers a plan: each account's book made or found, the manifest brought up to date, the
 * cards sent (each recorded as the server confirms it), then each account's mark (R4) and,
 * on iCloud's shared book, its group card.
 */
export async function deliverPlan(
  ctx: TargetContext,
  target: TargetRecord,
  credentials: DavCredentials,
  plan: ExportPlan,
  options: DeliverOptions = {},
): Promise<Delivered> {
  const progress = options.onProgress ?? (() => undefined);
  const http = createDavFetch(ctx.http);
  let form: TelForm = target.telForm ?? plainestForm;
  // One rendering per form: the read-back may try several, and the rest goes in the one kept.
  const rendered = new Map<TelForm, OutgoingCard[]>();
  const cardsIn = (tried: TelForm): OutgoingCard[] => {
    const known = rendered.get(tried);
    if (known) return known;
    const cards = planCards(ctx.db, plan, tried);
    rendered.set(tried, cards);
    return cards;
  };
  let cards = cardsIn(form);
  const touched = new Map<number, string>();
  if (cards.length > 0) {
    progress('connecting', 0, cards.length);
    const client = await openDavClient(target.homeUrl, credentials, http);
    const books = new Map<number, { url: string; manifest: ReturnType<typeof readManifest> }>();
    for (const delta of plan.deltas) {
      if (!cards.some((card) => card.accountId === delta.accountId)) continue;
      const label = plan.accountLabels.get(delta.accountId) ?? 'amoCRM';
      const book = await bookFor(ctx, client, target, delta.accountId, label);
      progress('checking', 0, cards.length);
      await refreshManifest(client, ctx.db, target.deviceId, delta.accountId, book);
      books.set(delta.accountId, { url: book.url, manifest: readManifest(ctx.db, target.deviceId, delta.accountId) });
      touched.set(delta.accountId, label);
    }
    progress('sending', 0, cards.length);
    const total = cards.length;
    const push = (some: readonly OutgoingCard[], before: number) =>
      pushCards({
        client,
        db: ctx.db,
        deviceId: target.deviceId,
        books: currentBooks(ctx, target.deviceId, books),
        cards: some,
        concurrency: ctx.concurrency ?? defaultConcurrency,
        now: ctx.now,
        onConfirmed: (done) => progress('sending', before + done, total),
      });
    let serverChanged: string | null = null;
    let first: PushOutcome = { written: 0, conflicts: 0 };
    let probed: OutgoingCard | undefined;
    if (!target.telForm) {
      // The first export to this server: one card sent alone and read back (read-back.ts).
      const found = await findKeptForm(ctx, client, cardsIn, target, books, push);
      ({ form, serverChanged, probed } = found);
      first = found.outcome;
      if (found.verified) saveTelForm(ctx.db, target.deviceId, form);
      cards = cardsIn(form);
    }
    const rest = probed ? cards.filter((card) => !sameContact(card, probed)) : cards;
    const pushed = await push(rest, first.written);
    await writeGroupCards(ctx, client, target, touched);
    writeMarks();
    progress('done', total, total);
    return {
      written: first.written + pushed.written,
      conflicts: first.conflicts + pushed.conflicts,
      requests: http.total(),
      books: [...books.values()].map((book) => book.url),
      serverChanged,
    };
  }
  writeMarks();
  progress('done', 0, 0);
  return { written: 0, conflicts: 0, requests: http.total(), books: [], serverChanged: null };

  function writeMarks(): void {
    // Every card confirmed: later exports start from this export's CRM time (R4).
    ctx.db.transaction(() => {
      for (const delta of plan.deltas) {
        const mark = plan.marks.get(delta.accountId);
        if (mark) writeMark(ctx.db, target.deviceId, delta.accountId, mark, ctx.now());
      }
    })();
  }
}

/** The form tried first, and kept where no form survives: its main number is kept by every server tried. */
const plainestForm: TelForm = carddavTelForms[0] ?? 'comma';

type BookMap = Map<number, { url: string; manifest: ReturnType<typeof readManifest> }>;

/** The books with their manifests read again: a card sent since has an href and ETag now. */
function currentBooks(ctx: TargetContext, deviceId: string, books: BookMap): BookMap {
  const current: BookMap = new Map();
  for (const [accountId, book] of books)
    current.set(accountId, { url: book.url, manifest: readManifest(ctx.db, deviceId, accountId) });
  return current;
}

function sameContact(a: OutgoingCard, b: OutgoingCard): boolean {
  return a.accountId === b.accountId && a.contactId === b.contactId;
}

interface KeptForm {
  readonly form: TelForm;
  /** A card with an extension was read back in this form unchanged. */
  readonly verified: boolean;
  readonly serverChanged: string | null;
  readonly probed: OutgoingCard | undefined;
  readonly outcome: PushOutcome;
}

/**
 * Sends one card (one with an extension where the plan has one) in each form of
 * carddavTelForms in turn, reads the server's copy back, and stops at the first form whose
 * numbers came back as sent. The card is a real one of the plan, recorded like any other.
 */
async function findKeptForm(
  ctx: TargetContext,
  client: DavClient,
  cardsIn: (form: TelForm) => readonly OutgoingCard[],
  target: TargetRecord,
  books: BookMap,
  push: (cards: readonly OutgoingCard[], before: number) => Promise<PushOutcome>,
): Promise<KeptForm> {
  const changes: string[] = [];
  let outcome: PushOutcome = { written: 0, conflicts: 0 };
  let probed: OutgoingCard | undefined;
  for (const form of carddavTelForms) {
    const cards = cardsIn(form);
    const pause = pauseOf(form);
    const withExtension = cards.find((card) => hasExtension(card.card.toString('utf8'), pause));
    probed = withExtension ?? cards[0];
    if (!probed) break;
    const result = await push([probed], 0);
    outcome = { written: result.written, conflicts: outcome.conflicts + result.conflicts };
    const book = books.get(probed.accountId);
    const row = readManifest(ctx.db, target.deviceId, probed.accountId).get(probed.contactId);
    const kept = book && row ? await fetchServerCopy(client, book.url, row.href) : null;
    if (kept === null) return { form, verified: false, serverChanged: null, probed, outcome };
    const differences = compareReadBack(probed.card.toString('utf8'), kept);
    const numbersKept = !differences.some((difference) => difference.field === 'number');
    const others = differences.filter((difference) => difference.field !== 'number');
    if (others.length > 0) changes.push(describeDifferences(hostOf(book?.url ?? target.homeUrl), others));
    if (numbersKept || !withExtension) {
      const line = changes.length > 0 ? changes.join('; ') : null;
      return { form, verified: Boolean(withExtension) && numbersKept, serverChanged: line, probed, outcome };
    }
    changes.push(
      `${describeDifferences(
        hostOf(book?.url ?? target.homeUrl),
        differences.filter((d) => d.field === 'number'),
      )}; the numbers are sent in another form`,
    );
  }
  // No form survived: the plainest, whose main number every server tried keeps.
  return { form: plainestForm, verified: false, serverChanged: changes.join('; ') || null, probed, outcome };
}

/** The account's book on this target: recorded, found again, made, or the default one. */
async function bookFor(
  ctx: TargetContext,
  client: DavClient,
  target: TargetRecord,
  accountId: number,
  label: string,
): Promise<BookRecord> {
  const known = getBook(ctx.db, target.deviceId, accountId);
  if (known && !known.owned) return known;
  if (target.ownBook) {
    // Made again if the user deleted it on the server (then the listing finds our cards gone).
    const url = await ensureOwnBook(client, target.homeUrl, accountId, label);
    if (url) {
      const book = { deviceId: target.deviceId, accountId, url, owned: true, syncToken: known?.syncToken ?? null };
      if (!known || known.url !== url) saveBook(ctx.db, book);
      return book;
    }
  }
  const book = {
    deviceId: target.deviceId,
    accountId,
    url: await defaultBook(client, target.homeUrl, providers[target.provider].defaultBookName),
    owned: false,
    syncToken: null,
  };
  saveBook(ctx.db, book);
  return book;
}

/**
 * iCloud's shared book: one group card per account listing every card we put there, so the
 * export shows as the group "amoCRM <account>". Written whole each time (it is ours alone).
 */
async function writeGroupCards(
  ctx: TargetContext,
  client: DavClient,
  target: TargetRecord,
  accounts: ReadonlyMap<number, string>,
): Promise<void> {
  if (!providers[target.provider].appleGroup) return;
  for (const [accountId, label] of accounts) {
    const book = getBook(ctx.db, target.deviceId, accountId);
    if (!book || book.owned) continue;
    const members = [...readManifest(ctx.db, target.deviceId, accountId).keys()];
    const url = new URL(groupFileName(accountId), book.url).href;
    const response = await client.updateObject({
      url,
      data: appleGroupCard(accountId, label, members),
      headers: { 'content-type': 'text/vcard; charset=utf-8' },
    });
    await response.body?.cancel();
    if (!response.ok) throw refused(`saving the group "${label}"`, response.status, url);
  }
}

/**
 * R6 on the server: the account's own book deleted in one request, or, in a shared book,
 * every card of the manifest (and the group card) one by one, each dropped from the
 * manifest as the server confirms it, so a reset that breaks off can simply be run again.
 * Returns the cards removed. The caller then clears the ledger.
 */
export async function removeFromServer(
  ctx: TargetContext,
  target: TargetRecord,
  credentials: DavCredentials,
  accountId: number,
): Promise<number> {
  const book = getBook(ctx.db, target.deviceId, accountId);
  const manifest = readManifest(ctx.db, target.deviceId, accountId);
  if (!book) return 0;
  const http = createDavFetch(ctx.http);
  const client = await openDavClient(target.homeUrl, credentials, http);
  if (book.owned) {
    const response = await client.deleteObject({ url: book.url });
    await response.body?.cancel();
    if (!response.ok && response.status !== 404)
      throw refused('deleting the amoCRM address book', response.status, book.url);
    return manifest.size;
  }
  const rows = [...manifest.values()];
  let next = 0;
  let removed = 0;
  const worker = async () => {
    while (next < rows.length) {
      const row = rows[next++];
      if (!row) break;
      if (await deleteCard(client, row.href, row.etag)) removed++;
      dropManifestRow(ctx.db, target.deviceId, row.href);
    }
  };
  await Promise.all(Array.from({ length: ctx.concurrency ?? defaultConcurrency }, worker));
  if (providers[target.provider].appleGroup)
    await deleteCard(client, new URL(groupFileName(accountId), book.url).href, null);
  return removed;
}
