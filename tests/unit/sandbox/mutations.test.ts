/** CRM edits in the sandbox: edit, add, delete, restore, seen over HTTP and in the list orders. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxEnumId } from '../../../src/main/sandbox/custom-fields';
import { type SandboxHandle, startSandbox } from '../../../src/main/sandbox/server';
import { sandboxUsers } from '../../../src/main/sandbox/users';
import { allItems, apiGet, type ContactRow } from './sandbox-http';

const anchorTime = 1_780_000_000;
let now = anchorTime + 1000;
let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startSandbox({ contacts: 600, seed: 'mutations', rateLimit: 0, anchorTime, clock: () => now });
});
afterAll(() => sandbox.close());

const firstId = () => sandbox.contactIds()[0] as number;
const contactOverHttp = async (id: number) => apiGet(sandbox, `/api/v4/contacts/${id}`);

describe('sandbox CRM edits', () => {
  it('serves one contact at /contacts/{id}, and 204 for an id that does not exist', async () => {
    const id = firstId();
    const answer = await contactOverHttp(id);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ id, _links: { self: { href: `${sandbox.baseUrl}/api/v4/contacts/${id}` } } });
    expect(answer.json).toEqual(expect.objectContaining(sandbox.account.contactAt(0)));
    expect((await contactOverHttp(1)).status).toBe(204);
    expect((await contactOverHttp(99_999_999)).status).toBe(204);
  });

  it('edits a name, bumping updated_at to the clock, then past it within the same second', async () => {
    const id = firstId() + 10;
    const before = sandbox.liveContact(id) as ContactRow;
    now = anchorTime + 2000;
    const edited = sandbox.editContact(id, { first_name: 'Ада', last_name: 'Лавлейс' });
    expect(edited).toMatchObject({ name: 'Ада Лавлейс', first_name: 'Ада', last_name: 'Лавлейс', updated_at: now });
    const again = sandbox.editContact(id, { name: 'Ада Л.' });
    expect(again.updated_at).toBe(now + 1);
    expect(again.created_at).toBe(before.created_at);
    const served = (await contactOverHttp(id)).json as ContactRow;
    expect(served).toMatchObject({ name: 'Ада Л.', first_name: 'Ада', updated_at: now + 1 });
    // The generated account itself is untouched: edits live in the overlay.
    expect(sandbox.account.contactAt(10).name).toBe(before.name);
  });

  it('replaces phones (as MOB) and e-mails (as WORK), with enum ids from the field definitions', async () => {
    const id = firstId() + 11;
    sandbox.editContact(id, { phones: ['+7 900 000-00-01', '8 900 000 00 02'], emails: ['a@b.example'] });
    const fields = ((await contactOverHttp(id)).json as ContactRow).custom_fields_values ?? [];
    expect(fields.find((f) => f.field_code === 'PHONE')?.values).toEqual([
      { value: '+7 900 000-00-01', enum_id: sandboxEnumId('PHONE', 'MOB'), enum_code: 'MOB' },
      { value: '8 900 000 00 02', enum_id: sandboxEnumId('PHONE', 'MOB'), enum_code: 'MOB' },
    ]);
    expect(fields.find((f) => f.field_code === 'EMAIL')?.values).toEqual([
      { value: 'a@b.example', enum_id: sandboxEnumId('EMAIL', 'WORK'), enum_code: 'WORK' },
    ]);
    sandbox.editContact(id, { phones: [], emails: [] });
    const emptied = ((await contactOverHttp(id)).json as ContactRow).custom_fields_values ?? [];
    expect(emptied.map((f) => f.field_code)).not.toEqual(expect.arrayContaining(['PHONE']));
    expect(emptied.map((f) => f.field_code)).not.toEqual(expect.arrayContaining(['EMAIL']));
  });

  it('moves a contact to another responsible user and that user group, and refuses an unknown user', () => {
    const id = firstId() + 12;
    const target = sandboxUsers.find((user) => user.key === 'group2');
    const edited = sandbox.editContact(id, { responsible_user_id: target?.id as number });
    expect(edited).toMatchObject({ responsible_user_id: target?.id, group_id: target?.groupId });
    expect(() => sandbox.editContact(id, { responsible_user_id: 1 })).toThrow(/no sandbox user/);
  });

  it('adds a contact above every id, created and updated now, last by id and first by newest update', async () => {
    now = anchorTime + 3000;
    const maxBefore = Math.max(...sandbox.contactIds());
    const added = sandbox.addContact({ name: 'Новый Клиент', phones: ['+7 901 111-22-33'] });
    expect(added.id).toBe(maxBefore + 1);
    expect(added).toMatchObject({ created_at: now, updated_at: now, name: 'Новый Клиент', is_deleted: false });
    expect(sandbox.contactIds().at(-1)).toBe(added.id);
    const newest = await apiGet(sandbox, '/api/v4/contacts?limit=1&order[updated_at]=desc');
    expect((newest.json as { _embedded: { contacts: ContactRow[] } })._embedded.contacts[0]?.id).toBe(added.id);
    const byId = await allItems<ContactRow>(sandbox, '/api/v4/contacts?limit=250&order[id]=asc', 'contacts');
    expect(byId.at(-1)?.id).toBe(added.id);
  });

  it('deletes a contact: gone from the lists, from contactIds and 204 at /contacts/{id}; restore brings it back', async () => {
    const id = firstId() + 20;
    sandbox.deleteContact(id);
    expect(sandbox.contactIds()).not.toContain(id);
    expect(sandbox.liveContact(id)).toBeNull();
    expect((await contactOverHttp(id)).status).toBe(204);
    const listed = await allItems<ContactRow>(sandbox, '/api/v4/contacts?limit=250', 'contacts');
    expect(listed.map((c) => c.id)).not.toContain(id);
    expect(() => sandbox.editContact(id, { name: 'x' })).toThrow();
    expect(() => sandbox.deleteContact(id)).toThrow();

    now = anchorTime + 4000;
    const restored = sandbox.restoreContact(id);
    expect(restored.updated_at).toBe(now);
    expect(sandbox.contactIds()).toContain(id);
    expect((await contactOverHttp(id)).status).toBe(200);
    expect(() => sandbox.restoreContact(id)).toThrow();
  });

  it('keeps both orders exact after edits: the same live ids, sorted by (updated_at, id)', async () => {
    sandbox.deleteContact(firstId() + 30);
    sandbox.editContact(firstId() + 40, { name: 'Свежий' });
    // An edit stamped in the middle of the history must land in the middle of the order.
    const old = sandbox
      .contactIds()
      .find((id) => (sandbox.liveContact(id)?.updated_at ?? 0) < anchorTime - 600 * 86_400);
    now = anchorTime - 500 * 86_400;
    expect(sandbox.editContact(old as number, { name: 'Середина' }).updated_at).toBe(now);
    const live = sandbox.contactIds();
    expect(live).toEqual([...live].sort((a, b) => a - b));
    const byId = await allItems<ContactRow>(sandbox, '/api/v4/contacts?limit=250', 'contacts');
    expect(byId.map((c) => c.id)).toEqual(live);
    for (const direction of ['asc', 'desc'] as const) {
      const rows = await allItems<ContactRow>(
        sandbox,
        `/api/v4/contacts?limit=250&order[updated_at]=${direction}`,
        'contacts',
      );
      const sign = direction === 'asc' ? 1 : -1;
      const sorted = [...rows].sort((a, b) => sign * (a.updated_at - b.updated_at || a.id - b.id));
      expect(rows.map((c) => c.id)).toEqual(sorted.map((c) => c.id));
      expect(new Set(rows.map((c) => c.id))).toEqual(new Set(live));
    }
  });
});
