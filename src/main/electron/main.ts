/**
 * The Electron face: a thin shell around the core. It creates the window, serves the UI
 * from app://, starts the core in a utility process (so a long render or commit never
 * blocks the windows), relays the typed API's IPC to it, and answers what only Electron has
 * (the keychain, the consent window). No domain logic lives here; each part is its own
 * module with its own tests.
 */
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  utilityProcess,
} from 'electron';
import { type CoreClient, connectCore } from '../core-process/core-client';
import { defaultDataDir } from '../lib/paths';
import { setAside, sqliteCompanions } from '../lib/set-aside';
import { appVersion } from '../lib/version';
import { systemKeychain } from '../secrets/os-keychain';
import { appOrigin, isTrustedAppUrl } from './app-origin';
import { appSchemePrivileges, handleAppProtocol } from './app-protocol';
import { createConsentWindowOpener } from './consent-window';
import { offerToStartFresh, type StartFreshDeps } from './damaged-mirror';
import { openDesktopSecrets } from './desktop-secrets';
import { desktopStateFile, desktopStateWritten, readDesktopState, updateDesktopState } from './desktop-state';
import { registerIpcApi } from './ipc';
import { warnAboutKeychain } from './keychain-notice';
import { openMainWindow } from './main-window';
import { aboutText, menuTemplate } from './menu';
import { sqliteBinding } from './native-binding';
import { lockDownSession } from './window-security';

const appName = 'amo-phonebook';
const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
// The same folder the CLI and browser mode use (AMO_PHONEBOOK_DATA_DIR included, which
// the Electron end-to-end tests use to give each run its own); Chromium's profile goes there too.
const dataDir = defaultDataDir();
const statePath = join(dataDir, desktopStateFile);
let core: CoreClient | null = null;
let mainWindow: BrowserWindow | null = null;

app.setPath('userData', dataDir);
protocol.registerSchemesAsPrivileged([appSchemePrivileges]);

/** Only through the validator: never hand an unchecked string to the OS. */
const openExternal = (url: string) => shell.openExternal(url);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      // A refused database (damaged, or from a newer version) lands here: say it in words.
      console.error(error);
      dialog.showErrorBox(appName, error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
}

async function start(): Promise<void> {
  lockDownSession(session.defaultSession);
  handleAppProtocol(protocol, join(import.meta.dirname, '../renderer'));
  const locale = app.getLocale();
  const secrets = await openDesktopSecrets({
    dataDir,
    platform: process.platform,
    safeStorage,
    keychain: systemKeychain,
    log: (message) => console.warn(message),
  });
  const nativeBinding = sqliteBinding(app.isPackaged, process.env, import.meta.dirname);
  const startCore = () =>
    connectCore({
      spawn: () => utilityProcess.fork(join(import.meta.dirname, 'core.js'), [], { serviceName: `${appName} core` }),
      start: { dataDir, uiDir: join(import.meta.dirname, '../renderer'), ...(nativeBinding ? { nativeBinding } : {}) },
      secrets: secrets.store,
      openConsentWindow: createConsentWindowOpener({ createWindow: createConsentWindow, openExternal }),
      // The core has checked that the path is a .vcf one of its exports wrote.
      revealFile: (path) => shell.showItemInFolder(path),
    });
  core = startCore();
  try {
    // A mirror that cannot be opened (damaged, or from a newer version) rejects here, in words.
    await core.ready;
  } catch (error) {
    await core.close();
    core = null;
    // A damaged one: the person may keep it aside and start fresh; anything else ends below.
    if (!(await offerToStartFresh(error, startFreshDeps(locale)))) throw error;
    core = startCore();
    await core.ready;
  }
  registerIpcApi(ipcMain, core.dispatch, (url) => isTrustedAppUrl(url, devServerUrl));
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(process.platform, appName, locale, {
        showAbout: () => void showAbout(locale),
        openDataFolder: () => void shell.openPath(dataDir),
      }),
    ),
  );
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0 && core) void showMainWindow(core);
  });
  await showMainWindow(core);
  await warnAboutKeychain(secrets.problem, {
    locale,
    alreadyDismissed: (await readDesktopState(statePath)).keychainNoticeDismissed === true,
    rememberDismissed: () => updateDesktopState(statePath, { keychainNoticeDismissed: true }),
    showMessageBox: (text) => {
      const options = {
        type: 'warning' as const,
        title: text.title,
        message: text.message,
        detail: text.detail,
        buttons: [text.ok],
        checkboxLabel: text.dontShowAgain,
      };
      return mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options);
    },
  });
}

function startFreshDeps(locale: string): StartFreshDeps {
  return {
    locale,
    ask: async (text) => {
      const { response } = await dialog.showMessageBox({
        type: 'warning',
        title: text.title,
        message: text.message,
        detail: text.detail,
        buttons: [text.startFresh, text.quit],
        defaultId: 1,
        cancelId: 1,
      });
      return response === 0;
    },
    setAside: (path) => setAside(path, new Date(), sqliteCompanions),
    log: (message) => console.warn(message),
  };
}

async function showMainWindow(running: CoreClient): Promise<void> {
  mainWindow = await openMainWindow({
    // The renderer gets no Node, runs sandboxed and isolated from the preload, and can host no
    // webview: a bug in the page (or a malicious contact name) then reaches nothing but the
    // preload's named verbs, each checked again in main. Middle-click opens nothing (Auxclick).
    create: (options) =>
      new BrowserWindow({
        ...options,
        webPreferences: {
          preload: join(import.meta.dirname, '../preload/index.cjs'),
          contextIsolation: true,
          sandbox: true,
          nodeIntegration: false,
          nodeIntegrationInWorker: false,
          nodeIntegrationInSubFrames: false,
          webviewTag: false,
          webSecurity: true,
          allowRunningInsecureContent: false,
          experimentalFeatures: false,
          navigateOnDragDrop: false,
          spellcheck: false,
          disableBlinkFeatures: 'Auxclick',
        },
      }),
    workAreas: () => screen.getAllDisplays().map((display) => display.workArea),
    openExternal,
    events: running.events,
    statePath,
    devServerUrl,
    startUrl: devServerUrl ? `${devServerUrl}/desktop/index.html` : `${appOrigin}/`,
  });
}

/** amoCRM's consent page: its own in-memory session, locked down, no preload. */
function createConsentWindow(partition: string): BrowserWindow {
  const consentSession = session.fromPartition(partition);
  lockDownSession(consentSession);
  const window = new BrowserWindow({
    width: 900,
    height: 720,
    title: 'amoCRM',
    ...(mainWindow && !mainWindow.isDestroyed() ? { parent: mainWindow } : {}),
    webPreferences: {
      partition,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('closed', () => void consentSession.clearStorageData());
  return window;
}

async function showAbout(locale: string): Promise<void> {
  const text = aboutText(appName, appVersion, process.versions, locale);
  const options = { type: 'info' as const, title: appName, message: text.message, detail: text.detail };
  await (mainWindow && !mainWindow.isDestroyed()
    ? dialog.showMessageBox(mainWindow, options)
    : dialog.showMessageBox(options));
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

let closing = false;
app.on('will-quit', (event) => {
  if (closing || !core) return;
  // Close the mirror cleanly (WAL checkpoint) and finish writing the window's place
  // before the process ends.
  event.preventDefault();
  closing = true;
  void Promise.allSettled([core.close(), desktopStateWritten()]).finally(() => app.exit(0));
});
