/**
 * The main window: locked-down webPreferences, the navigation and window-open guards,
 * core events forwarded to it, and its place remembered between launches.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions, Rectangle, WebPreferences } from 'electron';
import type { EventBus } from '../lib/event-bus';
import { readDesktopState, updateDesktopState } from './desktop-state';
import { forwardEvents } from './ipc';
import { lockDownWindow } from './window-security';
import { type Rect, windowPlacement } from './window-state';

/**
 * The renderer gets no Node, runs sandboxed and isolated from the preload, and can host no
 * webview: a bug in the page (or a malicious contact name) then reaches nothing but the
 * preload's named verbs, each checked again in main.
 */
export function mainWebPreferences(preload: string): WebPreferences {
  return {
    preload,
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
  };
}

export const defaultWindowSize = { width: 1100, height: 760 };

export interface MainWindowDeps {
  readonly create: (options: BrowserWindowConstructorOptions) => BrowserWindow;
  readonly workAreas: () => readonly Rect[];
  readonly openExternal: (url: string) => Promise<void>;
  readonly events: EventBus;
  readonly preload: string;
  readonly statePath: string;
  readonly devServerUrl: string | undefined;
  readonly startUrl: string;
}

export async function openMainWindow(deps: MainWindowDeps): Promise<BrowserWindow> {
  const saved = (await readDesktopState(deps.statePath)).window;
  const placement = windowPlacement(saved, deps.workAreas(), defaultWindowSize);
  const window = deps.create({
    ...placement.bounds,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'amo-phonebook',
    webPreferences: mainWebPreferences(deps.preload),
  });
  lockDownWindow(window, deps.openExternal, deps.devServerUrl);
  forwardEvents(deps.events, window.webContents);
  window.once('ready-to-show', () => {
    if (placement.maximized) window.maximize();
    window.show();
  });
  // Saved on close only: the normal (unmaximised) bounds, so un-maximising next time
  // returns to the size the user chose.
  window.on('close', () => {
    const bounds: Rectangle = window.getNormalBounds();
    void updateDesktopState(deps.statePath, { window: { ...bounds, maximized: window.isMaximized() } });
  });
  await window.loadURL(deps.startUrl);
  return window;
}
