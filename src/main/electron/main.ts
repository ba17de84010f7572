/**
 * The Electron face: a thin shell around the core. It creates the window, serves the UI
 * from app://, wires the typed API to IPC, and hands the core what only Electron has.
 * No domain logic lives here.
 */
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron';
import { createDispatcher } from '../api/dispatch';
import { type CoreService, createCoreService } from '../service';
import { appOrigin, isTrustedAppUrl } from './app-origin';
import { appSchemePrivileges, handleAppProtocol } from './app-protocol';
import { forwardEvents, registerIpcApi } from './ipc';
import { lockDownSession, lockDownWindow } from './window-security';

const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
let service: CoreService | null = null;

protocol.registerSchemesAsPrivileged([appSchemePrivileges]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      // A refused database (damaged, or from a newer version) lands here: say it in words.
      console.error(error);
      dialog.showErrorBox('amo-phonebook', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
}

async function start(): Promise<void> {
  lockDownSession(session.defaultSession);
  handleAppProtocol(protocol, join(import.meta.dirname, '../renderer'));
  // In development `npm start` builds better-sqlite3 for Electron's ABI beside the Node
  // build (scripts/electron-native.js) and passes its path here.
  const nativeBinding = !app.isPackaged ? process.env['AMO_PHONEBOOK_SQLITE_BINDING'] : undefined;
  service = createCoreService({
    dataDir: app.getPath('userData'),
    face: 'electron',
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  registerIpcApi(ipcMain, createDispatcher(service.api), (url) => isTrustedAppUrl(url, devServerUrl));
  await createMainWindow(service);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0 && service) void createMainWindow(service);
  });
}

async function createMainWindow(core: CoreService): Promise<void> {
  const window = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'amo-phonebook',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  lockDownWindow(window, shell, devServerUrl);
  forwardEvents(core.events, window.webContents);
  window.once('ready-to-show', () => window.show());
  await window.loadURL(devServerUrl ? `${devServerUrl}/desktop/index.html` : `${appOrigin}/`);
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

let closing = false;
app.on('will-quit', (event) => {
  if (closing || !service) return;
  // Close the mirror cleanly (WAL checkpoint) before the process ends.
  event.preventDefault();
  closing = true;
  void service.close().finally(() => app.exit(0));
});
