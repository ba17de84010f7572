/**
 * From amoCRM's contact JSON to the mirror's row: name, timestamps, and the channels
 * (phones, e-mails, messengers) found by `field_code`, never by field id, which differs
 * per account. Anything odd (null fields, no name, "n/a" phones, unknown enum codes) is
 * kept as written; nothing here throws on data a real account can contain.
 */
import type { CountryCode } from 'libphonenumber-js';
import type { ChannelKind } from '../../shared/api/types';
import { foldForSearch } from '../lib/fold-for-search';
import { storableText } from '../lib/well-formed';
import type { MirrorChannel, MirrorContact } from '../model/contact';
import { digitsOf, isDialable, normalizePhone } from '../phones/normalize';
import type { WireContact } from './wire';

const channelByFieldCode: Readonly<Record<string, ChannelKind>> = { PHONE: 'phone', EMAIL: 'email', IM: 'im' };

/** From the account's field definitions: codes for values that arrive without them. */
export interface FieldCodes {
  /** field id -> PHONE / EMAIL / IM ... */
  readonly fields: ReadonlyMap<number, string>;
  /** enum id -> MOB / WORK / PRIV ... */
  readonly enums: ReadonlyMap<number, string>;
}

const noCodes: FieldCodes = { fields: new Map(), enums: new Map() };

export function toMirrorContact(
  wire: WireContact,
  region: CountryCode | undefined,
  codes: FieldCodes = noCodes,
): MirrorContact {
  // Every text made storable first (lib/well-formed.ts): a lone surrogate would be stored as
  // invalid UTF-8, a NUL ends the text for C readers, and a hostile 100 KB name is cut.
  const firstName = storableText(wire.first_name ?? '').trim();
  const lastName = storableText(wire.last_name ?? '').trim();
  const name = storableText(wire.name ?? '').trim() || [firstName, lastName].filter(Boolean).join(' ');
  const channels: MirrorChannel[] = [];
  const searchParts = [foldForSearch(name)];
  let phoneCount = 0;
  let position: string | null = null;

  for (const field of wire.custom_fields_values ?? []) {
    const fieldCode = field.field_code ?? codes.fields.get(field.field_id);
    if (fieldCode === 'POSITION' && position === null) {
      const title = field.values?.find((entry) => entry.value !== null && entry.value !== undefined)?.value;
      position = title === undefined || title === null ? null : storableText(String(title)).trim() || null;
    }
    const kind = fieldCode ? channelByFieldCode[fieldCode] : undefined;
    if (!kind) continue;
    for (const entry of field.values ?? []) {
      if (entry.value === null || entry.value === undefined) continue;
      const value = storableText(String(entry.value)).trim();
      if (!value) continue;
      const code =
        entry.enum_code ?? (typeof entry.enum_id === 'number' ? codes.enums.get(entry.enum_id) : undefined) ?? null;
      const typeCode = code === null ? null : storableText(code);
      if (kind === 'phone') {
        const phone = normalizePhone(value, region);
        if (isDialable(value, phone.e164)) phoneCount++;
        channels.push({ kind, value, normalized: phone.e164, typeCode });
        searchParts.push(digitsOf(value));
        if (phone.e164) searchParts.push(digitsOf(phone.e164));
      } else if (kind === 'email') {
        channels.push({ kind, value, normalized: value.toLowerCase(), typeCode });
        searchParts.push(foldForSearch(value));
      } else {
        channels.push({ kind, value, normalized: null, typeCode });
        searchParts.push(foldForSearch(value));
      }
    }
  }

  return {
    id: wire.id,
    name,
    firstName,
    lastName,
    responsibleUserId: wire.responsible_user_id ?? null,
    groupId: wire.group_id ?? null,
    createdAt: wire.created_at ?? 0,
    updatedAt: wire.updated_at ?? wire.created_at ?? 0,
    channels,
    position,
    phoneCount,
    searchText: searchParts.filter(Boolean).join(' '),
  };
}
