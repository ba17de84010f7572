/**
 * Picks the face the renderer runs in. The rest of the UI sees one `ApiClient` and
 * cannot tell Electron's IPC from browser mode's HTTP.
 */
import type { ApiClient, PreloadBridge } from '../../../shared/api/contract';
import { preloadGlobalName } from '../../../shared/api/contract';
import { createHttpClient } from './http-client';
import { createIpcClient } from './ipc-client';

const secretStorageKey = 'amo-phonebook.secret';

export function createApiClient(): ApiClient {
  const bridge = (window as unknown as Record<string, PreloadBridge | undefined>)[preloadGlobalName];
  if (bridge) return createIpcClient(bridge);
  return createHttpClient(window.location.origin, takeSecret());
}

/**
 * Browser mode hands the per-launch secret in the URL fragment (never sent to a server).
 * Keep it for this tab only and remove it from the address bar and history.
 */
function takeSecret(): string {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('secret');
  if (fromHash) {
    sessionStorage.setItem(secretStorageKey, fromHash);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  return sessionStorage.getItem(secretStorageKey) ?? '';
}
