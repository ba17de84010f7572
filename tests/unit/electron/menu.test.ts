/** The menu's roles per platform, and the about box's version. */
// biome-ignore lint/style/noRestrictedImports: a type only, erased at run time; the test never loads electron
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { aboutText, menuTemplate } from '../../../src/main/electron/menu';
import { sqliteBinding } from '../../../src/main/electron/native-binding';

const actions = { showAbout: () => undefined, openDataFolder: () => undefined };

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

describe('menuTemplate', () => {
  it('has the usual menus on Windows and Linux, with About under Help', () => {
    const template = menuTemplate('linux', 'amo-phonebook', 'en', actions);
    expect(template.map((item) => item.role)).toEqual(['fileMenu', 'editMenu', 'viewMenu', 'windowMenu', 'help']);
    expect(roles(template)).toContain('quit');
    const help = template.at(-1)?.submenu as MenuItemConstructorOptions[];
    expect(help.map((item) => item.label)).toContain('About amo-phonebook');
    expect(help.find((item) => item.label === 'About amo-phonebook')?.click).toBe(actions.showAbout);
  });

  it("starts with the app's own menu on macOS", () => {
    const template = menuTemplate('darwin', 'amo-phonebook', 'ru', actions);
    expect(template[0]?.label).toBe('amo-phonebook');
    expect(roles([template[0] as MenuItemConstructorOptions])).toEqual([
      'services',
      'hide',
      'hideOthers',
      'unhide',
      'quit',
    ]);
    expect((template[0]?.submenu as MenuItemConstructorOptions[] | undefined)?.[0]?.label).toBe(
      'О программе amo-phonebook',
    );
    expect(template.slice(1).map((item) => item.role)).toEqual([
      'fileMenu',
      'editMenu',
      'viewMenu',
      'windowMenu',
      'help',
    ]);
  });

  it('offers no developer tools to a user', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      expect(roles(menuTemplate(platform, 'a', 'en', actions))).not.toContain('toggleDevTools');
    }
  });
});

describe('aboutText', () => {
  it('names the version a user reads out to support', () => {
    const text = aboutText('amo-phonebook', '0.1.0', { electron: '45.5.0', chrome: '142', node: '22.20.0' }, 'en');
    expect(text.message).toBe('amo-phonebook 0.1.0');
    expect(text.detail).toContain('Electron 45.5.0');
  });
});

describe('sqliteBinding', () => {
  it("uses npm start's Electron build in development, and the unpacked copy when packaged", () => {
    expect(sqliteBinding(false, { AMO_PHONEBOOK_SQLITE_BINDING: '/b.node' }, '/x')).toBe('/b.node');
    expect(sqliteBinding(false, {}, '/x')).toBeUndefined();
    expect(
      sqliteBinding(true, { AMO_PHONEBOOK_SQLITE_BINDING: '/ignored' }, '/opt/app/resources/app.asar/out/main'),
    ).toBe('/opt/app/resources/app.asar.unpacked/out/native/better_sqlite3.node');
  });
});
