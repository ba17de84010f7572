/** The account's users and custom fields as the core holds them (read by crm/, stored by mirror/). */

export interface CrmUser {
  readonly id: number;
  readonly name: string;
  readonly groupId: number | null;
}

export interface FieldDefinition {
  readonly id: number;
  readonly code: string | null;
  readonly name: string;
  readonly enums: ReadonlyArray<{ readonly id: number; readonly value: string }>;
}
