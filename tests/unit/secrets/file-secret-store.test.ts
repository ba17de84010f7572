/** Secrets at rest for the CLI and browser mode: a 0600 file, written atomically. */
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileSecretStore } from '../../../src/main/secrets/file-secret-store';
import { tempDir } from '../../helpers/temp-dir';

describe('file secret store', () => {
  it('round-trips, deletes, and keeps the file readable by the user only', async () => {
    const path = join(tempDir(), 'secrets.json');
    const store = createFileSecretStore(path);
    expect(await store.get('a')).toBeNull();
    await store.set('a', 'token-a');
    await store.set('b', 'token-b');
    expect(await createFileSecretStore(path).get('a')).toBe('token-a');
    await store.delete('a');
    expect(await store.get('a')).toBeNull();
    expect(await store.get('b')).toBe('token-b');
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('loses no update when writes overlap', async () => {
    const store = createFileSecretStore(join(tempDir(), 'secrets.json'));
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`k${i}`, `v${i}`)));
    for (let i = 0; i < 20; i++) expect(await store.get(`k${i}`)).toBe(`v${i}`);
  });

  it('refuses a damaged file instead of overwriting the tokens in it', async () => {
    const path = join(tempDir(), 'secrets.json');
    writeFileSync(path, '{ "a": "tok');
    const store = createFileSecretStore(path);
    await expect(store.get('a')).rejects.toMatchObject({ code: 'DB_CORRUPT' });
    await expect(store.set('b', 'x')).rejects.toMatchObject({ code: 'DB_CORRUPT' });
  });
});
