/**
 * The contact custom fields of the sandbox account, as `GET /api/v4/contacts/custom_fields`
 * lists them. Generated contacts take their `enum_id`s from here, so a client that maps
 * enum ids to codes through the definitions (as it must: ids differ per real account) finds
 * every id it meets.
 */

export interface SandboxFieldEnum {
  readonly id: number;
  readonly value: string;
  readonly sort: number;
}

export interface SandboxFieldDefinition {
  readonly id: number;
  readonly name: string;
  readonly code: 'PHONE' | 'EMAIL' | 'IM' | 'POSITION';
  readonly type: 'multitext' | 'text';
  readonly sort: number;
  readonly enums: readonly SandboxFieldEnum[] | null;
}

/** Stable custom-field ids, as an account would have them (ids differ per real account). */
export const sandboxFieldIds = { phone: 264_911, email: 264_913, im: 264_917, position: 264_909 } as const;

export const phoneCodes = ['WORK', 'WORKDD', 'MOB', 'FAX', 'HOME', 'OTHER'] as const;
export const emailCodes = ['WORK', 'PRIV', 'OTHER'] as const;
export const imCodes = ['SKYPE', 'ICQ', 'JABBER', 'GTALK', 'MSN', 'TELEGRAM', 'OTHER'] as const;

function enums(firstId: number, codes: readonly string[]): SandboxFieldEnum[] {
  return codes.map((value, n) => ({ id: firstId + n, value, sort: 2 * (n + 1) }));
}

export const sandboxFieldDefinitions: readonly SandboxFieldDefinition[] = [
  { id: sandboxFieldIds.position, name: 'Должность', code: 'POSITION', type: 'text', sort: 2, enums: null },
  {
    id: sandboxFieldIds.phone,
    name: 'Телефон',
    code: 'PHONE',
    type: 'multitext',
    sort: 4,
    enums: enums(600_001, phoneCodes),
  },
  {
    id: sandboxFieldIds.email,
    name: 'Email',
    code: 'EMAIL',
    type: 'multitext',
    sort: 6,
    enums: enums(600_101, emailCodes),
  },
  {
    id: sandboxFieldIds.im,
    name: 'Мгн. сообщения',
    code: 'IM',
    type: 'multitext',
    sort: 8,
    enums: enums(600_201, imCodes),
  },
];

const enumIds = new Map(
  sandboxFieldDefinitions.flatMap((field) =>
    (field.enums ?? []).map((e) => [`${field.code}:${e.value}`, e.id] as const),
  ),
);

/** The `enum_id` a value of field `code` with enum code `enumCode` carries. */
export function sandboxEnumId(code: 'PHONE' | 'EMAIL' | 'IM', enumCode: string): number {
  const found = enumIds.get(`${code}:${enumCode}`);
  if (found === undefined) throw new RangeError(`no enum ${enumCode} in field ${code}`);
  return found;
}
