/**
 * vCard 3.0 (RFC 2426, with RFC 4770's IMPP), written by hand because it is the hot path of
 * every export and the format every importer accepts (Android's stock importer refuses 4.0).
 * N and FN always present; every TEL typed (Android files an untyped number as Home); each
 * extension after the target's pause (phones/tel-form.ts). The text rules are in
 * vcard-text.ts, the byte writer in card-writer.ts; writeVCard3 decodes one card.
 */
import { CardWriter, Escape, hasRevision, writeRevision } from './card-writer';
import type { VCardContact, VCardMessenger } from './vcard-model';
import { CRLF, cleanText, paramToken, prodId, typeParam, writableImpp, writableUrl } from './vcard-text';

/**
 * A property name and its TYPE parameter (`TEL;TYPE=WORK,VOICE:`), made once per types
 * array: the arrays card-from-mirror hands out are shared constants.
 */
export function prefixCache(name: string, param: (types: readonly string[]) => string) {
  const cache = new WeakMap<readonly string[], string>();
  return (types: readonly string[]): string => {
    let prefix = cache.get(types);
    if (prefix === undefined) {
      prefix = `${name}${param(types)}:`;
      cache.set(types, prefix);
    }
    return prefix;
  };
}

const telPrefix3 = prefixCache('TEL', typeParam);
const emailPrefix3 = prefixCache('EMAIL', typeParam);

/** CATEGORIES: each non-blank label escaped as `mode` says, separated by commas; nothing if none. */
export function writeCategories(writer: CardWriter, categories: readonly string[] | undefined, mode: Escape): void {
  if (!categories || categories.length === 0) return;
  let first = true;
  for (const category of categories) {
    // A blank label would be an empty category.
    if (!cleanText(category).trim()) continue;
    writer.name(first ? 'CATEGORIES:' : ',').value(category, mode);
    first = false;
  }
  if (!first) writer.newline();
}

/**
 * Which messengers also go into NOTE in vCard 3.0: those that some importer would lose. AOSP
 * keeps a messenger through its own property or a URL; iOS through IMPP or a URL. NOTE is
 * kept by all three (iOS, AOSP, Google Contacts), and it is plain escaped text.
 */
export function noteNeeded3(messenger: VCardMessenger): boolean {
  return !writableUrl(messenger) && !(messenger.androidProperty && writableImpp(messenger));
}

/** The NOTE text for messengers that need one: one `Label: handle` per line. */
export function messengerNote(
  messengers: readonly VCardMessenger[],
  needed: (messenger: VCardMessenger) => boolean,
): string {
  let note = '';
  for (const messenger of messengers) {
    if (!needed(messenger)) continue;
    note += `${note ? '\n' : ''}${messenger.label}: ${messenger.handle}`;
  }
  return note;
}

/** IMPP (with Apple's X-SERVICE-TYPE) and URL lines of one messenger, each only if safe. */
export function writeImppAndUrl(writer: CardWriter, messenger: VCardMessenger): void {
  const impp = writableImpp(messenger);
  if (impp) {
    const service = paramToken(impp.serviceType);
    writer.name(service ? `IMPP;X-SERVICE-TYPE=${service}:` : 'IMPP:').value(impp.uri, Escape.None);
    writer.newline();
  }
  const url = writableUrl(messenger);
  if (url) {
    writer.name('URL:').value(url, Escape.None);
    writer.newline();
  }
}

/** The lines every vCard 3.0 card opens with (constant: an export writes them per card). */
export const vcard3Head = Buffer.from(`BEGIN:VCARD${CRLF}VERSION:3.0${CRLF}PRODID:${prodId}${CRLF}`, 'utf8');
export const vcardTail = Buffer.from(`END:VCARD${CRLF}`, 'utf8');

/** Writes one vCard 3.0 card: head, body, CATEGORIES, REV, tail. */
export function writeVCard3To(writer: CardWriter, contact: VCardContact, pause: string): void {
  writer.writeRaw(vcard3Head);
  writeVCard3Body(writer, contact, pause);
  writeCategories(writer, contact.categories, Escape.Text);
  writeVCard3Revision(writer, contact);
  writer.writeRaw(vcardTail);
}

/**
 * The lines of a card from UID to NOTE: everything that depends on the contact alone and
 * not on the export (no head, no CATEGORIES label, no tail). The mirror stores these bytes
 * per contact (contact_cards); every line ends with CRLF and folds on its own, so they can
 * be copied between the head and the CATEGORIES line unchanged.
 */
export function writeVCard3Body(writer: CardWriter, contact: VCardContact, pause: string): void {
  writer.name('UID:').value(contact.uid, Escape.Text).newline();
  writer.name('N:').value(contact.familyName, Escape.Text).name(';').value(contact.givenName, Escape.Text);
  writer.name(';;;').newline();
  writer.name('FN:').value(contact.formattedName, Escape.Text).newline();
  if (contact.organization) writer.name('ORG:').value(contact.organization, Escape.Text).newline();
  if (contact.title) writer.name('TITLE:').value(contact.title, Escape.Text).newline();
  for (const phone of contact.phones) {
    writer.name(telPrefix3(phone.types)).value(phone.main ?? phone.number, Escape.None);
    if (phone.extension) writer.pause(pause).value(phone.extension, Escape.None);
    writer.newline();
  }
  for (const email of contact.emails) {
    writer.name(emailPrefix3(email.types)).value(email.address, Escape.Text).newline();
  }
  const messengers = contact.messengers;
  if (messengers && messengers.length > 0) {
    for (const messenger of messengers) {
      if (messenger.androidProperty) {
        writer.name(`${messenger.androidProperty}:`).value(messenger.handle, Escape.Text).newline();
      }
      writeImppAndUrl(writer, messenger);
    }
    const note = messengerNote(messengers, noteNeeded3);
    if (note) writer.name('NOTE:').value(note, Escape.Text).newline();
  }
}

/** The REV line of a vCard 3.0 card, if the contact has a real revision time. */
export function writeVCard3Revision(writer: CardWriter, contact: Pick<VCardContact, 'revision'>): void {
  if (hasRevision(contact.revision)) writeRevision(writer, contact.revision, true);
}

/** The writer behind the one-card functions: its buffer is reused from card to card. */
export const sharedWriter = new CardWriter();

/** One card as vCard 3.0 text, each extension after `pause` (tel-form.ts; `,` when not said). */
export function writeVCard3(contact: VCardContact, pause = ','): string {
  sharedWriter.reset();
  writeVCard3To(sharedWriter, contact, pause);
  return sharedWriter.textFrom(0);
}
