/**
 * The .vcf another app shared to the installed page (share_target): the service worker
 * (public/phone-app/sw.js) stores the POSTed file in Cache Storage and redirects to
 * /p/share, where this reads it back. The names below are the service worker's too.
 */
export const shareCacheName = 'amo-phonebook-share';
export const sharedFileUrl = '/p/shared-file';
export const sharedFileNameHeader = 'x-file-name';

export interface SharedFile {
  readonly bytes: Uint8Array;
  readonly fileName: string | null;
}

/** The shared file, or null when there is none (or no Cache Storage: an insecure origin). */
export async function readSharedFile(): Promise<SharedFile | null> {
  if (!('caches' in globalThis)) return null;
  try {
    const cache = await caches.open(shareCacheName);
    const response = await cache.match(sharedFileUrl);
    if (!response) return null;
    const bytes = new Uint8Array(await response.arrayBuffer());
    const encodedName = response.headers.get(sharedFileNameHeader);
    return { bytes, fileName: encodedName === null ? null : safeDecode(encodedName) };
  } catch {
    return null;
  }
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** Registers /p/sw.js (scope /p/) where the browser has service workers: never on a plain-http LAN address. */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/p/sw.js', { scope: '/p/' }).catch((error: unknown) => {
    console.warn('The offline shell and share target are unavailable:', error);
  });
}
