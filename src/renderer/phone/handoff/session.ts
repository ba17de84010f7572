/**
 * Where the page is and what it holds: the route from the address, the key from the
 * fragment (kept in sessionStorage for this token, then removed from the address bar),
 * and the per-tab client id that lets a reconnect after a Wi-Fi drop be the same phone.
 */
import { fromBase64Url, keyBytes, randomBytes, toBase64Url } from '../../../shared/handoff/crypto';
import { handoffPaths } from '../../../shared/handoff/protocol';

export type Route =
  | { readonly kind: 'handoff'; readonly token: string }
  | { readonly kind: 'share' }
  /** `/p/` itself (the installed app's start page) or anything else. */
  | { readonly kind: 'home' };

const tokenPattern = /^[A-Za-z0-9_-]{16,128}$/;

export function routeFromPath(pathname: string): Route {
  const match = /^\/p\/([^/]+)\/?$/.exec(pathname);
  const segment = match?.[1];
  if (segment === 'share') return { kind: 'share' };
  if (segment !== undefined && tokenPattern.test(segment)) return { kind: 'handoff', token: segment };
  return { kind: 'home' };
}

/** `#k=KEY` → the 32 key bytes; null when absent or garbled. */
export function keyFromFragment(hash: string): Uint8Array | null {
  const text = new URLSearchParams(hash.replace(/^#/, '')).get('k');
  return text === null ? null : fromBase64Url(text, keyBytes);
}

/** The few Storage methods used here (sessionStorage in the page, a Map in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const keyStorageName = (token: string) => `amo-phonebook.handoff-key.${token}`;
const clientStorageName = 'amo-phonebook.handoff-client';

/**
 * The key for this token: from the fragment when it carries one (and then remembered),
 * else the one remembered from the first load of this tab (a reload after the fragment
 * was removed). Null means: scan the QR code again.
 */
export function resolveKey(store: KeyValueStore | null, token: string, hash: string): Uint8Array | null {
  const fromHash = keyFromFragment(hash);
  if (fromHash !== null) {
    safely(() => store?.setItem(keyStorageName(token), toBase64Url(fromHash)));
    return fromHash;
  }
  if (hash.replace(/^#/, '') !== '') return null; // a fragment that is not a key: a garbled scan
  const saved = safely(() => store?.getItem(keyStorageName(token)) ?? null) ?? null;
  return saved === null ? null : fromBase64Url(saved, keyBytes);
}

/** This tab's client id: 16 random bytes (crypto.getRandomValues), base64url, kept for reconnects. */
export function clientId(store: KeyValueStore | null): string {
  const saved = safely(() => store?.getItem(clientStorageName) ?? null) ?? null;
  if (saved !== null && /^[A-Za-z0-9_-]{8,64}$/.test(saved)) return saved;
  const fresh = toBase64Url(randomBytes(16));
  safely(() => store?.setItem(clientStorageName, fresh));
  return fresh;
}

/** The socket's address for this token on the page's own host (wss: when the page is https:). */
export function socketUrl(location: { readonly protocol: string; readonly host: string }, token: string): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${handoffPaths(token).socket}`;
}

/** sessionStorage, or null where the browser refuses it (some private modes). */
export function sessionStore(): KeyValueStore | null {
  // Reading the property itself can throw where storage is blocked.
  return safely(() => (globalThis as { sessionStorage?: KeyValueStore }).sessionStorage) ?? null;
}

function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
