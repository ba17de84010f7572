/**
 * The account's events feed (`GET /api/v4/events`): every CRM edit made through the sandbox
 * is recorded here, so a client can find deletions and changes the way it must on a real
 * account, where the contacts list never shows a deleted contact.
 */

export const contactEventTypes = [
  'contact_added',
  'contact_deleted',
  'contact_restored',
  'name_field_changed',
  'custom_field_value_changed',
  'entity_responsible_changed',
] as const;

export type ContactEventType = (typeof contactEventTypes)[number];

export interface SandboxEvent {
  /** ULID-like: sorts as (created_at, order of recording), like the real ids sort by time. */
  readonly id: string;
  readonly type: ContactEventType;
  readonly entity_id: number;
  readonly entity_type: 'contact';
  readonly created_by: number;
  readonly created_at: number;
  readonly value_before: readonly unknown[];
  readonly value_after: readonly unknown[];
  readonly account_id: number;
}

export interface EventInput {
  readonly type: ContactEventType;
  readonly entityId: number;
  readonly createdBy: number;
  readonly createdAt: number;
  readonly valueBefore?: readonly unknown[];
  readonly valueAfter?: readonly unknown[];
}

export interface EventLog {
  record(input: EventInput): SandboxEvent;
  /** Every event, newest first (created_at desc, then id desc). */
  newestFirst(): readonly SandboxEvent[];
}

const crockford = '0123456789abcdefghjkmnpqrstvwxyz';

function base32(value: bigint, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    out = (crockford[Number(value & 31n)] as string) + out;
    value >>= 5n;
  }
  return out;
}

export function createEventLog(accountId: number): EventLog {
  const events: SandboxEvent[] = [];
  let sequence = 0n;
  let sorted: SandboxEvent[] | null = null;
  return {
    record(input) {
      sequence++;
      // 10 characters of milliseconds, then 16 of a counter where a ULID has randomness:
      // unique, and in recording order within one second.
      const id = base32(BigInt(Math.max(0, input.createdAt)) * 1000n, 10) + base32(sequence, 16);
      const event: SandboxEvent = {
        id,
        type: input.type,
        entity_id: input.entityId,
        entity_type: 'contact',
        created_by: input.createdBy,
        created_at: input.createdAt,
        value_before: input.valueBefore ?? [],
        value_after: input.valueAfter ?? [],
        account_id: accountId,
      };
      events.push(event);
      sorted = null;
      return event;
    },
    newestFirst() {
      sorted ??= [...events].sort((a, b) => b.created_at - a.created_at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
      return sorted;
    },
  };
}
