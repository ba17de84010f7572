/**
 * The preload: the only bridge between the sandboxed renderer and the main process.
 *
 * It exposes one named function per API verb and a typed `on(event)`, never
 * `ipcRenderer` itself, so a compromised page can call our verbs (each validated in
 * main) and nothing else. Bundled as CommonJS with no imports beyond electron, because a
 * sandboxed preload cannot load modules.
 */
import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import type { PreloadBridge } from '../shared/api/contract';
import { preloadGlobalName } from '../shared/api/contract';
import { type ApiEvent, apiEventTypes } from '../shared/api/events';
import { apiVerbs } from '../shared/api/verbs';
import { ipcChannelFor, ipcEventChannel } from '../shared/ipc-channels';

const verbs = Object.fromEntries(
  apiVerbs.map((verb) => [verb, (input: unknown) => ipcRenderer.invoke(ipcChannelFor(verb), input)]),
);

const bridge = {
  ...verbs,
  on(type: string, listener: (event: ApiEvent) => void) {
    if (!(apiEventTypes as readonly string[]).includes(type)) throw new Error(`Unknown event type ${type}`);
    const handler = (_event: IpcRendererEvent, payload: ApiEvent) => {
      if (payload?.type === type) listener(payload);
    };
    ipcRenderer.on(ipcEventChannel, handler);
    return () => {
      ipcRenderer.removeListener(ipcEventChannel, handler);
    };
  },
} as unknown as PreloadBridge;

contextBridge.exposeInMainWorld(preloadGlobalName, bridge);
