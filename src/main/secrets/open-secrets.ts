/**
 * Where a face keeps its sign-ins: the system keychain when one works here, shared by the
 * desktop app, the CLI and browser mode; else the 0600 file `secrets.json`, said once per
 * data folder (as Electron's `basic_text` fallback is said, never silently).
 *
 * Decided on the first use, not at start-up: `account list` or `--help` never touch the
 * keychain (which may ask to be unlocked). A `secrets.json` left from before, or written by a
 * run that had no keychain, is moved into the keychain (moved, not copied: refresh tokens work
 * once) and removed after every value reads back.
 *
 * AMO_PHONEBOOK_SECRETS=file keeps the file (a headless server, the tests); =keychain refuses
 * to fall back.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import { writeFileAtomically } from '../lib/atomic-write';
import { createFileSecretStore } from './file-secret-store';
import { moveSecretsFileInto } from './migrate-secrets';
import { createOsKeychainStore, type Keychain, keychainWorks } from './os-keychain-store';
import type { SecretStore } from './secret-store';

export type SecretsPlace = 'keychain' | 'file';

/** What the face tells the person, in its own words. */
export type SecretsNotice =
  | { readonly kind: 'in-file'; readonly path: string; readonly why: string }
  | { readonly kind: 'moved'; readonly count: number }
  | { readonly kind: 'move-failed'; readonly path: string; readonly why: string }
  /** The file could not be read: it now lives at `aside`, and the accounts need connecting again. */
  | { readonly kind: 'kept-aside'; readonly path: string; readonly aside: string };

export interface OpenSecretsOptions {
  readonly dataDir: string;
  /** The system keychain, or null where there is none (os-keychain.ts's systemKeychain). */
  readonly keychain: () => Promise<Keychain | null>;
  readonly prefer?: string | undefined;
  readonly notice: (notice: SecretsNotice) => void;
}

export interface OpenedSecretStore extends SecretStore {
  /** Where the secrets are, deciding it if no secret was touched yet. */
  place(): Promise<SecretsPlace>;
}

export const secretsFileName = 'secrets.json';
const folderIdFile = 'keychain-id';
const toldInFileMarker = 'secrets-in-file.told';

export function openSecretStore(options: OpenSecretsOptions): OpenedSecretStore {
  let opened: Promise<{ store: SecretStore; place: SecretsPlace }> | undefined;
  const open = () => {
    opened ??= decide(options);
    return opened;
  };
  return {
    get: async (key) => (await open()).store.get(key),
    set: async (key, value) => (await open()).store.set(key, value),
    delete: async (key) => (await open()).store.delete(key),
    place: async () => (await open()).place,
  };
}

async function decide(options: OpenSecretsOptions): Promise<{ store: SecretStore; place: SecretsPlace }> {
  const { dataDir, prefer, notice } = options;
  const plainPath = join(dataDir, secretsFileName);
  // A file that cannot be read is kept aside and said; never written over, never a dead end.
  const keptAside = (aside: string) => notice({ kind: 'kept-aside', path: plainPath, aside });
  let why = 'AMO_PHONEBOOK_SECRETS=file';
  if (prefer !== 'file') {
    const keychain = await options.keychain();
    if (keychain) {
      const folderId = await dataFolderId(dataDir);
      const probe = await keychainWorks(keychain, folderId);
      if (probe.works) {
        const store = createOsKeychainStore(keychain, folderId);
        try {
          const { moved } = await moveSecretsFileInto(plainPath, store, undefined, keptAside);
          if (moved > 0) notice({ kind: 'moved', count: moved });
        } catch (error) {
          // The file stays and is still read next time; nothing is lost.
          notice({ kind: 'move-failed', path: plainPath, why: error instanceof Error ? error.message : String(error) });
          return { store: createFileSecretStore(plainPath, keptAside), place: 'file' };
        }
        return { store, place: 'keychain' };
      }
      why = probe.why;
    } else {
      why = 'no keychain binding for this system';
    }
    if (prefer === 'keychain') {
      throw new AppError('INTERNAL', `AMO_PHONEBOOK_SECRETS=keychain, but the system keychain does not work: ${why}`);
    }
    await tellOnce(dataDir, () => notice({ kind: 'in-file', path: plainPath, why }));
  }
  return { store: createFileSecretStore(plainPath, keptAside), place: 'file' };
}

/**
 * The data folder's own id in the keychain's entry names: random, kept in the folder, so a
 * moved folder keeps its sign-ins and two folders never share one.
 */
export async function dataFolderId(dataDir: string): Promise<string> {
  const path = join(dataDir, folderIdFile);
  try {
    const id = (await readFile(path, 'utf8')).trim();
    if (/^[0-9a-f]{32}$/.test(id)) return id;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  // A missing or damaged id: a new one (the old entries, if any, are unreachable, so the
  // person signs in again; nothing in the folder is overwritten but this one line).
  const id = randomBytes(16).toString('hex');
  await writeFileAtomically(path, `${id}\n`);
  return id;
}

/** Says "your sign-ins are in a file" the first time only, for this data folder. */
async function tellOnce(dataDir: string, tell: () => void): Promise<void> {
  const marker = join(dataDir, toldInFileMarker);
  try {
    await readFile(marker);
    return;
  } catch {
    tell();
  }
  await writeFileAtomically(marker, `${new Date().toISOString()}\n`).catch(() => undefined);
}
