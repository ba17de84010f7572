/** IPC channel names, shared by the preload and the Electron main process. */
import type { ApiVerb } from './api/verbs';

export const ipcEventChannel = 'api:event';

export function ipcChannelFor(verb: ApiVerb): `api:${ApiVerb}` {
  return `api:${verb}`;
}
