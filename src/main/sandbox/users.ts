/**
 * The sandbox account's people: an admin and managers in groups, with the export rights
 * the product must handle (all, group, only-if-responsible, denied).
 */

export type RightLetter = 'A' | 'G' | 'M' | 'D';

export interface SandboxGroup {
  readonly id: number;
  readonly name: string;
}

export interface SandboxUser {
  /** The key under which `sandbox` prints this user's token. */
  readonly key: string;
  readonly id: number;
  readonly name: string;
  readonly email: string;
  readonly groupId: number;
  readonly isAdmin: boolean;
  readonly contactsExport: RightLetter;
  readonly lang: 'ru' | 'en';
}

export const sandboxGroups: readonly SandboxGroup[] = [
  { id: 0, name: 'Отдел продаж' },
  { id: 101, name: 'Продажи: Север' },
  { id: 102, name: 'Продажи: Юг' },
];

export const sandboxUsers: readonly SandboxUser[] = [
  {
    key: 'admin',
    id: 5_000_001,
    name: 'Администратор',
    email: 'admin@sandbox.example',
    groupId: 0,
    isAdmin: true,
    contactsExport: 'A',
    lang: 'ru',
  },
  {
    key: 'responsible',
    id: 5_000_002,
    name: 'Ирина Соколова',
    email: 'irina@sandbox.example',
    groupId: 101,
    isAdmin: false,
    contactsExport: 'M',
    lang: 'ru',
  },
  {
    key: 'group',
    id: 5_000_003,
    name: 'Павел Орлов',
    email: 'pavel@sandbox.example',
    groupId: 101,
    isAdmin: false,
    contactsExport: 'G',
    lang: 'ru',
  },
  {
    key: 'group2',
    id: 5_000_004,
    name: 'Мария Кузнецова',
    email: 'maria@sandbox.example',
    groupId: 102,
    isAdmin: false,
    contactsExport: 'G',
    lang: 'ru',
  },
  {
    key: 'denied',
    id: 5_000_005,
    name: 'Олег Титов',
    email: 'oleg@sandbox.example',
    groupId: 102,
    isAdmin: false,
    contactsExport: 'D',
    lang: 'ru',
  },
  {
    key: 'english',
    id: 5_000_006,
    name: 'Emily Clark',
    email: 'emily@sandbox.example',
    groupId: 102,
    isAdmin: false,
    contactsExport: 'M',
    lang: 'en',
  },
];

export function sandboxUserById(id: number): SandboxUser | undefined {
  return sandboxUsers.find((user) => user.id === id);
}

export function sandboxUserByKey(key: string): SandboxUser | undefined {
  return sandboxUsers.find((user) => user.key === key);
}
