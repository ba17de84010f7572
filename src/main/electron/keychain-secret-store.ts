/**
 * Sign-ins kept with Electron's safeStorage: each value is encrypted with a key the OS
 * keychain holds (macOS Keychain, Windows DPAPI, Linux libsecret/kwallet), and only the
 * ciphertext is written, to `secrets.keychain.json` in the data folder. Copying that file
 * to another account or machine yields nothing readable.
 *
 * safeStorage is injected (the async API: the sync one is deprecated in Electron 45), so
 * this is tested with a fake; the file handling is the core's 0600 atomic file store.
 */
import type { SafeStorage } from 'electron';
import { AppError } from '../../shared/errors';
import { createFileSecretStore, type OnDamagedSecrets } from '../secrets/file-secret-store';
import type { SecretStore } from '../secrets/secret-store';

export type KeychainCrypto = Pick<SafeStorage, 'encryptStringAsync' | 'decryptStringAsync'>;

export const keychainSecretsFile = 'secrets.keychain.json';

export function createKeychainSecretStore(
  path: string,
  crypto: KeychainCrypto,
  onDamaged: OnDamagedSecrets = 'refuse',
): SecretStore {
  const ciphertexts = createFileSecretStore(path, onDamaged);
  const seal = async (value: string) => (await crypto.encryptStringAsync(value)).toString('base64');

  return {
    async get(key) {
      const stored = await ciphertexts.get(key);
      if (stored === null) return null;
      let opened: { result: string; shouldReEncrypt: boolean };
      try {
        opened = await crypto.decryptStringAsync(Buffer.from(stored, 'base64'));
      } catch {
        // A keychain reset, or a file copied from another computer: the key is gone.
        throw new AppError(
          'AUTH_REJECTED',
          'The saved sign-in could not be unlocked with this computer’s keychain; connect the account again',
          { key },
        );
      }
      // The keychain rotated its key: store the value again under the new one, unless it
      // changed meanwhile (a concurrent set wins).
      if (opened.shouldReEncrypt && (await ciphertexts.get(key)) === stored) {
        await ciphertexts.set(key, await seal(opened.result));
      }
      return opened.result;
    },
    set: async (key, value) => ciphertexts.set(key, await seal(value)),
    delete: (key) => ciphertexts.delete(key),
  };
}
