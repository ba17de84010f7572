/**
 * Sign-ins in the operating system's keychain (macOS Keychain, Windows Credential Manager,
 * the Secret Service on Linux: GNOME Keyring, KWallet), from plain Node, so the desktop app,
 * the CLI and browser mode read and write the same entries: a refresh token renewed by one
 * (it works only once) is the one the others read next. Nothing is cached here for that reason.
 *
 * One entry per secret, under the service "amo-phonebook" and the account
 * "<data folder id>/<key>": two data folders (a test's, a second profile) never share an
 * entry; a data folder copied to another computer finds none and asks to sign in again.
 * The keychain itself is injected (os-keychain.ts binds @napi-rs/keyring), so the store's rules
 * are tested on their own and the binding against a real Secret Service.
 */
import { AppError } from '../../shared/errors';
import type { SecretStore } from './secret-store';

export const keychainService = 'amo-phonebook';

/** The least a keychain does: one secret per (service, account), read, written, deleted. */
export interface Keychain {
  get(service: string, account: string): Promise<string | null>;
  set(service: string, account: string, value: string): Promise<void>;
  delete(service: string, account: string): Promise<void>;
}

export function keychainAccount(folderId: string, key: string): string {
  return `${folderId}/${key}`;
}

export function createOsKeychainStore(keychain: Keychain, folderId: string): SecretStore {
  const account = (key: string) => keychainAccount(folderId, key);
  // A keychain that fails after it was found (locked again, its daemon gone) is an error the
  // person can act on, never a silent "no sign-in", which would look like a logged-out account.
  const guarded = async <T>(action: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw new AppError(
        'INTERNAL',
        `The system keychain did not ${action} a sign-in (is it locked?): ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
  return {
    get: (key) => guarded('read', () => keychain.get(keychainService, account(key))),
    set: (key, value) => guarded('save', () => keychain.set(keychainService, account(key), value)),
    delete: (key) => guarded('delete', () => keychain.delete(keychainService, account(key))),
  };
}

/**
 * Whether a keychain works here, by writing, reading back and deleting one probe entry: a
 * Linux machine without a Secret Service (a headless server), or one whose keyring is locked
 * with no one to unlock it, answers false, and the caller falls back to the file and says so.
 */
export async function keychainWorks(
  keychain: Keychain,
  folderId: string,
): Promise<{ works: true } | { works: false; why: string }> {
  const probe = keychainAccount(folderId, 'probe');
  const value = `probe-${Date.now()}`;
  try {
    await keychain.set(keychainService, probe, value);
    const read = await keychain.get(keychainService, probe);
    await keychain.delete(keychainService, probe);
    return read === value ? { works: true } : { works: false, why: 'the probe did not read back' };
  } catch (error) {
    return { works: false, why: error instanceof Error ? error.message : String(error) };
  }
}
