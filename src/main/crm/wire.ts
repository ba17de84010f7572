/**
 * The shapes amoCRM's API v4 sends, as zod schemas. The connector parses every response
 * with these, so a malformed page fails that sync with a clear message instead of
 * writing garbage into the mirror. Unknown fields pass through untouched; fields we do
 * not use are not required, since real accounts omit them more often than the docs say.
 */
import { z } from 'zod';

export const wireFieldValueSchema = z
  .object({
    value: z.union([z.string(), z.number(), z.boolean()]).nullish(),
    enum_id: z.number().nullish(),
    enum_code: z.string().nullish(),
  })
  .passthrough();

export const wireCustomFieldSchema = z
  .object({
    field_id: z.number(),
    field_name: z.string().nullish(),
    field_code: z.string().nullish(),
    field_type: z.string().nullish(),
    values: z.array(wireFieldValueSchema).nullish(),
  })
  .passthrough();

export const wireContactSchema = z
  .object({
    id: z.number().int().positive(),
    name: z.string().nullish(),
    first_name: z.string().nullish(),
    last_name: z.string().nullish(),
    responsible_user_id: z.number().int().nullish(),
    group_id: z.number().int().nullish(),
    created_at: z.number().int().nullish(),
    updated_at: z.number().int().nullish(),
    is_deleted: z.boolean().nullish(),
    custom_fields_values: z.array(wireCustomFieldSchema).nullish(),
  })
  .passthrough();

/**
 * A HAL list page: `{_links: {next?}, _embedded: {[key]: item[]}}`. Only `next` is read;
 * the item schema decides how strict the rest is.
 */
export function halPageSchema<K extends string, T extends z.ZodType>(key: K, item: T) {
  return z
    .object({
      _page: z.number().int().optional(),
      _links: z
        .object({ next: z.object({ href: z.string() }).passthrough().optional() })
        .passthrough()
        .optional(),
      _embedded: z.object({ [key]: z.array(item) } as Record<K, z.ZodArray<T>>).passthrough(),
    })
    .passthrough();
}

export const wireContactsPageSchema = halPageSchema('contacts', wireContactSchema);

export const wireAccountSchema = z
  .object({
    id: z.number().int().positive(),
    name: z.string(),
    subdomain: z.string(),
    current_user_id: z.number().int().positive(),
    country: z.string().nullish(),
    contact_name_display_order: z.number().int().nullish(),
    // Sent only when asked for (`with=is_api_filter_enabled`); absent means off.
    is_api_filter_enabled: z.boolean().nullish(),
  })
  .passthrough();

export type WireFieldValue = z.infer<typeof wireFieldValueSchema>;
export type WireCustomField = z.infer<typeof wireCustomFieldSchema>;
export type WireContact = z.infer<typeof wireContactSchema>;
export type WireContactsPage = z.infer<typeof wireContactsPageSchema>;
export type WireAccount = z.infer<typeof wireAccountSchema>;
