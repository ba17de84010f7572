import { describe, expect, it } from 'vitest';
import {
  clientId,
  keyFromFragment,
  resolveKey,
  routeFromPath,
  socketUrl,
} from '../../../src/renderer/phone/handoff/session';
import { keyBytes, randomBytes, toBase64Url } from '../../../src/shared/handoff/crypto';

const token = 'Q2xvc2VkVG9rZW4xMjM0NQ';

function memoryStore() {
  const map = new Map<string, string>();
  return { map, getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
}

describe('the page address', () => {
  it('routes /p/TOKEN, /p/share and everything else', () => {
    expect(routeFromPath(`/p/${token}`)).toEqual({ kind: 'handoff', token });
    expect(routeFromPath(`/p/${token}/`)).toEqual({ kind: 'handoff', token });
    expect(routeFromPath('/p/share')).toEqual({ kind: 'share' });
    for (const path of ['/p/', '/p', '/', '/p/short', `/p/${token}/x`, '/p/..%2F..', '/x/share']) {
      expect(routeFromPath(path), path).toEqual({ kind: 'home' });
    }
  });

  it('reads the 32-byte key from #k= and refuses anything else', () => {
    const key = randomBytes(keyBytes);
    expect(keyFromFragment(`#k=${toBase64Url(key)}`)).toEqual(key);
    expect(keyFromFragment('')).toBeNull();
    expect(keyFromFragment('#k=')).toBeNull();
    expect(keyFromFragment(`#k=${toBase64Url(key.subarray(0, 31))}`)).toBeNull();
    expect(keyFromFragment(`#k=${toBase64Url(key)}!`)).toBeNull();
  });

  it('remembers the key per token, so a reload without the fragment still works; a garbled fragment is not replaced by it', () => {
    const store = memoryStore();
    const key = randomBytes(keyBytes);
    expect(resolveKey(store, token, `#k=${toBase64Url(key)}`)).toEqual(key);
    expect(resolveKey(store, token, '')).toEqual(key); // the reload
    expect(resolveKey(store, 'AnotherTokenAAAAAAAAAA', '')).toBeNull();
    expect(resolveKey(store, token, '#k=garbled')).toBeNull();
    expect(resolveKey(null, token, '')).toBeNull(); // no storage at all
    const throwing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(resolveKey(throwing, token, `#k=${toBase64Url(key)}`)).toEqual(key);
  });

  it('one random client id per tab, reused on reconnect, and one the protocol accepts', () => {
    const store = memoryStore();
    const id = clientId(store);
    expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(clientId(store)).toBe(id);
    expect(clientId(memoryStore())).not.toBe(id);
  });

  it('the socket lives on the page’s own host: ws: for http, wss: for https', () => {
    expect(socketUrl({ protocol: 'http:', host: '192.168.1.5:48123' }, token)).toBe(
      `ws://192.168.1.5:48123/ws/${token}`,
    );
    expect(socketUrl({ protocol: 'https:', host: 'localhost:8443' }, token)).toBe(`wss://localhost:8443/ws/${token}`);
  });
});
