/**
 * The sandbox users as `GET /api/v4/users` shows them: rights per entity (reference §3.2),
 * with the contacts export right each user is defined with. Everyone may view every
 * contact (view 'A'), so `/contacts` lists all of them for every token; the export right is
 * the one the product must honour itself.
 */
import { type RightLetter, type SandboxUser, sandboxGroups } from './users';

export interface SandboxRole {
  readonly id: number;
  readonly name: string;
}

/** One role per non-admin export right: roles are how an admin hands out rights. */
const rolesByExport: Readonly<Record<RightLetter, SandboxRole>> = {
  A: { id: 9_001, name: 'Руководитель' },
  G: { id: 9_002, name: 'Менеджер группы' },
  M: { id: 9_003, name: 'Менеджер' },
  D: { id: 9_004, name: 'Стажёр' },
};

export function roleOf(user: SandboxUser): SandboxRole | null {
  return user.isAdmin ? null : rolesByExport[user.contactsExport];
}

export function userJson(user: SandboxUser, withParts: ReadonlySet<string>, baseUrl: string): Record<string, unknown> {
  const role = roleOf(user);
  const admin = user.isAdmin;
  const entity = (exportRight: RightLetter) => ({
    view: 'A',
    edit: admin ? 'A' : 'G',
    add: 'A',
    delete: admin ? 'A' : 'D',
    export: exportRight,
  });
  const body: Record<string, unknown> = {
    id: user.id,
    name: user.name,
    email: user.email,
    lang: user.lang,
    rights: {
      leads: entity(admin ? 'A' : 'D'),
      contacts: entity(user.contactsExport),
      companies: entity(admin ? 'A' : 'D'),
      tasks: { edit: 'A', delete: admin ? 'A' : 'D' },
      mail_access: true,
      catalog_access: true,
      status_rights: [],
      is_admin: admin,
      is_free: false,
      is_active: true,
      group_id: user.groupId,
      role_id: role?.id ?? null,
    },
    _links: { self: { href: `${baseUrl}/api/v4/users/${user.id}` } },
  };
  const embedded: Record<string, unknown> = {};
  if (withParts.has('role')) embedded['roles'] = role ? [{ ...role }] : [];
  if (withParts.has('group')) {
    embedded['groups'] = sandboxGroups.filter((group) => group.id === user.groupId).map((group) => ({ ...group }));
  }
  if (Object.keys(embedded).length > 0) body['_embedded'] = embedded;
  return body;
}
