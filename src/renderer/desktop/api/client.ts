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
 * Browser mode hands the per-launch secret in the URL fragment (never sent to a server), or,
 * when the app opened this browser itself, a one-time launch code that the server exchanges
 * for it (the secret never stood on the browser's command line). Keep the secret for this
 * tab only and remove the fragment from the address bar and history at once.
 */
function takeSecret(): string | Promise<string> {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const fromHash = fragment.get('secret');
  const launchCode = fragment.get('launch');
  if (fromHash || launchCode) history.replaceState(null, '', window.location.pathname + window.location.search);
  if (fromHash) {
    sessionStorage.setItem(secretStorageKey, fromHash);
    return fromHash;
  }
  const stored = sessionStorage.getItem(secretStorageKey) ?? '';
  if (!launchCode) return stored;
  return exchangeLaunchCode(launchCode).then(
    (secret) => {
      sessionStorage.setItem(secretStorageKey, secret);
      return secret;
    },
    // A spent code (this address opened twice): the tab's own secret, if it has one; else the
    // first call says "open the address the app printed".
    () => stored,
  );
}

async function exchangeLaunchCode(code: string): Promise<string> {
  const response = await fetch(`${window.location.origin}/api/launch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  const body = (await response.json()) as { secret?: unknown };
  if (!response.ok || typeof body.secret !== 'string') throw new Error('launch code refused');
  return body.secret;
}
