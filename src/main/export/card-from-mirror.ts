/**
 * Turns mirror rows into vCards: the CRM's enum codes become the TYPE values each
 * importer maps to the right label, messengers take the forms each importer keeps
 * (messengers.ts), duplicates of the delivered union are dropped, and each contact gets a
 * stable UID.
 */
import type { ExportFormat } from '../../shared/api/types';
import { dialNumbersOf } from '../phones/dial-numbers';
import { isDialable } from '../phones/normalize';
import { dialText, pauseOf, type TelForm } from '../phones/tel-form';
import { CardWriter } from './card-writer';
import { messengersOf } from './messengers';
import type { VCardContact, VCardEmail, VCardPhone } from './vcard-model';
import { cleanText } from './vcard-text';
import { writeCardTo } from './vcard4';

export interface ExportableChannel {
  readonly kind: 'phone' | 'email' | 'im';
  readonly value: string;
  readonly normalized: string | null;
  readonly typeCode: string | null;
}

export interface ExportableContact {
  readonly accountId: number;
  readonly id: number;
  readonly name: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly updatedAt: number;
  /**
   * Current channels first, then any delivered before and gone since (R9-R12): duplicates
   * (the same E.164 and extension, the same e-mail in any case, the same messenger handle)
   * are written once, with the type of the first.
   */
  readonly channels: readonly ExportableChannel[];
  /** The CRM's POSITION field (job title): TITLE. */
  readonly position?: string | null;
  /** The contact's company: ORG. */
  readonly company?: string | null;
}

/**
 * amoCRM PHONE enum codes -> vCard 3.0 TEL types (FAX paired with WORK, as Android expects).
 * Maps, not object literals: a code such as "valueOf" must not find Object.prototype.
 */
const phoneTypes: ReadonlyMap<string, readonly string[]> = new Map([
  ['MOB', ['CELL']],
  ['WORK', ['WORK', 'VOICE']],
  ['WORKDD', ['WORK', 'VOICE']],
  ['HOME', ['HOME', 'VOICE']],
  ['FAX', ['WORK', 'FAX']],
  ['OTHER', ['VOICE']],
]);
/** Unknown or missing code: a voice number (never untyped: Android would call it Home). */
const defaultPhoneTypes: readonly string[] = ['VOICE'];

const emailTypes: ReadonlyMap<string, readonly string[]> = new Map([
  ['WORK', ['INTERNET', 'WORK']],
  ['PRIV', ['INTERNET', 'HOME']],
  ['OTHER', ['INTERNET']],
]);
const defaultEmailTypes: readonly string[] = ['INTERNET'];

/**
 * The UID of (account, contact): `urn:uuid:` and an RFC 9562 UUIDv8 that lays the two ids
 * out directly, so it costs no hash and can never collide between two pairs. Shipped
 * values must never change. The 128 bits, most significant first:
 *
 * | bits    | width | content                                                           |
 * | ------- | ----- | ----------------------------------------------------------------- |
 * | 0-15    | 16    | 0xAB0C, this app's prefix (every UID starts `ab0c`)                |
 * | 16-47   | 32    | account id, bits 43..12                                            |
 * | 48-51   | 4     | version: 8                                                         |
 * | 52-63   | 12    | account id, bits 11..0                                             |
 * | 64-65   | 2     | variant: 0b10                                                      |
 * | 66-74   | 9     | account id, bits 52..44 (zero below 2^44)                          |
 * | 75-127  | 53    | contact id                                                         |
 *
 * So for today's ids the text reads `ab0cAAAA-AAAA-8AAA-8000-0CCCCCCCCCCC` with the account
 * id (hex) around the version digit and the contact id (hex) at the end: account 31,
 * contact 77 -> `urn:uuid:ab0c0000-0000-801f-8000-00000000004d`. Ids are integers in
 * [0, 2^53); anything else is a bug upstream and throws. Version 8 keeps these apart from
 * every v1-v7 UUID; the prefix keeps them apart from other programs' v8 layouts.
 */
export function contactUid(accountId: number, contactId: number): string {
  if (!isId(accountId) || !isId(contactId)) {
    throw new RangeError(`contactUid needs two integer ids in [0, 2^53): ${accountId}, ${contactId}`);
  }
  const hex = hex4Table();
  const accountLow = accountId % 2 ** 44;
  const accountTop = (accountId - accountLow) / 2 ** 44;
  const x = Math.floor(accountLow / 4096);
  const y = accountLow % 4096;
  const contactLow = contactId % 2 ** 48;
  const contactTop = (contactId - contactLow) / 2 ** 48;
  const contactMiddle = Math.floor(contactLow / 2 ** 16);
  return `urn:uuid:ab0c${hex[Math.floor(x / 65_536)]}-${hex[x % 65_536]}-8${(hex[y] as string).slice(1)}-${
    hex[0x8000 | (accountTop << 5) | contactTop]
  }-${hex[Math.floor(contactMiddle / 65_536)]}${hex[contactMiddle % 65_536]}${hex[contactLow % 65_536]}`;
}

let hex4: readonly string[] | undefined;

/** "0000".."ffff", made once (about 1.5 MB): UIDs are on the hot path of every export. */
function hex4Table(): readonly string[] {
  hex4 ??= Array.from({ length: 65_536 }, (_, n) => n.toString(16).padStart(4, '0'));
  return hex4;
}

/** The (account, contact) of a UID made by contactUid, or null for any other UID. */
export function idsOfContactUid(uid: string): { accountId: number; contactId: number } | null {
  const match = /^urn:uuid:ab0c([0-9a-f]{4})-([0-9a-f]{4})-8([0-9a-f]{3})-([89ab][0-9a-f]{3})-([0-9a-f]{12})$/.exec(
    uid,
  );
  if (!match) return null;
  const [, xHigh = '', xLow = '', y = '', word = '', low = ''] = match;
  const variantWord = Number.parseInt(word, 16);
  const x = Number.parseInt(xHigh, 16) * 65_536 + Number.parseInt(xLow, 16);
  const accountId = ((variantWord >> 5) & 0x1ff) * 2 ** 44 + x * 4096 + Number.parseInt(y, 16);
  const contactId = (variantWord & 0x1f) * 2 ** 48 + Number.parseInt(low, 16);
  return isId(accountId) && isId(contactId) ? { accountId, contactId } : null;
}

function isId(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/** The channels a delivery carries: dialable phones (R2), e-mails and messengers (R3). */
export function deliverable(channel: ExportableChannel): boolean {
  return channel.kind !== 'phone' || isDialable(channel.value, channel.normalized);
}

/**
 * The numbers to dial of a phone channel, in a form (tel-form.ts): E.164 when it parsed, with
 * the pause and the extension after it, else the cleaned text; one per number in the field.
 */
export function dialStrings(channel: ExportableChannel, form: TelForm = 'comma'): string[] {
  return dialNumbersOf(channel.value, channel.normalized).map((number) =>
    dialText(number.main, number.extension, form),
  );
}

/** Optional text (company, position): cleaned and trimmed, or undefined when blank. */
function optionalText(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const clean = cleanText(value).trim();
  return clean ? clean : undefined;
}

/** Every card of an account carries the same label: one array per label, not per card. */
let lastLabel: string | undefined;
let lastCategories: readonly string[] = [];

function categoriesOf(accountLabel: string): readonly string[] {
  if (accountLabel !== lastLabel) {
    lastLabel = accountLabel;
    lastCategories = [accountLabel];
  }
  return lastCategories;
}

/** The e-mails of a contact that has none: shared, never written to. */
const noEmails: readonly VCardEmail[] = Object.freeze([]);

export function toVCardContact(contact: ExportableContact, accountLabel: string): VCardContact {
  const phones: VCardPhone[] = [];
  let emails: VCardEmail[] | undefined;
  let ims: ExportableChannel[] | undefined;

  for (const channel of contact.channels) {
    if (channel.kind === 'phone') {
      if (!isDialable(channel.value, channel.normalized)) continue;
      const types = phoneTypes.get(channel.typeCode ?? '') ?? defaultPhoneTypes;
      // A field may hold several numbers: each becomes a TEL of the field's type.
      for (const number of dialNumbersOf(channel.value, channel.normalized)) {
        const phone: VCardPhone = {
          number: dialText(number.main, number.extension, 'comma'),
          main: number.main,
          types,
          e164: number.e164 ?? undefined,
          extension: number.extension ?? undefined,
        };
        if (!hasNumber(phones, phone.number)) phones.push(phone);
      }
    } else if (channel.kind === 'email') {
      const address = cleanText(channel.value).trim();
      if (!address) continue;
      if (emails && hasAddress(emails, address)) continue;
      emails ??= [];
      emails.push({ address, types: emailTypes.get(channel.typeCode ?? '') ?? defaultEmailTypes });
    } else if (channel.kind === 'im') {
      ims ??= [];
      ims.push(channel);
    }
  }

  const name = cleanText(contact.name);
  const firstName = cleanText(contact.firstName);
  const lastName = cleanText(contact.lastName);
  const hasStructuredName = Boolean(firstName.trim() || lastName.trim());
  // A contact with no name at all still needs one on the phone: its first number.
  const formattedName = name.trim() ? name : (phones[0]?.number ?? '—');
  return {
    uid: contactUid(contact.accountId, contact.id),
    formattedName,
    familyName: hasStructuredName ? lastName : '',
    // Without structured names the whole name goes in N, for importers that ignore FN.
    givenName: hasStructuredName ? firstName : formattedName,
    phones,
    emails: emails ?? noEmails,
    organization: optionalText(contact.company),
    title: optionalText(contact.position),
    messengers: ims ? messengersOf(ims, e164sOf(phones)) : undefined,
    categories: categoriesOf(accountLabel),
    revision: contact.updatedAt,
  };
}

function hasNumber(phones: readonly VCardPhone[], number: string): boolean {
  for (const phone of phones) if (phone.number === number) return true;
  return false;
}

function hasAddress(emails: readonly VCardEmail[], address: string): boolean {
  if (emails.length === 0) return false;
  const key = address.toLowerCase();
  for (const email of emails) if (email.address.toLowerCase() === key) return true;
  return false;
}

function e164sOf(phones: readonly VCardPhone[]): string[] {
  const e164s: string[] = [];
  for (const phone of phones) if (phone.e164) e164s.push(phone.e164);
  return e164s;
}

/**
 * Every contact's card, in order, as the UTF-8 bytes of a .vcf file: the same text as
 * joining `writeCard(toVCardContact(contact, accountLabel), format)` for each, made for a
 * whole export: written into one growing buffer, with no string per card or per line, and
 * nothing left to encode when the file is written (writeFileAtomically takes the bytes).
 */
export function writeContactCardsUtf8(
  contacts: Iterable<ExportableContact>,
  accountLabel: string,
  format: ExportFormat,
  form: TelForm,
): Buffer {
  // About 330 octets a card: sized once for an array, grown by doubling otherwise.
  const writer = new CardWriter(Array.isArray(contacts) ? Math.max(4096, contacts.length * 400) : 1 << 20);
  const pause = pauseOf(form);
  for (const contact of contacts) writeCardTo(writer, toVCardContact(contact, accountLabel), format, pause);
  return writer.bytes();
}

/** Every contact's card, in order, as one string (writeContactCardsUtf8, decoded). */
export function writeContactCards(
  contacts: Iterable<ExportableContact>,
  accountLabel: string,
  format: ExportFormat,
  form: TelForm = 'comma',
): string {
  return writeContactCardsUtf8(contacts, accountLabel, format, form).toString('utf8');
}
