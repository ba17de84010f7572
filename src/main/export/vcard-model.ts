/**
 * A card as the writers take it (vcard3.ts, vcard4.ts): what card-from-mirror.ts makes of
 * a mirror contact, with each number already split from its extension.
 */
export interface VCardPhone {
  /** The number as people read it: E.164 (or the cleaned text), `,` and the extension after it. */
  readonly number: string;
  /**
   * What is dialled before any pause: the E.164, or the cleaned text of a number that did
   * not parse (dial-numbers.ts). `number` when not given (a number without an extension).
   */
  readonly main?: string | undefined;
  /** vCard TYPE values: CELL, WORK, VOICE, FAX, HOME... */
  readonly types: readonly string[];
  /** E.164 (`+74951234567`) when the number parsed: vCard 4.0 writes a `tel:` URI from it. */
  readonly e164?: string | undefined;
  /** The extension's digits, if one was written (`tel:…;ext=123` in 4.0). */
  readonly extension?: string | undefined;
}

export interface VCardEmail {
  readonly address: string;
  readonly types: readonly string[];
}

/** The legacy messenger properties Android's importer (AOSP `VCardEntry`) reads. */
export type AndroidImProperty = 'X-SKYPE-USERNAME' | 'X-JABBER' | 'X-GOOGLE-TALK' | 'X-ICQ' | 'X-MSN';

/** One messenger handle, with every form the importers keep (see messengers.ts). */
export interface VCardMessenger {
  /** The service as people name it: `Telegram`, `Google Talk`, `Viber`, `Messenger`... */
  readonly label: string;
  /** The handle as the CRM has it, cleaned: one line, no control characters. */
  readonly handle: string;
  /** Apple's IMPP form, only for a well-formed handle: `X-SERVICE-TYPE` and a URI. */
  readonly impp?: { readonly serviceType: string; readonly uri: string } | undefined;
  /** Android's own property for the service, written as text. */
  readonly androidProperty?: AndroidImProperty | undefined;
  /** An https link that opens a chat anywhere: `https://t.me/handle`, `https://wa.me/79123456789`. */
  readonly url?: string | undefined;
}

export interface VCardContact {
  readonly uid: string;
  readonly formattedName: string;
  readonly familyName: string;
  readonly givenName: string;
  readonly phones: readonly VCardPhone[];
  readonly emails: readonly VCardEmail[];
  /** ORG: the company. */
  readonly organization?: string | undefined;
  /** TITLE: the job title (the CRM's POSITION). */
  readonly title?: string | undefined;
  readonly messengers?: readonly VCardMessenger[] | undefined;
  readonly categories?: readonly string[] | undefined;
  /** Unix seconds of the CRM's last edit. */
  readonly revision?: number | undefined;
}
