/**
 * What a CardDAV server keeps is what every phone syncing from it gets, and a server does not
 * always keep what it is sent: Radicale rewrites each card through python-vobject, which cuts
 * `TEL:+74959471173,562` at the comma. So the first export to a server sends one card with
 * an extension alone, reads it back (GET) and compares the numbers, the name and the e-mails
 * with what it sent; where a number changed, the next form of tel-form.ts is tried, and the
 * form that survived is recorded on the target for every later export.
 *
 * The comparison reads both cards the same lenient way (unfolded, parameters ignored,
 * escapes undone, values compared as sets): a server may reorder properties, change the
 * case of parameters or escape differently without changing anything a phone shows.
 */
import { unescapeText } from '../../export/vcard-names';
import type { DavClient } from './dav-client';

export interface CardFields {
  readonly names: readonly string[];
  readonly numbers: readonly string[];
  readonly emails: readonly string[];
}

/** Unfolds a vCard and returns each property's name (upper case, no group) and raw value. */
function properties(card: string): Array<{ name: string; value: string }> {
  const out: Array<{ name: string; value: string }> = [];
  for (const line of card.replace(/\r?\n[ \t]/g, '').split(/\r?\n/)) {
    const colon = valueStart(line);
    if (colon < 0) continue;
    const head = line.slice(0, colon);
    const name = (head.split(';')[0] ?? '').replace(/^[^.]*\./, '').toUpperCase();
    out.push({ name, value: line.slice(colon + 1) });
  }
  return out;
}

/** The colon that ends the name and parameters (a quoted parameter value may hold one). */
function valueStart(line: string): number {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (char === '"') quoted = !quoted;
    else if (char === ':' && !quoted) return i;
  }
  return -1;
}

/** The fields a phone shows, as one reader of the card would see them. */
export function cardFields(card: string): CardFields {
  const names: string[] = [];
  const numbers: string[] = [];
  const emails: string[] = [];
  for (const { name, value } of properties(card)) {
    if (name === 'FN') names.push(unescapeText(value));
    else if (name === 'TEL') numbers.push(unescapeText(value));
    else if (name === 'EMAIL') emails.push(unescapeText(value));
  }
  return { names, numbers: numbers.sort(), emails: emails.sort() };
}

/** Whether a card has a number with an extension written after `pause`. */
export function hasExtension(card: string, pause: string): boolean {
  const extension = new RegExp(`\\d${escapeRegExp(pause)}\\d`);
  return properties(card).some(({ name, value }) => name === 'TEL' && extension.test(value));
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

export interface ReadBackDifference {
  readonly field: 'number' | 'name' | 'email';
  readonly sent: string;
  readonly kept: string;
}

/** What the server's copy says differently from the card sent; empty when a phone would see the same. */
export function compareReadBack(sent: string, kept: string): ReadBackDifference[] {
  const a = cardFields(sent);
  const b = cardFields(kept);
  const differences: ReadBackDifference[] = [];
  const compare = (field: ReadBackDifference['field'], left: readonly string[], right: readonly string[]) => {
    if (left.join('\n') === right.join('\n')) return;
    differences.push({ field, sent: left.join(', '), kept: right.join(', ') });
  };
  compare('number', a.numbers, b.numbers);
  compare('name', a.names, b.names);
  compare('email', a.emails, b.emails);
  return differences;
}

/** The server's copy of one card (an addressbook-multiget of that card alone), or null if it has none. */
export async function fetchServerCopy(client: DavClient, bookUrl: string, href: string): Promise<string | null> {
  const objects = await client.fetchVCards({ addressBook: { url: bookUrl }, objectUrls: [href] });
  const data = objects.find((object) => object.data)?.data;
  return typeof data === 'string' ? data : null;
}

/** One plain line for the person: what the server changed in the card it kept. */
export function describeDifferences(host: string, differences: readonly ReadBackDifference[]): string {
  const words = { number: 'a phone number', name: 'a name', email: 'an e-mail address' } as const;
  const parts = differences.map(
    (difference) => `${words[difference.field]} ("${difference.sent}" became "${difference.kept}")`,
  );
  return `${host} changed ${parts.join(' and ')} in the card it stored`;
}
