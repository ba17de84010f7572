/**
 * CRM edits to one contact, as pure functions: what the contact becomes, and which event
 * types amoCRM would record for the change.
 */
import type { WireContact, WireCustomField } from '../crm/wire';
import { sandboxEnumId, sandboxFieldIds } from './custom-fields';
import type { ContactEventType } from './event-log';
import { sandboxUserById, sandboxUsers } from './users';

export interface ContactPatch {
  readonly name?: string;
  readonly first_name?: string;
  readonly last_name?: string;
  readonly responsible_user_id?: number;
  /** Replaces every PHONE value; each new one is a mobile (enum code MOB). */
  readonly phones?: readonly string[];
  /** Replaces every EMAIL value; each new one is a work address (enum code WORK). */
  readonly emails?: readonly string[];
}

export interface ContactChange {
  readonly type: ContactEventType;
  readonly valueBefore: unknown[];
  readonly valueAfter: unknown[];
}

export function applyPatch(
  before: WireContact,
  patch: ContactPatch,
): { contact: WireContact; changes: ContactChange[] } {
  const contact = structuredClone(before);
  const changes: ContactChange[] = [];

  const first = patch.first_name ?? contact.first_name ?? '';
  const last = patch.last_name ?? contact.last_name ?? '';
  const nameTouched = patch.first_name !== undefined || patch.last_name !== undefined;
  // amoCRM rebuilds `name` from the parts when only the parts change.
  const name = patch.name ?? (nameTouched ? `${first} ${last}`.trim() : (contact.name ?? ''));
  if (name !== contact.name || first !== (contact.first_name ?? '') || last !== (contact.last_name ?? '')) {
    changes.push({
      type: 'name_field_changed',
      valueBefore: [{ name_field_value: { name: contact.name ?? '' } }],
      valueAfter: [{ name_field_value: { name } }],
    });
    Object.assign(contact, { name, first_name: first, last_name: last });
  }

  if (patch.responsible_user_id !== undefined && patch.responsible_user_id !== contact.responsible_user_id) {
    const user = sandboxUserById(patch.responsible_user_id);
    if (!user) throw new RangeError(`no sandbox user ${patch.responsible_user_id}`);
    changes.push({
      type: 'entity_responsible_changed',
      valueBefore: [{ responsible_user: { id: contact.responsible_user_id } }],
      valueAfter: [{ responsible_user: { id: user.id } }],
    });
    Object.assign(contact, { responsible_user_id: user.id, group_id: user.groupId });
  }

  for (const [code, values] of [
    ['PHONE', patch.phones],
    ['EMAIL', patch.emails],
  ] as const) {
    if (values === undefined) continue;
    const fields = contact.custom_fields_values ?? [];
    const old = fields.find((field) => field.field_code === code);
    const next = multitextField(code, values);
    if (JSON.stringify(old?.values ?? []) === JSON.stringify(next?.values ?? [])) continue;
    changes.push({
      type: 'custom_field_value_changed',
      valueBefore: asEventValues(old),
      valueAfter: asEventValues(next),
    });
    const kept = fields.filter((field) => field.field_code !== code);
    const all = next ? [...kept, next] : kept;
    // The API sends null, not [], when no field is filled.
    contact.custom_fields_values = all.length > 0 ? all : null;
  }
  return { contact, changes };
}

export function newContact(id: number, patch: ContactPatch, now: number, accountId: number): WireContact {
  const admin = sandboxUsers[0];
  if (!admin) throw new Error('the sandbox has no users');
  const blank: WireContact = {
    id,
    name: '',
    first_name: '',
    last_name: '',
    responsible_user_id: admin.id,
    group_id: admin.groupId,
    created_by: admin.id,
    updated_by: admin.id,
    created_at: now,
    updated_at: now,
    closest_task_at: null,
    is_deleted: false,
    custom_fields_values: null,
    account_id: accountId,
    _embedded: { tags: [], companies: [] },
  };
  const { contact } = applyPatch(blank, patch);
  if (!contact.name) contact.name = `Контакт ${id}`;
  return contact;
}

function multitextField(code: 'PHONE' | 'EMAIL', values: readonly string[]): WireCustomField | null {
  if (values.length === 0) return null;
  const enumCode = code === 'PHONE' ? 'MOB' : 'WORK';
  return {
    field_id: code === 'PHONE' ? sandboxFieldIds.phone : sandboxFieldIds.email,
    field_name: code === 'PHONE' ? 'Телефон' : 'Email',
    field_code: code,
    field_type: 'multitext',
    values: values.map((value) => ({ value, enum_id: sandboxEnumId(code, enumCode), enum_code: enumCode })),
  };
}

function asEventValues(field: WireCustomField | null | undefined): unknown[] {
  return (field?.values ?? []).map((value) => ({
    custom_field_value: { field_id: field?.field_id, enum_id: value.enum_id ?? null, text: String(value.value) },
  }));
}

/** Checks a patch that came over HTTP from another process; throws on anything else. */
export function parseContactPatch(input: unknown): ContactPatch {
  if (input === undefined || input === null) return {};
  if (typeof input !== 'object' || Array.isArray(input)) throw new TypeError('patch must be an object');
  const record = input as Record<string, unknown>;
  const patch: Record<string, unknown> = {};
  for (const key of ['name', 'first_name', 'last_name'] as const) {
    const value = record[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw new TypeError(`${key} must be a string`);
    patch[key] = value;
  }
  const responsible = record['responsible_user_id'];
  if (responsible !== undefined) {
    if (typeof responsible !== 'number') throw new TypeError('responsible_user_id must be a number');
    patch['responsible_user_id'] = responsible;
  }
  for (const key of ['phones', 'emails'] as const) {
    const value = record[key];
    if (value === undefined) continue;
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
      throw new TypeError(`${key} must be an array of strings`);
    }
    patch[key] = value;
  }
  const unknown = Object.keys(record).filter((key) => !(key in patch) && record[key] !== undefined);
  if (unknown.length > 0) throw new TypeError(`unknown patch fields: ${unknown.join(', ')}`);
  return patch as ContactPatch;
}
