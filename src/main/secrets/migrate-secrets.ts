/**
 * Moving sign-ins out of the plain secrets file into a better store (the desktop app's
 * OS keychain), once, on the desktop app's start.
 *
 * Moved, not copied: amoCRM refresh tokens work only once, so two live copies (the file
 * for the CLI, the keychain for the desktop app) would sooner or later log each other out.
 * The file is removed only after every value reads back from the new store; a failure
 * half-way leaves the file in place and the next start tries again. A file that exists is
 * newer than the keychain (each move deletes it, so only the CLI or browser mode could have
 * written it since), so its values win.
 */
import { rm } from 'node:fs/promises';
import { AppError } from '../../shared/errors';
import { type OnDamagedSecrets, readSecretsFile } from './file-secret-store';
import type { SecretStore } from './secret-store';

/**
 * `source` reads a value when the file holds it sealed (the desktop's safeStorage ciphertexts);
 * by default the file's values are the secrets themselves. A damaged file is refused (and
 * stays), or kept aside when `onDamaged` says so: there is then nothing to move.
 */
export async function moveSecretsFileInto(
  plainPath: string,
  target: SecretStore,
  source?: SecretStore,
  onDamaged: OnDamagedSecrets = 'refuse',
): Promise<{ moved: number }> {
  const stored = await readSecretsFile(plainPath, onDamaged);
  const entries: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(stored)) {
    const opened = source ? await source.get(key) : value;
    if (opened !== null) entries.push([key, opened]);
  }
  for (const [key, value] of entries) await target.set(key, value);
  for (const [key, value] of entries) {
    if ((await target.get(key)) !== value) {
      throw new AppError('INTERNAL', `A sign-in did not read back from the keychain; ${plainPath} was kept`, { key });
    }
  }
  await rm(plainPath, { force: true });
  return { moved: entries.length };
}
