/**
 * The application menu and the about box. The template is built by a pure function (roles
 * give the platform's own labels, shortcuts and behaviour); clicks call injected actions.
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  readonly showAbout: () => void;
  readonly openDataFolder: () => void;
}

export function menuTemplate(
  platform: NodeJS.Platform,
  appName: string,
  locale: string,
  actions: MenuActions,
): MenuItemConstructorOptions[] {
  const ru = locale.toLowerCase().startsWith('ru');
  const mac = platform === 'darwin';
  const about: MenuItemConstructorOptions = {
    label: ru ? `О программе ${appName}` : `About ${appName}`,
    click: actions.showAbout,
  };
  const dataFolder: MenuItemConstructorOptions = {
    label: ru ? 'Открыть папку с данными' : 'Open the data folder',
    click: actions.openDataFolder,
  };
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    // macOS puts About, Hide and Quit under the app's own name.
    template.push({
      label: appName,
      submenu: [
        about,
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push(
    { role: 'fileMenu', submenu: [dataFolder, { type: 'separator' }, mac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    {
      role: 'viewMenu',
      // No devtools in the menu: a user should not be talked into pasting code there.
      submenu: [
        { role: 'reload' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: mac ? [dataFolder] : [dataFolder, { type: 'separator' }, about] },
  );
  return template;
}

/** The about box's words: the version a user reads out to support, and what it runs on. */
export function aboutText(
  appName: string,
  version: string,
  versions: { electron?: string | undefined; chrome?: string | undefined; node?: string | undefined },
  locale: string,
): { message: string; detail: string } {
  const ru = locale.toLowerCase().startsWith('ru');
  return {
    message: `${appName} ${version}`,
    detail: [
      ru ? 'Ваши контакты из amoCRM и Kommo на телефоне.' : 'Your amoCRM and Kommo contacts on your phone.',
      '',
      `Electron ${versions.electron ?? '?'} · Chromium ${versions.chrome ?? '?'} · Node.js ${versions.node ?? '?'}`,
    ].join('\n'),
  };
}
