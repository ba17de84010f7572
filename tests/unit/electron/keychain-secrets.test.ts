/**
 * Sign-ins in the OS keychain (safeStorage, faked): only ciphertext on disk, key rotation
 * followed, the plain secrets.json moved in on first start, and a missing keychain told.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDesktopSecrets } from '../../../src/main/electron/desktop-secrets';
import { createKeychainSecretStore, keychainSecretsFile } from '../../../src/main/electron/keychain-secret-store';
import { createFileSecretStore } from '../../../src/main/secrets/file-secret-store';
import { moveSecretsFileInto } from '../../../src/main/secrets/migrate-secrets';
import { tempDir } from '../../helpers/temp-dir';
import { fakeSafeStorage } from './fake-safe-storage';

const token = '{"kind":"oauth","accessToken":"AT-секрет","refreshToken":"RT-1"}';

describe('createKeychainSecretStore', () => {
  it('writes only ciphertext, mode 0600, and reads it back', async () => {
    const dir = tempDir();
    const path = join(dir, keychainSecretsFile);
    const store = createKeychainSecretStore(path, fakeSafeStorage());
    expect(await store.get('account:1:token')).toBeNull();
    await store.set('account:1:token', token);
    const onDisk = readFileSync(path, 'utf8');
    expect(onDisk).not.toContain('AT-');
    expect(onDisk).not.toContain('RT-1');
    if (process.platform !== 'win32') expect((await import('node:fs')).statSync(path).mode & 0o777).toBe(0o600);
    expect(await store.get('account:1:token')).toBe(token);
    await store.delete('account:1:token');
    expect(await store.get('account:1:token')).toBeNull();
  });

  it('stores a value again when the keychain rotated its key', async () => {
    const path = join(tempDir(), keychainSecretsFile);
    const safe = fakeSafeStorage();
    const store = createKeychainSecretStore(path, safe);
    await store.set('k', 'value');
    const before = readFileSync(path, 'utf8');
    safe.state.rotatedTo = 'v11';
    expect(await store.get('k')).toBe('value');
    const after = readFileSync(path, 'utf8');
    expect(after).not.toBe(before);
    // Readable with only the new key.
    safe.state.keyVersion = 'v11';
    expect(await store.get('k')).toBe('value');
  });

  it('says in words when the keychain cannot open a value (reset keychain, copied file)', async () => {
    const path = join(tempDir(), keychainSecretsFile);
    const safe = fakeSafeStorage();
    await createKeychainSecretStore(path, safe).set('k', 'value');
    safe.state.keyVersion = 'v99';
    await expect(createKeychainSecretStore(path, safe).get('k')).rejects.toMatchObject({
      code: 'AUTH_REJECTED',
      message: expect.stringMatching(/connect the account again/),
    });
  });
});

describe('moveSecretsFileInto', () => {
  it('moves every sign-in, then removes the plain file; the file wins over older keychain values', async () => {
    const dir = tempDir();
    const plain = join(dir, 'secrets.json');
    await createFileSecretStore(plain).set('account:1:token', token);
    await createFileSecretStore(plain).set('account:2:token', 'two');
    const keychain = createKeychainSecretStore(join(dir, keychainSecretsFile), fakeSafeStorage());
    await keychain.set('account:2:token', 'older');
    await keychain.set('account:3:token', 'three');

    expect(await moveSecretsFileInto(plain, keychain)).toEqual({ moved: 2 });
    expect(existsSync(plain)).toBe(false);
    expect(await keychain.get('account:1:token')).toBe(token);
    expect(await keychain.get('account:2:token')).toBe('two');
    expect(await keychain.get('account:3:token')).toBe('three');
    // Nothing to move the second time.
    expect(await moveSecretsFileInto(plain, keychain)).toEqual({ moved: 0 });
  });

  it('leaves a damaged file in place', async () => {
    const dir = tempDir();
    const plain = join(dir, 'secrets.json');
    writeFileSync(plain, '{ not json');
    const keychain = createKeychainSecretStore(join(dir, keychainSecretsFile), fakeSafeStorage());
    await expect(moveSecretsFileInto(plain, keychain)).rejects.toMatchObject({ code: 'DB_CORRUPT' });
    expect(readFileSync(plain, 'utf8')).toBe('{ not json');
  });
});

describe('openDesktopSecrets', () => {
  const log = () => undefined;
  // These are about safeStorage, where the shared system keychain does not work (the shared
  // one is tested against a real Secret Service in tests/unit/secrets/system-keychain.test.ts).
  const noKeychain = async () => null;

  it('uses the keychain and moves secrets.json into it on first start', async () => {
    const dataDir = tempDir();
    await createFileSecretStore(join(dataDir, 'secrets.json')).set('account:7:token', token);
    const messages: string[] = [];
    const safe = fakeSafeStorage();
    const secrets = await openDesktopSecrets({
      dataDir,
      platform: 'darwin',
      keychain: noKeychain,
      safeStorage: safe,
      log: (m) => messages.push(m),
    });
    expect(secrets.problem).toBeNull();
    expect(safe.calls.backend).toBe(0);
    expect(await secrets.store.get('account:7:token')).toBe(token);
    expect(existsSync(join(dataDir, 'secrets.json'))).toBe(false);
    expect(readFileSync(join(dataDir, keychainSecretsFile), 'utf8')).not.toContain('AT-');
    expect(messages).toEqual(['Moved 1 sign-in(s) from secrets.json into the OS keychain']);
  });

  it("flags Linux's basic_text backend (no keychain behind safeStorage)", async () => {
    const secrets = await openDesktopSecrets({
      dataDir: tempDir(),
      platform: 'linux',
      keychain: noKeychain,
      safeStorage: fakeSafeStorage({ backend: 'basic_text' }),
      log,
    });
    expect(secrets.problem).toBe('basic_text');
    const fine = await openDesktopSecrets({
      dataDir: tempDir(),
      platform: 'linux',
      keychain: noKeychain,
      safeStorage: fakeSafeStorage({ backend: 'gnome_libsecret' }),
      log,
    });
    expect(fine.problem).toBeNull();
  });

  it('keeps the plain file when encryption is unavailable, and says so', async () => {
    const dataDir = tempDir();
    await createFileSecretStore(join(dataDir, 'secrets.json')).set('k', 'v');
    const secrets = await openDesktopSecrets({
      dataDir,
      platform: 'linux',
      keychain: noKeychain,
      safeStorage: fakeSafeStorage({ available: false }),
      log,
    });
    expect(secrets.problem).toBe('unavailable');
    expect(await secrets.store.get('k')).toBe('v');
    expect(existsSync(join(dataDir, 'secrets.json'))).toBe(true);
  });

  it('starts even when secrets.json is damaged, and keeps it aside (renamed, never written over)', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'secrets.json'), '[]x');
    const messages: string[] = [];
    const secrets = await openDesktopSecrets({
      dataDir,
      platform: 'win32',
      keychain: noKeychain,
      safeStorage: fakeSafeStorage(),
      log: (m) => messages.push(m),
    });
    expect(secrets.problem).toBeNull();
    expect(messages[0]).toMatch(/secrets\.json could not be read; it was kept as .*secrets\.damaged-.*\.json/);
    const aside = readdirSync(dataDir).find((name) => name.startsWith('secrets.damaged-')) ?? 'missing';
    expect(readFileSync(join(dataDir, aside), 'utf8')).toBe('[]x');
    expect(existsSync(join(dataDir, 'secrets.json'))).toBe(false);
    expect(await secrets.store.get('k')).toBeNull();
  });
});
