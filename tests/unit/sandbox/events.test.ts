/** GET /api/v4/events: every CRM edit is there, newest first, with filters that always work. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../../src/main/sandbox/server';
import { sandboxUsers } from '../../../src/main/sandbox/users';
import { apiGet, type Page } from './sandbox-http';

interface EventRow {
  id: string;
  type: string;
  entity_id: number;
  entity_type: string;
  created_by: number;
  created_at: number;
  value_before: unknown[];
  value_after: unknown[];
  account_id: number;
}

const t0 = 1_790_000_000;
let now = t0;
let sandbox: SandboxHandle;
let ids: number[];

beforeAll(async () => {
  sandbox = await startSandbox({ contacts: 300, seed: 'events', rateLimit: 0, anchorTime: t0 - 100, clock: () => now });
  ids = sandbox.contactIds();
});
afterAll(() => sandbox.close());

const events = async (query: string, token?: string) => {
  const answer = await apiGet(sandbox, `/api/v4/events${query}`, token);
  return { answer, rows: answer.status === 200 ? ((answer.json as Page<EventRow>)._embedded['events'] ?? []) : [] };
};
const at = (n: number) => ids[n] as number;

describe('sandbox events', () => {
  it('answers 204 while nothing has happened', async () => {
    expect((await events('')).answer.status).toBe(204);
  });

  it('records each kind of edit at the clock, newest first, in the HAL shape', async () => {
    now = t0 + 10;
    sandbox.deleteContact(at(1));
    now = t0 + 20;
    sandbox.editContact(at(2), { name: 'Новое имя' });
    sandbox.editContact(at(3), { phones: ['+7 900 123-45-67'] });
    now = t0 + 30;
    sandbox.restoreContact(at(1));
    const added = sandbox.addContact({ name: 'Добавлен' });
    now = t0 + 40;
    const other = sandboxUsers.find((user) => user.key === 'denied')?.id as number;
    sandbox.editContact(at(4), { responsible_user_id: other });

    const { answer, rows } = await events('');
    expect(answer.contentType).toContain('application/hal+json');
    expect(rows.map((e) => [e.type, e.entity_id, e.created_at])).toEqual([
      ['entity_responsible_changed', at(4), t0 + 40],
      ['contact_added', added.id, t0 + 30],
      ['contact_restored', at(1), t0 + 30],
      ['custom_field_value_changed', at(3), t0 + 20],
      ['name_field_changed', at(2), t0 + 20],
      ['contact_deleted', at(1), t0 + 10],
    ]);
    for (const event of rows) {
      expect(event).toMatchObject({
        entity_type: 'contact',
        account_id: sandbox.accountId,
        created_by: expect.any(Number),
      });
      expect(event.id).toMatch(/^[0-9a-z]{26}$/);
      expect(Array.isArray(event.value_before) && Array.isArray(event.value_after)).toBe(true);
    }
    const eventIds = rows.map((e) => e.id);
    expect(eventIds).toEqual([...eventIds].sort().reverse());
    expect(new Set(eventIds).size).toBe(eventIds.length);
    expect(rows[0]?.value_after).toEqual([{ responsible_user: { id: other } }]);
  });

  it('filters by type, as a comma list or as an array', async () => {
    const wanted = ['contact_deleted', 'contact_restored'];
    for (const query of [
      '?filter[type]=contact_deleted,contact_restored',
      '?filter[type][]=contact_deleted&filter[type][]=contact_restored',
      '?filter[type][0]=contact_deleted&filter[type][1]=contact_restored',
    ]) {
      const { rows } = await events(query);
      expect(rows.map((e) => e.type).sort(), query).toEqual([...wanted].sort());
    }
  });

  it('filters by created_at: [from]/[to] inclusive, and a bare value meaning "from"', async () => {
    const range = await events(`?filter[created_at][from]=${t0 + 20}&filter[created_at][to]=${t0 + 30}`);
    expect(range.rows.map((e) => e.created_at)).toEqual([t0 + 30, t0 + 30, t0 + 20, t0 + 20]);
    const bare = await events(`?filter[created_at]=${t0 + 30}`);
    expect(bare.rows.map((e) => e.created_at)).toEqual([t0 + 40, t0 + 30, t0 + 30]);
    expect((await events(`?filter[created_at][from]=${t0 + 41}`)).answer.status).toBe(204);
  });

  it('filters by entity and entity id', async () => {
    expect((await events('?filter[entity]=contact')).rows).toHaveLength(6);
    expect((await events('?filter[entity]=lead')).answer.status).toBe(204);
    expect((await events(`?filter[entity_id]=${at(1)}`)).rows.map((e) => e.type)).toEqual([
      'contact_restored',
      'contact_deleted',
    ]);
  });

  it('pages at most 100, with next links and 204 past the end', async () => {
    const tooMany = await events('?limit=101');
    expect(tooMany.answer.status).toBe(400);
    expect(tooMany.answer.json).toHaveProperty('validation-errors');
    const first = await events('?limit=4');
    expect(first.rows).toHaveLength(4);
    expect((first.answer.json as Page<EventRow>)._links['next']?.href).toContain('page=2');
    const second = await events('?limit=4&page=2');
    expect(second.rows).toHaveLength(2);
    expect((second.answer.json as Page<EventRow>)._links['next']).toBeUndefined();
    expect((await events('?limit=4&page=3')).answer.status).toBe(204);
  });

  it('is open to every user, not only the admin', async () => {
    for (const user of sandboxUsers) {
      const { answer, rows } = await events('?limit=100', sandbox.tokens[user.key]);
      expect(answer.status, user.key).toBe(200);
      expect(rows).toHaveLength(6);
    }
    expect((await events('', 'not-a-token')).answer.status).toBe(401);
  });
});
