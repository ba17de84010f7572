/**
 * The keychain store's own rules, with a keychain whose failures the test decides (the real
 * one is in system-keychain.test.ts): a keychain that fails after it was found is an error in
 * words, never a silent "no sign-in"; the probe tells a working keychain from a broken one.
 */
import { describe, expect, it } from 'vitest';
import { createOsKeychainStore, type Keychain, keychainWorks } from '../../../src/main/secrets/os-keychain-store';

function mapKeychain(): Keychain & { entries: Map<string, string>; failing: boolean } {
  const entries = new Map<string, string>();
  const state = {
    entries,
    failing: false,
    async get(service: string, account: string) {
      if (state.failing) throw new Error('Prompt dismissed');
      return entries.get(`${service}|${account}`) ?? null;
    },
    async set(service: string, account: string, value: string) {
      if (state.failing) throw new Error('Prompt dismissed');
      entries.set(`${service}|${account}`, value);
    },
    async delete(service: string, account: string) {
      if (state.failing) throw new Error('Prompt dismissed');
      entries.delete(`${service}|${account}`);
    },
  };
  return state;
}

describe('the OS keychain store', () => {
  it('names each entry by service and data folder, and reports a locked keychain as an error', async () => {
    const keychain = mapKeychain();
    const store = createOsKeychainStore(keychain, 'f00d');
    await store.set('account:1:token', 'T');
    expect([...keychain.entries.keys()]).toEqual(['amo-phonebook|f00d/account:1:token']);
    keychain.failing = true;
    await expect(store.get('account:1:token')).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringMatching(/system keychain did not read a sign-in \(is it locked\?\): Prompt dismissed/),
    });
    await expect(store.set('account:1:token', 'U')).rejects.toMatchObject({ code: 'INTERNAL' });
    keychain.failing = false;
    expect(await store.get('account:1:token')).toBe('T');
  });

  it('probes by writing, reading back and deleting one entry', async () => {
    const keychain = mapKeychain();
    expect(await keychainWorks(keychain, 'f00d')).toEqual({ works: true });
    expect(keychain.entries.size).toBe(0);
    keychain.failing = true;
    expect(await keychainWorks(keychain, 'f00d')).toEqual({ works: false, why: 'Prompt dismissed' });
    // A keychain that accepts a value but gives another back is not one to keep sign-ins in.
    const forgetful: Keychain = { get: async () => null, set: async () => undefined, delete: async () => undefined };
    expect(await keychainWorks(forgetful, 'f00d')).toEqual({ works: false, why: 'the probe did not read back' });
  });
});
