/**
 * The CRM's messenger handles (the IM field) in the forms each importer keeps.
 *
 * amoCRM's IM enum codes are SKYPE, ICQ, JABBER, GTALK, MSN and OTHER; TELEGRAM and
 * WHATSAPP appear in some accounts but are unconfirmed (amocrm-api.md §5), so any code is
 * accepted, and the value decides when it is a link: `t.me/…` is Telegram and `wa.me/…` is
 * WhatsApp whatever the code says. What the importers keep (phone-delivery.md §1.2-1.3):
 * AOSP reads only X-SKYPE-USERNAME, X-JABBER, X-GOOGLE-TALK, X-ICQ, X-MSN (and a few dead
 * services), drops IMPP unless it is `sip:`, and keeps URL and NOTE; iOS reads Apple's
 * `IMPP;X-SERVICE-TYPE=…` (with `x-apple:` for services without a scheme of their own), URL
 * and NOTE; Google Contacts keeps IMPP with X-SERVICE-TYPE, URL and NOTE.
 *
 * | code        | Android                  | iOS                                     | everywhere               |
 * | ----------- | ------------------------ | --------------------------------------- | ------------------------ |
 * | TELEGRAM    | –                        | IMPP X-SERVICE-TYPE=Telegram:x-apple:h  | URL https://t.me/h       |
 * | WHATSAPP    | –                        | IMPP X-SERVICE-TYPE=WhatsApp:x-apple:+n | URL https://wa.me/n      |
 * | SKYPE       | X-SKYPE-USERNAME         | IMPP X-SERVICE-TYPE=Skype:skype:h       |                          |
 * | JABBER      | X-JABBER                 | IMPP X-SERVICE-TYPE=Jabber:xmpp:jid     |                          |
 * | GTALK       | X-GOOGLE-TALK            | IMPP X-SERVICE-TYPE=GoogleTalk:xmpp:jid |                          |
 * | ICQ         | X-ICQ                    | IMPP X-SERVICE-TYPE=ICQ:aim:uin (Apple) |                          |
 * | MSN         | X-MSN                    | IMPP X-SERVICE-TYPE=MSN:msnim:address   |                          |
 * | OTHER, any  | NOTE "Label: handle"     | NOTE                                    | NOTE                     |
 *
 * OTHER and unknown codes go to NOTE only: the service is unknown, so there is no URI scheme
 * to write and no property that AOSP would keep; an X- property of our own would be dropped
 * by AOSP and iOS alike, while NOTE is kept by all three and is plain escaped text. The
 * label is the code itself ("VIBER" -> "Viber"), or "Messenger" for OTHER.
 *
 * A URI form (IMPP, URL) is written only for a handle that is well-formed for its service
 * (a Telegram username, an international number, a JID...), built here from a few safe
 * ASCII characters; anything else (spaces, stray text, a national number that matches none
 * of the contact's phones) gets NOTE instead, so a handle can never inject a property. A
 * messenger's phone number is not written as a TEL: it would duplicate the contact's own
 * numbers on the phone, and the wa.me / t.me link opens the chat anyway.
 */

import type { VCardMessenger } from './vcard-model';
import { cleanText } from './vcard-text';

type Service = 'telegram' | 'whatsapp' | 'skype' | 'jabber' | 'gtalk' | 'icq' | 'msn';

/** A Map, so that no code can find Object.prototype. */
const serviceByCode: ReadonlyMap<string, Service> = new Map([
  ['TELEGRAM', 'telegram'],
  ['TG', 'telegram'],
  ['WHATSAPP', 'whatsapp'],
  ['WA', 'whatsapp'],
  ['SKYPE', 'skype'],
  ['JABBER', 'jabber'],
  ['XMPP', 'jabber'],
  ['GTALK', 'gtalk'],
  ['ICQ', 'icq'],
  ['MSN', 'msn'],
]);

const telegramLink = /^(?:https?:\/\/)?(?:www\.)?(?:t\.me|telegram\.me|telegram\.dog)\/([^/?#\s]+)\/?(?:[?#]\S*)?$/i;
const telegramResolve = /^tg:\/\/resolve\?(?:\S*&)?(?:domain|phone)=([^&#\s]+)/i;
const whatsappLink = /^(?:https?:\/\/)?(?:www\.)?wa\.me\/\+?(\d{7,15})\/?(?:[?#]\S*)?$/i;
const whatsappSend = /^(?:https?:\/\/)?(?:api\.|web\.|www\.)?whatsapp\.com\/send\/?\?(?:\S*&)?phone=\+?(\d{7,15})/i;

/** A public Telegram username: a letter, then letters, digits and underscores; 4-32 in all. */
const telegramUsername = /^[A-Za-z][A-Za-z0-9_]{3,31}$/;
const skypeName = /^(?:live:)?[A-Za-z0-9.][A-Za-z0-9._-]{1,63}$/;
const addressLike = /^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+$/;
const icqNumber = /^\d{5,12}$/;

/** One line of text: cleaned, every run of whitespace (line breaks included) as one space. */
function oneLine(value: string): string {
  return cleanText(value).replace(/\s+/g, ' ').trim();
}

/**
 * The digits of an international number (no `+`), from `+7 912…`, `00 7 912…`, or a
 * national number whose last ten digits match one of the contact's own E.164 phones.
 */
export function internationalDigits(value: string, contactPhones: readonly string[]): string | null {
  const compact = value.replace(/[\s().-]/g, '');
  if (/^\+\d{7,15}$/.test(compact)) return compact.slice(1);
  if (/^00\d{7,15}$/.test(compact)) return compact.slice(2);
  if (/^\d{10,15}$/.test(compact)) {
    const tail = compact.slice(-10);
    for (const phone of contactPhones) if (/^\+\d+$/.test(phone) && phone.endsWith(tail)) return phone.slice(1);
  }
  return null;
}

/** A label for a code we do not know: "VIBER" -> "Viber", null or OTHER -> "Messenger". */
function labelOf(code: string): string {
  const words = oneLine(code.replace(/[_-]+/g, ' ')).slice(0, 40);
  if (!words || words.toUpperCase() === 'OTHER') return 'Messenger';
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

interface Resolved {
  readonly key: string;
  readonly messenger: VCardMessenger;
}

/** One IM channel in the forms the importers keep, or null when there is nothing to write. */
export function toMessenger(
  typeCode: string | null,
  value: string,
  contactPhones: readonly string[] = [],
): VCardMessenger | null {
  return resolve(typeCode, value, contactPhones)?.messenger ?? null;
}

function resolve(typeCode: string | null, value: string, contactPhones: readonly string[]): Resolved | null {
  const handle = oneLine(value);
  if (!handle) return null;
  const code = oneLine(typeCode ?? '').toUpperCase();

  const telegram = telegramLink.exec(handle)?.[1] ?? telegramResolve.exec(handle)?.[1];
  const whatsapp = whatsappLink.exec(handle)?.[1] ?? whatsappSend.exec(handle)?.[1];
  const service: Service | undefined =
    telegram !== undefined ? 'telegram' : whatsapp !== undefined ? 'whatsapp' : serviceByCode.get(code);

  switch (service) {
    case 'telegram': {
      const candidate = (telegram ?? handle).replace(/^@/, '');
      if (telegramUsername.test(candidate)) {
        return {
          key: `telegram:${candidate.toLowerCase()}`,
          messenger: {
            label: 'Telegram',
            handle,
            impp: { serviceType: 'Telegram', uri: `x-apple:${candidate}` },
            url: `https://t.me/${candidate}`,
          },
        };
      }
      const digits = internationalDigits(candidate, contactPhones);
      if (digits) {
        return {
          key: `telegram:+${digits}`,
          messenger: {
            label: 'Telegram',
            handle,
            impp: { serviceType: 'Telegram', uri: `x-apple:+${digits}` },
            url: `https://t.me/+${digits}`,
          },
        };
      }
      return plain('Telegram', handle);
    }
    case 'whatsapp': {
      const digits = whatsapp ?? internationalDigits(handle, contactPhones);
      if (!digits) return plain('WhatsApp', handle);
      return {
        key: `whatsapp:${digits}`,
        messenger: {
          label: 'WhatsApp',
          handle,
          impp: { serviceType: 'WhatsApp', uri: `x-apple:+${digits}` },
          url: `https://wa.me/${digits}`,
        },
      };
    }
    case 'skype': {
      const name = handle.replace(/^skype:/i, '').replace(/\?[a-z]*$/i, '') || handle;
      const wellFormed = skypeName.test(name) || addressLike.test(name);
      return {
        key: `skype:${name.toLowerCase()}`,
        messenger: {
          label: 'Skype',
          handle: name,
          androidProperty: 'X-SKYPE-USERNAME',
          impp: wellFormed ? { serviceType: 'Skype', uri: `skype:${name}` } : undefined,
        },
      };
    }
    case 'jabber':
    case 'gtalk': {
      const jid = handle.replace(/^xmpp:/i, '') || handle;
      const jabber = service === 'jabber';
      return {
        key: `${service}:${jid.toLowerCase()}`,
        messenger: {
          label: jabber ? 'Jabber' : 'Google Talk',
          handle: jid,
          androidProperty: jabber ? 'X-JABBER' : 'X-GOOGLE-TALK',
          impp: addressLike.test(jid)
            ? { serviceType: jabber ? 'Jabber' : 'GoogleTalk', uri: `xmpp:${jid}` }
            : undefined,
        },
      };
    }
    case 'icq': {
      const uin = handle.replace(/[\s-]/g, '');
      return {
        key: `icq:${uin.toLowerCase()}`,
        messenger: {
          label: 'ICQ',
          handle,
          androidProperty: 'X-ICQ',
          // Apple writes ICQ numbers with the aim: scheme.
          impp: icqNumber.test(uin) ? { serviceType: 'ICQ', uri: `aim:${uin}` } : undefined,
        },
      };
    }
    case 'msn':
      return {
        key: `msn:${handle.toLowerCase()}`,
        messenger: {
          label: 'MSN',
          handle,
          androidProperty: 'X-MSN',
          impp: addressLike.test(handle) ? { serviceType: 'MSN', uri: `msnim:${handle}` } : undefined,
        },
      };
    default:
      return plain(labelOf(code), handle);
  }
}

function plain(label: string, handle: string): Resolved {
  return { key: `${label.toLowerCase()}:${handle.toLowerCase()}`, messenger: { label, handle } };
}

/**
 * Every IM channel of a contact, resolved, with duplicates dropped: the same service and
 * handle twice (`@anna_m`, `t.me/anna_m`, `https://t.me/Anna_M`) is written once, as first seen.
 */
export function messengersOf(
  channels: readonly { readonly typeCode: string | null; readonly value: string }[],
  contactPhones: readonly string[],
): VCardMessenger[] {
  const out: VCardMessenger[] = [];
  const seen = new Set<string>();
  for (const channel of channels) {
    const resolved = resolve(channel.typeCode, channel.value, contactPhones);
    if (!resolved || seen.has(resolved.key)) continue;
    seen.add(resolved.key);
    out.push(resolved.messenger);
  }
  return out;
}
