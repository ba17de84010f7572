/**
 * The display names (FN) of the first cards of a vCard 3.0 file we wrote: what the phone
 * page lists before the import. Read back from the bytes, so the list always matches the
 * file, whichever way it was rendered.
 */

const fnLine = /\r\nFN:((?:[^\r]|\r\n )*)\r\n/g;

export function formattedNames(vcard: Uint8Array, limit: number): string[] {
  // Only the head of the file is needed: 200 cards are far below 400 KB.
  const head = Buffer.from(vcard.buffer, vcard.byteOffset, Math.min(vcard.length, limit * 2048)).toString('utf8');
  const names: string[] = [];
  for (const match of head.matchAll(fnLine)) {
    if (names.length >= limit) break;
    names.push(unescapeText((match[1] ?? '').replace(/\r\n /g, '')));
  }
  return names;
}

/** A vCard text value with its escapes undone (\\ \; \, \n). */
export function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, char: string) => (char === 'n' || char === 'N' ? '\n' : char));
}

const cardEnd = Buffer.from('\r\nEND:VCARD\r\n');

/** The number of cards in a file we wrote (each ends with END:VCARD on its own line). */
export function countCards(vcard: Uint8Array): number {
  const bytes = Buffer.from(vcard.buffer, vcard.byteOffset, vcard.length);
  let count = 0;
  for (let at = bytes.indexOf(cardEnd); at !== -1; at = bytes.indexOf(cardEnd, at + cardEnd.length)) count++;
  return count;
}
