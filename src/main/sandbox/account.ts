/**
 * A generated, deterministic amoCRM account for the demo and for tests.
 *
 * Contacts are not stored: contact number `i` is generated on demand from its own seeded
 * generator, so an account of 100,000 contacts costs a few typed arrays of memory and
 * any contact can be named by a test. Only the timestamps are kept, to sort by
 * `updated_at` as the API does.
 */
import { createHash } from 'node:crypto';
import type { WireContact, WireCustomField } from '../crm/wire';
import { transliterate } from '../lib/transliterate';
import { sandboxEnumId, sandboxFieldIds } from './custom-fields';
import {
  englishFirstNames,
  englishLastNames,
  feminineSurname,
  hostileNames,
  russianFemaleFirstNames,
  russianMaleFirstNames,
  russianSurnames,
} from './names';
import { typedPhoneNumber } from './phone-formats';
import { createRng, type Rng } from './prng';
import { type SandboxUser, sandboxGroups, sandboxUsers } from './users';

export interface SandboxAccountOptions {
  readonly seed: string;
  readonly contactCount: number;
  /** Unix seconds that "now" means for generated dates; defaults to today, 00:00 UTC. */
  readonly anchorTime?: number;
}

export interface SandboxAccount {
  readonly id: number;
  readonly name: string;
  readonly subdomain: string;
  readonly country: string;
  readonly seed: string;
  readonly contactCount: number;
  readonly users: readonly SandboxUser[];
  /** Bearer token -> user. Tokens derive from the seed, so they survive restarts. */
  readonly tokens: ReadonlyMap<string, SandboxUser>;
  /** The generated contact `index`, as first created: edits live in the server's overlay. */
  contactAt(index: number): WireContact;
  /** Generated `updated_at` of contact `index`, without generating the contact. */
  updatedAtOf(index: number): number;
  /** Contact indexes sorted as `order[field]=direction` would sort them. */
  order(field: 'id' | 'updated_at', direction: 'asc' | 'desc'): Int32Array;
}

const threeYears = 3 * 365 * 24 * 3600;
/** Generated contact `index` has id `firstContactId + index`. */
export const firstContactId = 20_000_001;

export { sandboxFieldIds };

export function sandboxToken(seed: string, user: SandboxUser): string {
  const digest = createHash('sha256').update(`amo-sandbox:${seed}:${user.id}`).digest('hex');
  return `sandbox-${user.key}-${digest.slice(0, 32)}`;
}

export function createSandboxAccount(options: SandboxAccountOptions): SandboxAccount {
  const { seed, contactCount } = options;
  const anchorTime = options.anchorTime ?? Math.floor(Date.now() / 86_400_000) * 86_400;
  const seedHash = createHash('sha256').update(seed).digest();
  const id = 30_000_000 + (seedHash.readUInt32BE(0) % 1_000_000);
  const subdomain = `sandbox${seedHash.readUInt16BE(4)}`;

  const createdAt = new Int32Array(contactCount);
  const updatedAt = new Int32Array(contactCount);
  for (let index = 0; index < contactCount; index++) {
    const rng = contactRng(seed, index);
    const created = anchorTime - rng.int(0, threeYears);
    createdAt[index] = created;
    // A third of contacts were never edited; the rest at some point after creation.
    updatedAt[index] = rng.chance(0.35) ? created : rng.int(created, anchorTime);
  }

  const tokens = new Map(sandboxUsers.map((user) => [sandboxToken(seed, user), user] as const));
  const orders = new Map<string, Int32Array>();

  return {
    id,
    name: seed === 'demo' ? 'Демо: Ромашка Продажи' : `Sandbox ${seed}`,
    subdomain,
    country: 'RU',
    seed,
    contactCount,
    users: sandboxUsers,
    tokens,
    contactAt(index) {
      if (!Number.isInteger(index) || index < 0 || index >= contactCount) {
        throw new RangeError(`no sandbox contact at ${index}`);
      }
      return generateContact(seed, index, createdAt[index] as number, updatedAt[index] as number, id);
    },
    updatedAtOf(index) {
      const value = updatedAt[index];
      if (value === undefined) throw new RangeError(`no sandbox contact at ${index}`);
      return value;
    },
    order(field, direction) {
      const key = `${field}:${direction}`;
      let order = orders.get(key);
      if (!order) {
        order = sortedIndexes(contactCount, field === 'id' ? null : updatedAt, direction);
        orders.set(key, order);
      }
      return order;
    },
  };
}

function contactRng(seed: string, index: number): Rng {
  return createRng(`${seed}#${index}`);
}

function sortedIndexes(count: number, keys: Int32Array | null, direction: 'asc' | 'desc'): Int32Array {
  const indexes = new Int32Array(count);
  for (let i = 0; i < count; i++) indexes[i] = i;
  const sign = direction === 'asc' ? 1 : -1;
  if (keys) {
    // Ties broken by id (index) in the same direction, as a stable API ordering would.
    indexes.sort((a, b) => sign * ((keys[a] as number) - (keys[b] as number) || a - b));
  } else if (sign < 0) {
    indexes.reverse();
  }
  return indexes;
}

function generateContact(
  seed: string,
  index: number,
  createdAt: number,
  updatedAt: number,
  accountId: number,
): WireContact {
  // Skip the two draws used for the timestamps so the rest is independent of them.
  const rng = contactRng(seed, index);
  rng.next();
  rng.next();

  const person = generateName(rng);
  const responsible = rng.pick(sandboxUsers);
  const fields: WireCustomField[] = [];

  // R2 matters only if some contacts have no phone at all.
  const phoneCount = rng.chance(0.09) ? 0 : rng.chance(0.8) ? 1 : rng.chance(0.8) ? 2 : 3;
  if (phoneCount > 0) {
    const codes = ['MOB', 'WORK', 'WORKDD', 'HOME', 'FAX', 'OTHER'] as const;
    fields.push({
      field_id: sandboxFieldIds.phone,
      field_name: 'Телефон',
      field_code: 'PHONE',
      field_type: 'multitext',
      values: Array.from({ length: phoneCount }, (_, n) => {
        // Draw order (number, then code) is part of the seed's contract: keep it.
        const value = typedPhoneNumber(rng);
        const code = n === 0 ? 'MOB' : rng.pick(codes);
        return { value, enum_id: sandboxEnumId('PHONE', code), enum_code: code };
      }),
    });
  }
  if (rng.chance(0.6)) {
    const local = transliterate(`${person.first}.${person.last}`) || `client${index}`;
    const value = `${local}@${rng.pick(['example.com', 'example.ru', 'client.example', 'mail.example'])}`;
    const code = rng.pick(['WORK', 'PRIV', 'OTHER']);
    fields.push({
      field_id: sandboxFieldIds.email,
      field_name: 'Email',
      field_code: 'EMAIL',
      field_type: 'multitext',
      values: [{ value, enum_id: sandboxEnumId('EMAIL', code), enum_code: code }],
    });
  }
  if (rng.chance(0.2)) {
    const handle = transliterate(person.last) || `user${index}`;
    const code = rng.pick(['TELEGRAM', 'SKYPE', 'JABBER', 'OTHER']);
    fields.push({
      field_id: sandboxFieldIds.im,
      field_name: 'Мгн. сообщения',
      field_code: 'IM',
      field_type: 'multitext',
      values: [
        {
          value: code === 'JABBER' ? `${handle}@xmpp.example` : `${handle}${rng.int(1, 99)}`,
          enum_id: sandboxEnumId('IM', code),
          enum_code: code,
        },
      ],
    });
  }
  if (rng.chance(0.3)) {
    fields.push({
      field_id: sandboxFieldIds.position,
      field_name: 'Должность',
      field_code: 'POSITION',
      field_type: 'text',
      values: [{ value: rng.pick(['Менеджер по закупкам', 'Директор', 'Procurement manager', 'CEO', 'Бухгалтер']) }],
    });
  }

  return {
    id: firstContactId + index,
    name: person.display,
    first_name: person.first,
    last_name: person.last,
    responsible_user_id: responsible.id,
    group_id: responsible.groupId,
    created_by: responsible.id,
    updated_by: responsible.id,
    created_at: createdAt,
    updated_at: updatedAt,
    closest_task_at: null,
    is_deleted: false,
    // The API sends null, not [], when no field is filled.
    custom_fields_values: fields.length > 0 ? fields : null,
    account_id: accountId,
    _embedded: { tags: [], companies: [] },
  };
}

function generateName(rng: Rng): { first: string; last: string; display: string } {
  if (rng.chance(0.004)) {
    const hostile = rng.pick(hostileNames);
    return { first: '', last: '', display: hostile };
  }
  if (rng.chance(0.2)) {
    const first = rng.pick(englishFirstNames);
    const last = rng.pick(englishLastNames);
    return { first, last, display: `${first} ${last}` };
  }
  const female = rng.chance(0.5);
  const first = female ? rng.pick(russianFemaleFirstNames) : rng.pick(russianMaleFirstNames);
  const surname = rng.pick(russianSurnames);
  const last = female ? feminineSurname(surname) : surname;
  return { first, last, display: `${first} ${last}` };
}

export { sandboxGroups };
