/**
 * The main window: locked-down webPreferences, the navigation and window-open guards,
 * core events forwarded to it, and its place remembered between launches.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions, Rectangle } from 'electron';
import type { EventBus } from '../lib/event-bus';
import { readDesktopState, updateDesktopState } from './desktop-state';
import { forwardEvents } from './ipc';
import { lockDownWindow } from './window-security';
import { type Rect, windowPlacement } from './window-state';

/**
 * What openMainWindow decides about the window (its place, size, title). The
 * webPreferences are written by the caller at the `new BrowserWindow` itself (main.ts), so
 * that a reviewer and a scanner (Electronegativity) read them where the window is made.
 */
export type MainWindowOptions = Omit<BrowserWindowConstructorOptions, 'webPreferences'>;

export const defaultWindowSize = { width: 1100, height: 760 };

export interface MainWindowDeps {
  readonly create: (options: MainWindowOptions) => BrowserWindow;
  readonly workAreas: () => readonly Rect[];
  readonly openExternal: (url: string) => Promise<void>;
  readonly events: EventBus;
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
