/**
 * vCard 3.0 (RFC 2426), written by hand because it is the hot path of every export and
 * the format every importer accepts (Android's stock importer refuses 4.0).
 *
 * The rules that importers are strict about: CRLF line ends; lines folded at 75 octets
 * (a continuation line starts with one space) without ever splitting a UTF-8 character;
 * text escaped (\\ \, \; \n) so a hostile name cannot start a new property or card; N
 * and FN always present; every TEL typed (Android files an untyped number as Home).
 */

export interface VCardPhone {
  readonly number: string;
  /** vCard TYPE values: CELL, WORK, VOICE, FAX, HOME... */
  readonly types: readonly string[];
}

export interface VCardEmail {
  readonly address: string;
  readonly types: readonly string[];
}

export interface VCardContact {
  readonly uid: string;
  readonly formattedName: string;
  readonly familyName: string;
  readonly givenName: string;
  readonly phones: readonly VCardPhone[];
  readonly emails: readonly VCardEmail[];
  readonly title?: string | undefined;
  readonly categories?: readonly string[] | undefined;
  /** Unix seconds of the CRM's last edit. */
  readonly revision?: number | undefined;
}

const CRLF = '\r\n';
const prodId = '-//amo-phonebook//amoCRM contacts export//EN';

/** Escapes a text value; control characters other than line breaks cannot be encoded and are dropped. */
export function escapeText(value: string): string {
  return (
    value
      .replace(/[\\,;]/g, (char) => `\\${char}`)
      .replace(/\r\n|\r|\n/g, '\\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
      .replace(/[\u0000-\u001f\u007f]/g, '')
  );
}

/**
 * A TEL value is a phone number, not text: a comma there is a dialling pause and must not
 * be escaped. Line breaks and control characters are removed so nothing can start a new line.
 */
export function phoneValue(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  return value.replace(/[\u0000-\u001f\u007f]/g, '').trim();
}

/** A TYPE parameter list, restricted to the token characters the grammar allows. */
function typeParam(types: readonly string[]): string {
  const clean = types.map((type) => type.replace(/[^A-Za-z0-9-]/g, '')).filter(Boolean);
  return clean.length > 0 ? `;TYPE=${clean.join(',')}` : '';
}

/**
 * Folds one logical line at 75 octets. Cuts fall only between code points, so a
 * multi-byte character never straddles a line break.
 */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line) <= 75) return line;
  let out = '';
  let lineBytes = 0;
  let limit = 75;
  for (const char of line) {
    const code = char.codePointAt(0) as number;
    const bytes = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (lineBytes + bytes > limit) {
      out += `${CRLF} `;
      lineBytes = 1;
      limit = 75;
    }
    out += char;
    lineBytes += bytes;
  }
  return out;
}

function revisionStamp(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function writeVCard3(contact: VCardContact): string {
  const lines = [
    'BEGIN:VCARD',
    'VERSION:3.0',
    `PRODID:${prodId}`,
    `UID:${escapeText(contact.uid)}`,
    `N:${escapeText(contact.familyName)};${escapeText(contact.givenName)};;;`,
    `FN:${escapeText(contact.formattedName)}`,
  ];
  if (contact.title) lines.push(`TITLE:${escapeText(contact.title)}`);
  for (const phone of contact.phones) lines.push(`TEL${typeParam(phone.types)}:${phoneValue(phone.number)}`);
  for (const email of contact.emails) lines.push(`EMAIL${typeParam(email.types)}:${escapeText(email.address)}`);
  if (contact.categories && contact.categories.length > 0) {
    lines.push(`CATEGORIES:${contact.categories.map(escapeText).join(',')}`);
  }
  if (contact.revision !== undefined) lines.push(`REV:${revisionStamp(contact.revision)}`);
  lines.push('END:VCARD');
  return lines.map(foldLine).join(CRLF) + CRLF;
}
