/**
 * An independent reader of a CardDAV server for tests: plain fetch, PROPFIND and REPORT,
 * never tsdav, so what the app wrote is checked by something that shares none of its code.
 */

export interface ServerCard {
  readonly href: string;
  readonly etag: string;
  readonly text: string;
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, '&');
}

/** The <response> elements of a multistatus, each with its href, status and named props. */
function responses(xml: string): Array<{ href: string; body: string }> {
  const out: Array<{ href: string; body: string }> = [];
  for (const match of xml.matchAll(/<(?:\w+:)?response\b[^>]*>([\s\S]*?)<\/(?:\w+:)?response>/g)) {
    const body = match[1] ?? '';
    const href = /<(?:\w+:)?href>([^<]*)<\/(?:\w+:)?href>/.exec(body)?.[1] ?? '';
    out.push({ href: decodeURIComponent(unescapeXml(href)), body });
  }
  return out;
}

function prop(body: string, name: string): string | null {
  const found = new RegExp(`<(?:\\w+:)?${name}\\b[^>]*>([\\s\\S]*?)</(?:\\w+:)?${name}>`).exec(body);
  return found ? unescapeXml(found[1] ?? '') : null;
}

/** Status of a plain request (for the collection itself: 207 there, 404 gone). */
export async function davStatus(url: string, authorization: string): Promise<number> {
  const response = await fetch(url, { method: 'PROPFIND', headers: { authorization, depth: '0' } });
  await response.arrayBuffer();
  return response.status;
}

/** The collections under a home (Depth 1), by path, with their display names. */
export async function listCollections(homeUrl: string, authorization: string): Promise<Map<string, string>> {
  const response = await fetch(homeUrl, {
    method: 'PROPFIND',
    headers: { authorization, depth: '1', 'content-type': 'application/xml' },
    body: '<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:displayname/><d:resourcetype/></d:prop></d:propfind>',
  });
  const xml = await response.text();
  const books = new Map<string, string>();
  for (const entry of responses(xml)) {
    if (new URL(entry.href, homeUrl).href === homeUrl) continue;
    if (/addressbook/.test(entry.body)) books.set(entry.href, prop(entry.body, 'displayname') ?? '');
  }
  return books;
}

/** Every card of a book with its ETag and text: one addressbook-query REPORT (RFC 6352 8.6). */
export async function readBook(bookUrl: string, authorization: string): Promise<Map<string, ServerCard>> {
  const response = await fetch(bookUrl, {
    method: 'REPORT',
    headers: { authorization, depth: '1', 'content-type': 'application/xml' },
    body:
      '<?xml version="1.0"?><c:addressbook-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav">' +
      '<d:prop><d:getetag/><c:address-data/></d:prop></c:addressbook-query>',
  });
  if (response.status !== 207) throw new Error(`REPORT ${bookUrl}: ${response.status}`);
  const cards = new Map<string, ServerCard>();
  for (const entry of responses(await response.text())) {
    const text = prop(entry.body, 'address-data');
    if (text === null) continue;
    const name = entry.href.split('/').filter(Boolean).at(-1) ?? entry.href;
    cards.set(name, {
      href: entry.href,
      etag: prop(entry.body, 'getetag') ?? '',
      text: text.replace(/\r?\n/g, '\r\n'),
    });
  }
  return cards;
}

/** One property's values in a card (unfolded), e.g. values(card, 'TEL'). */
export function values(text: string, name: string): string[] {
  const unfolded = text.replace(/\r\n[ \t]/g, '');
  return unfolded
    .split(/\r\n/)
    .filter((line) => new RegExp(`^(?:[\\w-]+\\.)?${name}[;:]`, 'i').test(line))
    .map((line) => line.slice(line.indexOf(':') + 1));
}

/** Writes a card as another client would (a phone editing it): unconditional PUT. */
export async function putRaw(url: string, authorization: string, text: string): Promise<number> {
  const response = await fetch(url, {
    method: 'PUT',
    headers: { authorization, 'content-type': 'text/vcard; charset=utf-8' },
    body: text,
  });
  await response.arrayBuffer();
  return response.status;
}

export async function deleteRaw(url: string, authorization: string): Promise<number> {
  const response = await fetch(url, { method: 'DELETE', headers: { authorization } });
  await response.arrayBuffer();
  return response.status;
}
