/**
 * Contact field definitions, `GET /api/v4/contacts/custom_fields`: which field is the
 * phone, e-mail or messenger field (by `code`, never by id: ids differ per account), and
 * what each enum id means (MOB, WORK...), for values that arrive without an enum_code.
 */
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { FieldDefinition } from '../model/people';
import { type AmoHttpOptions, amoGet } from './amo-http';
import type { FieldCodes } from './contact-mapper';
import { halPageSchema } from './wire';

const pageSchema = halPageSchema(
  'custom_fields',
  z
    .object({
      id: z.number(),
      code: z.string().nullish(),
      name: z.string().nullish(),
      enums: z.array(z.object({ id: z.number(), value: z.string() }).passthrough()).nullish(),
    })
    .passthrough(),
);

export async function fetchContactFields(http: AmoHttpOptions): Promise<FieldDefinition[]> {
  const host = new URL(http.baseUrl).host;
  const fields: FieldDefinition[] = [];
  for (let page = 1; page <= 50; page++) {
    const answer = await amoGet(http, '/api/v4/contacts/custom_fields', { limit: '250', page: String(page) });
    if (answer.status === 204) break;
    const parsed = pageSchema.safeParse(answer.body);
    if (!parsed.success) throw new AppError('BAD_RESPONSE', `${host} sent malformed field definitions`, { host });
    for (const field of parsed.data._embedded.custom_fields) {
      fields.push({
        id: field.id,
        code: field.code ?? null,
        name: field.name ?? '',
        enums: (field.enums ?? []).map((entry) => ({ id: entry.id, value: entry.value })),
      });
    }
    if (!parsed.data._links?.next) break;
  }
  return fields;
}

/** Field and enum ids -> codes, for the phone, e-mail and messenger fields. */
export function fieldCodesOf(fields: readonly FieldDefinition[]): FieldCodes {
  const fieldCodes = new Map<number, string>();
  const enums = new Map<number, string>();
  for (const field of fields) {
    if (field.code !== 'PHONE' && field.code !== 'EMAIL' && field.code !== 'IM') continue;
    fieldCodes.set(field.id, field.code);
    for (const entry of field.enums) enums.set(entry.id, entry.value);
  }
  return { fields: fieldCodes, enums };
}
