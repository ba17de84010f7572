/** GET /api/v4/users: admins only, with each user's rights; every user still sees every contact. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../../src/main/sandbox/server';
import { sandboxGroups, sandboxUsers } from '../../../src/main/sandbox/users';
import { allItems, apiGet, type ContactRow, type Page } from './sandbox-http';

interface UserRow {
  id: number;
  name: string;
  email: string;
  lang: string;
  rights: {
    contacts: Record<string, string>;
    leads: Record<string, string>;
    companies: Record<string, string>;
    is_admin: boolean;
    is_free: boolean;
    is_active: boolean;
    group_id: number;
    role_id: number | null;
  };
  _embedded?: { roles: { id: number; name: string }[]; groups: { id: number; name: string }[] };
}

interface UsersPage extends Page<UserRow> {
  _total_items: number;
  _page_count: number;
}

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox({ contacts: 300, seed: 'users', rateLimit: 0 });
});
afterAll(() => sandbox.close());

const nonAdmins = sandboxUsers.filter((user) => !user.isAdmin);

describe('sandbox users and rights', () => {
  it('lists every user to the admin, with rights, roles and groups', async () => {
    const answer = await apiGet(sandbox, '/api/v4/users?with=role,group');
    expect(answer.status).toBe(200);
    const page = answer.json as UsersPage;
    expect(page).toMatchObject({ _total_items: sandboxUsers.length, _page: 1, _page_count: 1 });
    const users = page._embedded['users'] ?? [];
    expect(users.map((u) => u.id)).toEqual(sandboxUsers.map((u) => u.id));
    for (const [n, user] of users.entries()) {
      const expected = sandboxUsers[n];
      expect(user).toMatchObject({ name: expected?.name, email: expected?.email, lang: expected?.lang });
      expect(user.rights.contacts).toEqual({
        view: 'A',
        edit: expect.any(String),
        add: expect.any(String),
        delete: expect.any(String),
        export: expected?.contactsExport,
      });
      expect(Object.keys(user.rights.leads).sort()).toEqual(['add', 'delete', 'edit', 'export', 'view']);
      expect(user.rights).toMatchObject({
        is_admin: expected?.isAdmin,
        is_free: false,
        is_active: true,
        group_id: expected?.groupId,
      });
      expect(user._embedded?.groups).toEqual(sandboxGroups.filter((g) => g.id === expected?.groupId));
      const roles = user._embedded?.roles ?? [];
      expect(roles.map((r) => r.id)).toEqual(user.rights.role_id === null ? [] : [user.rights.role_id]);
    }
    expect(users.filter((u) => u.rights.is_admin)).toHaveLength(1);
    expect(new Set(users.map((u) => u.rights.contacts['export']))).toEqual(new Set(['A', 'G', 'M', 'D']));
  });

  it('leaves roles and groups out unless asked', async () => {
    const users = ((await apiGet(sandbox, '/api/v4/users')).json as UsersPage)._embedded['users'] ?? [];
    expect(users.every((u) => u._embedded === undefined)).toBe(true);
  });

  it('pages the list with totals, and refuses a limit over 250', async () => {
    const first = (await apiGet(sandbox, '/api/v4/users?limit=4')).json as UsersPage;
    expect(first._embedded['users']).toHaveLength(4);
    expect(first).toMatchObject({ _total_items: sandboxUsers.length, _page_count: 2 });
    expect(first._links['next']?.href).toContain('page=2');
    const second = (await apiGet(sandbox, '/api/v4/users?limit=4&page=2')).json as UsersPage;
    expect(second._embedded['users']).toHaveLength(sandboxUsers.length - 4);
    expect((await apiGet(sandbox, '/api/v4/users?limit=4&page=3')).status).toBe(204);
    expect((await apiGet(sandbox, '/api/v4/users?limit=251')).status).toBe(400);
  });

  it('serves one user to the admin, and 404 for an unknown one', async () => {
    const target = nonAdmins[0];
    const answer = await apiGet(sandbox, `/api/v4/users/${target?.id}?with=role`);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ id: target?.id, rights: { contacts: { export: target?.contactsExport } } });
    expect((answer.json as UserRow)._embedded?.roles).toHaveLength(1);
    expect((await apiGet(sandbox, '/api/v4/users/42')).status).toBe(404);
  });

  it('refuses every non-admin with 403 problem+json, even for their own record', async () => {
    for (const user of nonAdmins) {
      for (const path of ['/api/v4/users', `/api/v4/users/${user.id}?with=role,group`]) {
        const answer = await apiGet(sandbox, path, sandbox.tokens[user.key]);
        expect(answer.status, `${user.key} ${path}`).toBe(403);
        expect(answer.contentType).toContain('application/problem+json');
        expect(answer.json).toMatchObject({ status: 403, title: 'Forbidden' });
      }
    }
  });

  it('lists every contact to every user (view right A)', async () => {
    const adminIds = (await allItems<ContactRow>(sandbox, '/api/v4/contacts?limit=250', 'contacts')).map((c) => c.id);
    expect(adminIds).toEqual(sandbox.contactIds());
    for (const user of nonAdmins) {
      const token = sandbox.tokens[user.key];
      const ids = (await allItems<ContactRow>(sandbox, '/api/v4/contacts?limit=250', 'contacts', token)).map(
        (c) => c.id,
      );
      expect(ids, user.key).toEqual(adminIds);
    }
  });
});
