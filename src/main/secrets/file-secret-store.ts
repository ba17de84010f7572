/**
 * Secrets in a JSON file readable only by the user (mode 0600), for the CLI and browser
 * mode. It protects against other users of the machine, not against the user's own
 * programs; the README says so, and the Electron app uses the OS keychain instead.
 */
import { chmod, readFile } from 'node:fs/promises';
import { AppError } from '../../shared/errors';
import { writeFileAtomically } from '../lib/atomic-write';
import { setAside } from '../lib/set-aside';
import type { SecretStore } from './secret-store';

/**
 * What to do with a secrets file that cannot be read: 'refuse' (every read fails with
 * DB_CORRUPT and the file stays as it is), or keep it aside (lib/set-aside.ts), go on as with
 * no file, and tell the person through the callback that their accounts need connecting again.
 * Either way the file is never written over: its tokens may still be salvaged from it.
 */
export type OnDamagedSecrets = 'refuse' | ((aside: string) => void);

/**
 * Every secret in a secrets file, `{}` when there is none. A damaged file is never treated as
 * empty in place: writing over it would lose the user's sign-ins. Shared with the desktop app,
 * which moves these secrets into the OS keychain on its first start.
 */
export async function readSecretsFile(
  path: string,
  onDamaged: OnDamagedSecrets = 'refuse',
): Promise<Record<string, string>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      return Object.fromEntries(Object.entries(parsed).filter(([, value]) => typeof value === 'string')) as Record<
        string,
        string
      >;
    }
  } catch {
    // fall through
  }
  if (onDamaged !== 'refuse') {
    const aside = setAside(path);
    if (aside) onDamaged(aside);
    return {};
  }
  throw new AppError('DB_CORRUPT', `The secrets file ${path} is damaged; it was left untouched`, { path });
}

export function createFileSecretStore(path: string, onDamaged: OnDamagedSecrets = 'refuse'): SecretStore {
  // Writes are chained so two concurrent `set`s cannot lose each other's update.
  let chain: Promise<unknown> = Promise.resolve();

  const load = () => readSecretsFile(path, onDamaged);

  function update(change: (secrets: Record<string, string>) => void): Promise<void> {
    const next = chain.then(async () => {
      const secrets = await load();
      change(secrets);
      await writeFileAtomically(path, JSON.stringify(secrets, null, 2));
      await chmod(path, 0o600);
    });
    chain = next.catch(() => undefined);
    return next;
  }

  return {
    async get(key) {
      await chain;
      return (await load())[key] ?? null;
    },
    set: (key, value) =>
      update((secrets) => {
        secrets[key] = value;
      }),
    delete: (key) =>
      update((secrets) => {
        delete secrets[key];
      }),
  };
}

/** For tests and throwaway runs. */
export function createMemorySecretStore(): SecretStore {
  const secrets = new Map<string, string>();
  return {
    get: async (key) => secrets.get(key) ?? null,
    set: async (key, value) => {
      secrets.set(key, value);
    },
    delete: async (key) => {
      secrets.delete(key);
    },
  };
}
