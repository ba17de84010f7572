/**
 * A stand-in for Electron's BrowserWindow (Electron cannot run here): records what was
 * attached to it and lets a test fire the events a real page would.
 */
type Listener = (...args: never[]) => unknown;

export interface FakeNavigation {
  url: string;
  prevented: boolean;
  preventDefault(): void;
}

export function navigation(url: string): FakeNavigation {
  return {
    url,
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

export function fakeWindow(options: { loadURL?: (url: string) => Promise<void> } = {}) {
  const listeners = new Map<string, Listener[]>();
  const windowListeners = new Map<string, Listener[]>();
  const add = (map: Map<string, Listener[]>, event: string, listener: Listener) => {
    map.set(event, [...(map.get(event) ?? []), listener]);
  };
  const state = {
    destroyed: false,
    loaded: [] as string[],
    openHandler: null as ((details: { url: string }) => { action: string }) | null,
  };
  const window = {
    state,
    webContents: {
      on(event: string, listener: Listener) {
        add(listeners, event, listener);
        return this;
      },
      setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
        state.openHandler = handler;
      },
    },
    on(event: string, listener: Listener) {
      add(windowListeners, event, listener);
      return this;
    },
    once(event: string, listener: Listener) {
      add(windowListeners, event, listener);
      return this;
    },
    loadURL(url: string) {
      state.loaded.push(url);
      return options.loadURL ? options.loadURL(url) : Promise.resolve();
    },
    close() {
      if (state.destroyed) return;
      state.destroyed = true;
      window.emitWindow('closed');
    },
    isDestroyed: () => state.destroyed,
    /** Fires a webContents event. */
    emit(event: string, ...args: unknown[]) {
      for (const listener of listeners.get(event) ?? []) (listener as (...a: unknown[]) => unknown)(...args);
    },
    emitWindow(event: string, ...args: unknown[]) {
      for (const listener of windowListeners.get(event) ?? []) (listener as (...a: unknown[]) => unknown)(...args);
    },
    handlers: (event: string) => listeners.get(event) ?? [],
  };
  return window;
}
