/**
 * The desktop app's secret store: the OS keychain through safeStorage when there is one,
 * with the plain secrets file's sign-ins moved into it on start; the plain 0600 file
 * otherwise (and the user is told, see keychain-notice.ts).
 */

import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import { createFileSecretStore } from '../secrets/file-secret-store';
import { moveSecretsFileInto } from '../secrets/migrate-secrets';
import type { SecretStore } from '../secrets/secret-store';
import { type KeychainProblem, keychainProblem } from './keychain-notice';
import { createKeychainSecretStore, keychainSecretsFile } from './keychain-secret-store';

export type DesktopSafeStorage = Pick<
  SafeStorage,
  'encryptStringAsync' | 'decryptStringAsync' | 'isAsyncEncryptionAvailable' | 'getSelectedStorageBackend'
>;

export interface DesktopSecrets {
  readonly store: SecretStore;
  readonly problem: KeychainProblem | null;
}

export async function openDesktopSecrets(options: {
  readonly dataDir: string;
  readonly platform: NodeJS.Platform;
  readonly safeStorage: DesktopSafeStorage;
  readonly log: (message: string) => void;
}): Promise<DesktopSecrets> {
  const { dataDir, platform, safeStorage, log } = options;
  const plainPath = join(dataDir, 'secrets.json');
  const available = await safeStorage.isAsyncEncryptionAvailable();
  // getSelectedStorageBackend exists on Linux only.
  const backend = platform === 'linux' && available ? safeStorage.getSelectedStorageBackend() : null;
  const problem = keychainProblem(platform, available, backend);
  if (!available) return { store: createFileSecretStore(plainPath), problem };

  const store = createKeychainSecretStore(join(dataDir, keychainSecretsFile), safeStorage);
  try {
    const { moved } = await moveSecretsFileInto(plainPath, store);
    if (moved > 0) log(`Moved ${moved} sign-in(s) from secrets.json into the OS keychain`);
  } catch (error) {
    // The file stays; the app still starts, and the next start tries again.
    log(`Could not move secrets.json into the OS keychain: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { store, problem };
}
