/**
 * The desktop app's secret store. First choice: the system keychain's own entries
 * (secrets/os-keychain-store.ts), the ones the CLI and browser mode use too, so a sign-in
 * made or refreshed in one face is the one the others read. Sign-ins an older version kept
 * as safeStorage ciphertexts, and the plain file's, are moved into it on start. Where that
 * keychain does not work: safeStorage's ciphertext file, as before; else the plain 0600 file
 * (and the user is told, see keychain-notice.ts).
 */

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import { createFileSecretStore } from '../secrets/file-secret-store';
import { moveSecretsFileInto } from '../secrets/migrate-secrets';
import { dataFolderId } from '../secrets/open-secrets';
import { createOsKeychainStore, type Keychain, keychainWorks } from '../secrets/os-keychain-store';
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
  /** The system keychain shared with the other faces (os-keychain.ts), or none. */
  readonly keychain: () => Promise<Keychain | null>;
  readonly log: (message: string) => void;
}): Promise<DesktopSecrets> {
  const { dataDir, platform, safeStorage, log } = options;
  const plainPath = join(dataDir, 'secrets.json');
  // A file that cannot be read is kept aside (renamed, never written over) and logged; the
  // accounts then say "connect again", which is the way forward.
  const keptAside = (path: string) => (aside: string) => log(`${path} could not be read; it was kept as ${aside}`);
  const shared = await sharedKeychain(dataDir, options.keychain, log);
  if (shared) {
    // Oldest first: the ciphertexts of an earlier desktop version, then the plain file, which
    // only a face without the keychain could have written since.
    await moveInto(log, 'secrets.keychain.json', async () => {
      const path = join(dataDir, keychainSecretsFile);
      return existsSync(path)
        ? moveSecretsFileInto(path, shared, createKeychainSecretStore(path, safeStorage))
        : { moved: 0 };
    });
    await moveInto(log, 'secrets.json', () => moveSecretsFileInto(plainPath, shared, undefined, keptAside(plainPath)));
    return { store: shared, problem: null };
  }
  const available = await safeStorage.isAsyncEncryptionAvailable();
  // getSelectedStorageBackend exists on Linux only.
  const backend = platform === 'linux' && available ? safeStorage.getSelectedStorageBackend() : null;
  const problem = keychainProblem(platform, available, backend);
  if (!available) return { store: createFileSecretStore(plainPath, keptAside(plainPath)), problem };

  const sealedPath = join(dataDir, keychainSecretsFile);
  const store = createKeychainSecretStore(sealedPath, safeStorage, keptAside(sealedPath));
  await moveInto(log, 'secrets.json', () => moveSecretsFileInto(plainPath, store, undefined, keptAside(plainPath)));
  return { store, problem };
}

async function sharedKeychain(
  dataDir: string,
  keychain: () => Promise<Keychain | null>,
  log: (message: string) => void,
): Promise<SecretStore | null> {
  const system = await keychain();
  if (!system) return null;
  const folderId = await dataFolderId(dataDir);
  const probe = await keychainWorks(system, folderId);
  if (probe.works) return createOsKeychainStore(system, folderId);
  log(`The system keychain does not answer (${probe.why}); using safeStorage`);
  return null;
}

async function moveInto(
  log: (message: string) => void,
  file: string,
  move: () => Promise<{ moved: number }>,
): Promise<void> {
  try {
    const { moved } = await move();
    if (moved > 0) log(`Moved ${moved} sign-in(s) from ${file} into the OS keychain`);
  } catch (error) {
    // The file stays; the app still starts, and the next start tries again.
    log(`Could not move ${file} into the OS keychain: ${error instanceof Error ? error.message : String(error)}`);
  }
}
