/** The shapes of the contact rows the mirror's reads return, checked (see checked-rows.ts). */
import { z } from 'zod';
import type {
  ChannelKind,
  ContactChannel,
  ContactDelivery,
  ContactDetail,
  ContactListItem,
  ResponsibleUser,
  TargetPlatform,
} from '../../shared/api/types';
import { checkedRows } from './checked-rows';

export const contactListItemSchema = z.object({
  accountId: z.number().int(),
  id: z.number().int(),
  name: z.string(),
  primaryPhone: z.string().nullable(),
  primaryEmail: z.string().nullable(),
  phoneCount: z.number().int(),
}) satisfies z.ZodType<ContactListItem>;

export const contactChannelSchema = z.object({
  kind: z.enum(['phone', 'email', 'im']) satisfies z.ZodType<ChannelKind>,
  value: z.string(),
  normalized: z.string().nullable(),
  typeCode: z.string().nullable(),
}) satisfies z.ZodType<ContactChannel>;

export const contactDeliverySchema = z.object({
  deviceId: z.string(),
  deviceName: z.string(),
  platform: z.enum(['ios', 'android', 'file', 'carddav']) satisfies z.ZodType<TargetPlatform>,
  firstDeliveredAt: z.number(),
  lastDeliveredAt: z.number(),
}) satisfies z.ZodType<ContactDelivery>;

export const contactDetailRowSchema = z.object({
  accountId: z.number().int(),
  id: z.number().int(),
  name: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  responsibleUserId: z.number().int().nullable(),
  responsibleUserName: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
}) satisfies z.ZodType<Omit<ContactDetail, 'channels' | 'deliveries'>>;

export const responsibleUserSchema = z.object({
  id: z.number().int(),
  name: z.string().nullable(),
  contacts: z.number().int(),
}) satisfies z.ZodType<ResponsibleUser>;

/** A page of list items as the mirror gave them, checked. */
export function checkedListItems(rows: readonly unknown[]): ContactListItem[] {
  return checkedRows(contactListItemSchema, rows, 'contacts');
}
