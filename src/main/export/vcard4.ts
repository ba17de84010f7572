/**
 * vCard 4.0 (RFC 6350), on request (`--format vcard4`), for CardDAV-style clients. Android's
 * stock importer refuses 4.0, so 3.0 stays the default (vcard3.ts, which also holds the
 * shared folding and cleaning).
 *
 * The differences from 3.0 that matter here:
 * - VERSION comes right after BEGIN; REV is a basic-format timestamp (`20231114T221320Z`);
 * - TEL is a `tel:` URI when the number parsed (`tel:+74951234567;ext=123`), free text
 *   otherwise; TYPE values are lowercase and EMAIL has no INTERNET type;
 * - text escapes `\\`, `\,`, `\;` and `\n`, as 3.0 does: RFC 6350 allows `\;` outside N and
 *   ORG ("SEMICOLON characters in non-compound properties MAY be escaped") and Perl's
 *   Text::vCard drops a 4.0 FN, TITLE or EMAIL with a plain `;` (see vcard3.ts for ical.js);
 * - a `tel:` URI is not text: its `;ext=` is RFC 3966's parameter and stays as it is. Perl's
 *   Text::vCard splits it there and keeps nothing of the number: the one reader of those
 *   tested that cannot hold a 4.0 number with an extension (README, compatibility);
 * - messengers are IMPP (with Apple's X-SERVICE-TYPE) and URL; the legacy X-JABBER-style
 *   properties are left to 3.0, whose importers need them.
 */
import type { ExportFormat } from '../../shared/api/types';
import { type CardWriter, Escape, hasRevision, writeRevision } from './card-writer';
import type { VCardContact, VCardMessenger, VCardPhone } from './vcard-model';
import { CRLF, escapeText, prodId, writableImpp, writableUrl } from './vcard-text';
import {
  messengerNote,
  prefixCache,
  sharedWriter,
  writeCategories,
  writeImppAndUrl,
  writeVCard3,
  writeVCard3To,
} from './vcard3';

/** A vCard 4.0 text value as a string: escaped as in 3.0 (\\ \, \; \n). */
export const escapeText4 = escapeText;

/** One component of a compound value (N, ORG) as a string: \\ \, \; \n, as in 3.0. */
export const escapeComponent4 = escapeText;

/** TYPE for 4.0: lowercase, without 3.0's INTERNET (every e-mail is) and PREF (a parameter of its own). */
function typeParam4(types: readonly string[]): string {
  let out = '';
  for (const type of types) {
    const token = type.replace(/[^A-Za-z0-9-]/g, '').toLowerCase();
    if (!token || token === 'internet' || token === 'pref') continue;
    out += (out ? ',' : '') + token;
  }
  return out ? `;TYPE=${out}` : '';
}

const telUriPrefix4 = prefixCache('TEL;VALUE=uri', typeParam4);
const telTextPrefix4 = prefixCache('TEL', typeParam4);
const emailPrefix4 = prefixCache('EMAIL', typeParam4);

/** Writes the RFC 3966 `tel:` URI of a parsed number; false when it is not one. */
function writeTelUri(writer: CardWriter, phone: VCardPhone): boolean {
  if (!phone.e164 || !/^\+\d{1,15}$/.test(phone.e164)) return false;
  writer.name(telUriPrefix4(phone.types)).name('tel:').value(phone.e164, Escape.None);
  if (phone.extension && /^\d{1,10}$/.test(phone.extension)) writer.name(';ext=').value(phone.extension, Escape.None);
  writer.newline();
  return true;
}

/** In 4.0, IMPP is what CardDAV clients read: a messenger needs NOTE only without IMPP or URL. */
function noteNeeded4(messenger: VCardMessenger): boolean {
  return !writableUrl(messenger) && !writableImpp(messenger);
}

const head4 = Buffer.from(`BEGIN:VCARD${CRLF}VERSION:4.0${CRLF}PRODID:${prodId}${CRLF}`, 'utf8');
const tail4 = Buffer.from(`END:VCARD${CRLF}`, 'utf8');

/** Writes one vCard 4.0 card. */
export function writeVCard4To(writer: CardWriter, contact: VCardContact): void {
  writer.writeRaw(head4);
  writer.name('UID:').value(contact.uid, Escape.Text).newline();
  writer.name('FN:').value(contact.formattedName, Escape.Text).newline();
  writer.name('N:').value(contact.familyName, Escape.Text).name(';').value(contact.givenName, Escape.Text);
  writer.name(';;;').newline();
  if (contact.organization) writer.name('ORG:').value(contact.organization, Escape.Text).newline();
  if (contact.title) writer.name('TITLE:').value(contact.title, Escape.Text).newline();
  for (const phone of contact.phones) {
    if (writeTelUri(writer, phone)) continue;
    writer
      .name(telTextPrefix4(phone.types))
      .value(phone.main ?? phone.number, Escape.Text)
      .newline();
  }
  for (const email of contact.emails) {
    writer.name(emailPrefix4(email.types)).value(email.address, Escape.Text).newline();
  }
  const messengers = contact.messengers;
  if (messengers && messengers.length > 0) {
    for (const messenger of messengers) writeImppAndUrl(writer, messenger);
    const note = messengerNote(messengers, noteNeeded4);
    if (note) writer.name('NOTE:').value(note, Escape.Text).newline();
  }
  writeCategories(writer, contact.categories, Escape.Text);
  if (hasRevision(contact.revision)) writeRevision(writer, contact.revision, false);
  writer.writeRaw(tail4);
}

/** One card as vCard 4.0 text. */
export function writeVCard4(contact: VCardContact): string {
  sharedWriter.reset();
  writeVCard4To(sharedWriter, contact);
  return sharedWriter.textFrom(0);
}

/**
 * One card in the chosen format: 3.0 for phones (the default), 4.0 for CardDAV-style clients.
 * `pause` goes between a 3.0 number and its extension (tel-form.ts); 4.0 writes `;ext=`.
 */
export function writeCard(contact: VCardContact, format: ExportFormat, pause = ','): string {
  return format === 'vcard4' ? writeVCard4(contact) : writeVCard3(contact, pause);
}

/** Writes one card in the chosen format (see writeContactCardsUtf8). */
export function writeCardTo(writer: CardWriter, contact: VCardContact, format: ExportFormat, pause: string): void {
  if (format === 'vcard4') writeVCard4To(writer, contact);
  else writeVCard3To(writer, contact, pause);
}
