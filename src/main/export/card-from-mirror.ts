/**
 * Turns mirror rows into vCards: the CRM's enum codes become the TYPE values each
 * importer maps to the right label, and each contact gets a stable UID.
 */
import { uuidV5 } from '../lib/uuid-v5';
import { isDialable } from '../phones/normalize';
import type { VCardContact, VCardEmail, VCardPhone } from './vcard3';

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
  readonly channels: readonly ExportableChannel[];
}

/** amoCRM PHONE enum codes -> vCard 3.0 TEL types (FAX paired with WORK, as Android expects). */
const phoneTypes: Readonly<Record<string, readonly string[]>> = {
  MOB: ['CELL'],
  WORK: ['WORK', 'VOICE'],
  WORKDD: ['WORK', 'VOICE'],
  HOME: ['HOME', 'VOICE'],
  FAX: ['WORK', 'FAX'],
  OTHER: ['VOICE'],
};

const emailTypes: Readonly<Record<string, readonly string[]>> = {
  WORK: ['INTERNET', 'WORK'],
  PRIV: ['INTERNET', 'HOME'],
  OTHER: ['INTERNET'],
};

/** The same (account, contact) always has the same UID, on every device and every export. */
export function contactUid(accountId: number, contactId: number): string {
  return `urn:uuid:${uuidV5(`amocrm:${accountId}:${contactId}`)}`;
}

/** The number to dial: E.164 when it parsed (with a pause before an extension), else as written. */
export function dialString(channel: ExportableChannel): string {
  if (!channel.normalized) return channel.value;
  const extension = /(?:доб|ext|extension|x|#)\.?\s*(\d+)\s*$/i.exec(channel.value)?.[1];
  return extension ? `${channel.normalized},${extension}` : channel.normalized;
}

export function toVCardContact(contact: ExportableContact, accountLabel: string): VCardContact {
  const phones: VCardPhone[] = contact.channels
    .filter((channel) => channel.kind === 'phone' && isDialable(channel.value, channel.normalized))
    .map((channel) => ({ number: dialString(channel), types: phoneTypes[channel.typeCode ?? ''] ?? ['VOICE'] }));
  const emails: VCardEmail[] = contact.channels
    .filter((channel) => channel.kind === 'email')
    .map((channel) => ({ address: channel.value, types: emailTypes[channel.typeCode ?? ''] ?? ['INTERNET'] }));
  const hasStructuredName = Boolean(contact.firstName || contact.lastName);
  // A contact with no name at all still needs one on the phone: its first number.
  const formattedName = contact.name || phones[0]?.number || '—';
  return {
    uid: contactUid(contact.accountId, contact.id),
    formattedName,
    familyName: hasStructuredName ? contact.lastName : '',
    // Without structured names the whole name goes in N, for importers that ignore FN.
    givenName: hasStructuredName ? contact.firstName : formattedName,
    phones,
    emails,
    categories: [accountLabel],
    revision: contact.updatedAt,
  };
}
