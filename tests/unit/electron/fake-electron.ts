/**
 * A recording stand-in for the `electron` module, for the main-process wiring test
 * (installed with vi.mock: Electron's binary cannot run here). It implements only what
 * src/main/electron/main.ts touches, and keeps everything that was registered.
 */
import { EventEmitter } from 'node:events';
import { type CoreChildStandIn, forkCoreStandIn } from '../../helpers/core-process-stand-in';
import { fakeSafeStorage } from './fake-safe-storage';
import { fakeWindow } from './fake-window';

type Handler = (...args: never[]) => unknown;

export const recorded = {
  privilegedSchemes: [] as unknown[],
  protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
  ipcHandlers: new Map<string, Handler>(),
  windows: [] as { options: Record<string, unknown>; window: ReturnType<typeof fakeElectronWindow> }[],
  sessions: new Map<string, ReturnType<typeof fakeSession>>(),
  menu: null as unknown,
  messageBoxes: [] as Record<string, unknown>[],
  errorBoxes: [] as string[],
  opened: [] as string[],
  userData: null as string | null,
  exitCode: null as number | null,
  utilityProcesses: [] as { modulePath: string; options: unknown; child: CoreChildStandIn }[],
};

function fakeSession() {
  return {
    permissionRequestHandler: null as Handler | null,
    permissionCheckHandler: null as Handler | null,
    cleared: false,
    setPermissionRequestHandler(handler: Handler) {
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: Handler) {
      this.permissionCheckHandler = handler;
    },
    async clearStorageData() {
      this.cleared = true;
    },
  };
}

function fakeElectronWindow() {
  const window = fakeWindow();
  return Object.assign(window, {
    focused: 0,
    shown: false,
    webContents: Object.assign(window.webContents, {
      sent: [] as unknown[],
      send(_channel: string, payload: unknown) {
        this.sent.push(payload);
      },
      isDestroyed: () => window.state.destroyed,
      once: () => undefined,
    }),
    show() {
      this.shown = true;
    },
    maximize: () => undefined,
    isMinimized: () => false,
    restore: () => undefined,
    focus() {
      this.focused += 1;
    },
    getNormalBounds: () => ({ x: 10, y: 20, width: 900, height: 700 }),
    isMaximized: () => false,
  });
}

class BrowserWindow {
  constructor(options: Record<string, unknown>) {
    const window = fakeElectronWindow();
    recorded.windows.push({ options, window });
    // biome-ignore lint/correctness/noConstructorReturn: the fake stands in for the real object
    return window as unknown as BrowserWindow;
  }
  static getAllWindows() {
    return recorded.windows.filter(({ window }) => !window.state.destroyed).map(({ window }) => window);
  }
}

const appEvents = new EventEmitter();
const defaultSession = fakeSession();

export const electron = {
  app: Object.assign(appEvents, {
    isPackaged: false,
    setPath(name: string, path: string) {
      if (name === 'userData') recorded.userData = path;
    },
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    getLocale: () => 'ru',
    quit: () => undefined,
    exit(code: number) {
      recorded.exitCode = code;
    },
  }),
  BrowserWindow,
  dialog: {
    showErrorBox(_title: string, message: string) {
      recorded.errorBoxes.push(message);
    },
    async showMessageBox(...args: unknown[]) {
      recorded.messageBoxes.push(args.at(-1) as Record<string, unknown>);
      return { response: 0, checkboxChecked: false };
    },
  },
  ipcMain: {
    handle(channel: string, handler: Handler) {
      recorded.ipcHandlers.set(channel, handler);
    },
    removeHandler(channel: string) {
      recorded.ipcHandlers.delete(channel);
    },
  },
  Menu: {
    buildFromTemplate: (template: unknown) => ({ template }),
    setApplicationMenu(menu: unknown) {
      recorded.menu = menu;
    },
  },
  protocol: {
    registerSchemesAsPrivileged(schemes: unknown[]) {
      recorded.privilegedSchemes.push(...schemes);
    },
    handle(scheme: string, handler: (request: Request) => Promise<Response>) {
      recorded.protocolHandlers.set(scheme, handler);
    },
  },
  safeStorage: fakeSafeStorage({ backend: 'basic_text' }),
  // The core's real entry in a real child process (see core-process-stand-in.ts).
  utilityProcess: {
    fork(modulePath: string, _args: string[], options: unknown) {
      const child = forkCoreStandIn();
      recorded.utilityProcesses.push({ modulePath, options, child });
      return child;
    },
  },
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  session: {
    defaultSession,
    fromPartition(partition: string) {
      const session = fakeSession();
      recorded.sessions.set(partition, session);
      return session;
    },
  },
  shell: {
    async openExternal(url: string) {
      recorded.opened.push(url);
    },
    openPath: async () => '',
  },
};

export const fakeDefaultSession = defaultSession;
