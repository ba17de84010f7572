/** GET /api/v4/contacts/custom_fields, and generated contacts that agree with it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../../src/main/sandbox/server';
import { allItems, apiGet, type ContactRow, type Page } from './sandbox-http';

interface FieldRow {
  id: number;
  name: string;
  code: string;
  type: string;
  sort: number;
  enums: { id: number; value: string; sort: number }[] | null;
}

let sandbox: SandboxHandle;
let fields: FieldRow[];
beforeAll(async () => {
  sandbox = await startSandbox({ contacts: 1500, seed: 'fields', rateLimit: 0 });
  const answer = await apiGet(sandbox, '/api/v4/contacts/custom_fields', sandbox.tokens['denied']);
  fields = (answer.json as Page<FieldRow>)._embedded['custom_fields'] ?? [];
});
afterAll(() => sandbox.close());

const field = (code: string) => fields.find((f) => f.code === code);

describe('sandbox custom fields', () => {
  it('defines PHONE, EMAIL, IM and POSITION, readable by a non-admin', () => {
    expect(fields.map((f) => f.code).sort()).toEqual(['EMAIL', 'IM', 'PHONE', 'POSITION']);
    for (const f of fields)
      expect(f).toMatchObject({ id: expect.any(Number), name: expect.any(String), sort: expect.any(Number) });
    expect(field('PHONE')?.enums?.map((e) => e.value)).toEqual(['WORK', 'WORKDD', 'MOB', 'FAX', 'HOME', 'OTHER']);
    expect(field('EMAIL')?.enums?.map((e) => e.value)).toEqual(['WORK', 'PRIV', 'OTHER']);
    expect(field('IM')?.enums?.map((e) => e.value)).toEqual([
      'SKYPE',
      'ICQ',
      'JABBER',
      'GTALK',
      'MSN',
      'TELEGRAM',
      'OTHER',
    ]);
    expect(field('POSITION')).toMatchObject({ type: 'text', enums: null });
    for (const code of ['PHONE', 'EMAIL', 'IM']) expect(field(code)?.type).toBe('multitext');
    const enumIds = fields.flatMap((f) => (f.enums ?? []).map((e) => e.id));
    expect(new Set(enumIds).size).toBe(enumIds.length);
  });

  it('gives each generated value the field id and the one enum id its code has in the definitions', async () => {
    const contacts = await allItems<ContactRow>(sandbox, '/api/v4/contacts?limit=250', 'contacts');
    const seen = new Map<string, Set<number>>();
    for (const contact of contacts) {
      for (const value of contact.custom_fields_values ?? []) {
        const definition = field(value.field_code);
        expect(value.field_id).toBe(definition?.id);
        for (const item of value.values) {
          if (definition?.enums === null) continue;
          const expected = definition?.enums.find((e) => e.value === item.enum_code);
          expect(item.enum_id, `${value.field_code} ${item.enum_code}`).toBe(expected?.id);
          const key = `${value.field_code}:${item.enum_code}`;
          seen.set(key, (seen.get(key) ?? new Set()).add(item.enum_id as number));
        }
      }
    }
    // Not one id per position: several codes per field show up, each with its own id.
    expect([...seen.keys()].filter((key) => key.startsWith('PHONE:')).length).toBeGreaterThanOrEqual(4);
    expect([...seen.values()].every((ids) => ids.size === 1)).toBe(true);
  });

  it('pages up to 250, 204 past the end', async () => {
    const second = await apiGet(sandbox, '/api/v4/contacts/custom_fields?limit=2&page=2');
    expect(second.status).toBe(200);
    expect((second.json as Page<FieldRow>)._embedded['custom_fields']).toHaveLength(2);
    expect((await apiGet(sandbox, '/api/v4/contacts/custom_fields?limit=2&page=3')).status).toBe(204);
    expect((await apiGet(sandbox, '/api/v4/contacts/custom_fields?limit=251')).status).toBe(400);
    expect((await apiGet(sandbox, '/api/v4/contacts/custom_fields?limit=250')).status).toBe(200);
  });
});
