/**
 * A CardDAV connection: tsdav with our fetch (dav-fetch.ts) and the target's credentials,
 * discovery (.well-known/carddav, current-user-principal, addressbook-home-set), and the
 * address book the export writes into.
 *
 * tsdav's writes return the Response instead of throwing, and its multistatus calls return
 * per-resource statuses: every caller here checks them.
 */
import { createDAVClient, type DAVAccount } from 'tsdav';
import { AppError } from '../../../shared/errors';
import type { DavFetch } from './dav-fetch';

export type DavClient = Awaited<ReturnType<typeof createDAVClient>>;

export type DavCredentials =
  | { readonly kind: 'password'; readonly username: string; readonly password: string }
  | { readonly kind: 'bearer'; readonly username: string; readonly accessToken: string };

export async function openDavClient(
  serverUrl: string,
  credentials: DavCredentials,
  http: DavFetch,
): Promise<DavClient> {
  return createDAVClient({
    serverUrl,
    credentials:
      credentials.kind === 'password'
        ? { username: credentials.username, password: credentials.password }
        : { accessToken: credentials.accessToken },
    authMethod: credentials.kind === 'password' ? 'Basic' : 'Bearer',
    fetch: http.fetch,
  });
}

/** Discovery: the account's addressbook-home-set (where its books live). */
export async function discoverHome(client: DavClient, serverUrl: string): Promise<string> {
  let account: DAVAccount;
  try {
    account = await client.createAccount({ account: { serverUrl, accountType: 'carddav' } });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw notCardDav(serverUrl, error);
  }
  if (!account.homeUrl) throw notCardDav(serverUrl, new Error('no addressbook-home-set'));
  return account.homeUrl;
}

function notCardDav(serverUrl: string, cause: unknown): AppError {
  const host = hostOf(serverUrl);
  return new AppError(
    'CARDDAV_NOT_CARDDAV',
    `${host} does not look like an address-book (CardDAV) server: check the address, or choose your provider from the list`,
    { host },
    { cause },
  );
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url.slice(0, 100);
  }
}

/** The address books under a home, as tsdav lists them (url, displayName, syncToken, reports). */
export async function listBooks(client: DavClient, homeUrl: string) {
  const origin = new URL(homeUrl).origin;
  try {
    return await client.fetchAddressBooks({
      account: { accountType: 'carddav', serverUrl: origin, rootUrl: `${origin}/`, homeUrl },
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw notCardDav(homeUrl, error);
  }
}

/**
 * A book of the export's own, `<home>amocrm-<account>/`: found if there, else made with an
 * extended MKCOL. Null when the server refuses to make one (it allows only its default
 * book): the caller falls back to the default book.
 */
export async function ensureOwnBook(
  client: DavClient,
  homeUrl: string,
  accountId: number,
  displayName: string,
): Promise<string | null> {
  const url = new URL(`amocrm-${accountId}/`, homeUrl).href;
  const found = await client.propfind({ url, props: { 'd:resourcetype': {} }, depth: '0' });
  if (found[0]?.ok) return url;
  const made = await client.makeCollection({
    url,
    props: {
      'd:resourcetype': { 'd:collection': {}, 'card:addressbook': {} },
      'd:displayname': displayName,
      'card:addressbook-description': 'Contacts exported from amoCRM by amo-phonebook',
    },
  });
  const status = made[0]?.status ?? 0;
  if (status >= 200 && status < 300) return url;
  // 403/405/501: this server keeps one book per account (iCloud, Google, Yandex do).
  if ([403, 405, 409, 501].includes(status)) return null;
  throw refused(`making the address book ${displayName}`, status, url);
}

/**
 * The account's default book (its first), for servers that allow no other. `fallback`: a
 * book name to assume when the listing finds none (Google's answers may lack resourcetype,
 * so tsdav lists nothing there; its one book is `lists/default/`: carddav.md, section 2).
 */
export async function defaultBook(client: DavClient, homeUrl: string, fallback?: string): Promise<string> {
  const books = await listBooks(client, homeUrl);
  const book = books[0];
  if (!book && fallback) return new URL(fallback, homeUrl).href;
  if (!book) {
    throw new AppError(
      'CARDDAV_NOT_CARDDAV',
      `The account on ${hostOf(homeUrl)} has no address book yet: open its Contacts once (on the web or a phone), then try again`,
      { host: hostOf(homeUrl) },
    );
  }
  return new URL(book.url, homeUrl).href;
}

/** A request the server answered with an unexpected status. */
export function refused(what: string, status: number, url: string): AppError {
  const host = hostOf(url);
  const side = status >= 500 ? 'had a problem on its side' : 'refused it';
  return new AppError(
    'CARDDAV_REFUSED',
    `${host} ${side} (HTTP ${status}) while ${what}; what was already sent is kept: export again later`,
    { host, status },
  );
}
