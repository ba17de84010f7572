/** The input fields more than one domain's verbs take: ids, addresses, an export's selection. */
import { z } from 'zod';

export const accountIdSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const contactIdSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const deviceIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a device id');
export const devicePlatformSchema = z.enum(['ios', 'android', 'file']);

export const cardDavProviderSchema = z.enum(['icloud', 'google', 'yandex', 'nextcloud', 'fastmail', 'custom']);

export const empty = z.object({}).strict();
export const httpUrlSchema = z
  .string()
  .trim()
  .min(1)
  .max(2048)
  .regex(/^https?:\/\//i, 'an http(s):// address');

export const ipv4Schema = z
  .string()
  .regex(/^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/, 'an IPv4 address');
/** adb serials: letters, digits and the few marks emulators and network devices use. */
export const usbSerialSchema = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, 'a USB serial');
export const handoffIdSchema = z.string().regex(/^[a-f0-9]{16}$/, 'a handoff id');

/** What an export (or its preview) takes: device, accounts, period, responsible-user filter. */
export const exportSelection = z.object({
  deviceId: deviceIdSchema,
  accountId: accountIdSchema.optional(),
  /** R4, first export only: 7d, 30d, 90d, 180d, 365d, all, or YYYY-MM-DD. */
  period: z.string().trim().min(1).max(20).optional(),
  /** R8: only contacts where I am the responsible user. */
  onlyMine: z.boolean().default(false),
  /** R8: only contacts of these responsible users. */
  responsible: z.array(z.number().int().positive()).max(1000).optional(),
});
