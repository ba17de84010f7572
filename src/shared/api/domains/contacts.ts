/** Reading the mirror: search, "who is calling?", one contact's detail, the responsible users. */
import { z } from 'zod';
import type { TargetPlatform } from './devices';
import { accountIdSchema, contactIdSchema } from './fields';
import { verb } from './verb';

export interface ContactListItem {
  readonly accountId: number;
  readonly id: number;
  readonly name: string;
  /** The first phone as the CRM has it written, or null. */
  readonly primaryPhone: string | null;
  readonly primaryEmail: string | null;
  readonly phoneCount: number;
}

export interface ContactSearchResult {
  readonly total: number;
  readonly items: readonly ContactListItem[];
}

export type ChannelKind = 'phone' | 'email' | 'im';

export interface PhoneLookupResult {
  /** The number as asked. */
  readonly query: string;
  /** Its E.164 form, when it parses. */
  readonly normalized: string | null;
  /** 'e164' when the whole number matched; 'last7' for amoCRM's last-seven-digits fallback. */
  readonly matchedBy: 'e164' | 'last7' | 'none';
  readonly matches: readonly ContactListItem[];
}

export interface ContactChannel {
  readonly kind: ChannelKind;
  /** As written in the CRM. */
  readonly value: string;
  /** E.164 for phones that parse, lower-case for e-mails, else null. */
  readonly normalized: string | null;
  /** The CRM's enum_code (MOB, WORK, PRIV, TELEGRAM...), or null. */
  readonly typeCode: string | null;
}

export interface ContactDetail {
  readonly accountId: number;
  readonly id: number;
  readonly name: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly responsibleUserId: number | null;
  /** Unix seconds, as the CRM reports them. */
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly channels: readonly ContactChannel[];
  /** The responsible user's name, when the mirror knows it (only administrators may list users). */
  readonly responsibleUserName: string | null;
  /** The devices that have received this contact, and when. */
  readonly deliveries: readonly ContactDelivery[];
}

export interface ContactDelivery {
  readonly deviceId: string;
  readonly deviceName: string;
  /** A CardDAV account too: the ledger records every device an export reached. */
  readonly platform: TargetPlatform;
  /** Unix milliseconds. */
  readonly firstDeliveredAt: number;
  readonly lastDeliveredAt: number;
}

export interface ResponsibleUser {
  readonly id: number;
  /** Null when the app may not read names (only administrators can list amoCRM users). */
  readonly name: string | null;
  /** Contacts with a phone this user is responsible for. */
  readonly contacts: number;
}

/** The contacts verbs: each one's input schema and what it answers. */
export const contactsVerbs = {
  searchContacts: verb(
    z
      .object({
        accountId: accountIdSchema.optional(),
        query: z.string().max(200).default(''),
        offset: z.number().int().min(0).max(10_000_000).default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
  ).returns<ContactSearchResult>(),
  lookupPhone: verb(z.object({ phone: z.string().trim().min(1).max(64) }).strict()).returns<PhoneLookupResult>(),
  getContact: verb(
    z.object({ accountId: accountIdSchema, contactId: contactIdSchema }).strict(),
  ).returns<ContactDetail>(),
  listResponsibleUsers: verb(z.object({ accountId: accountIdSchema }).strict()).returns<readonly ResponsibleUser[]>(),
} as const;
