/**
 * Sign-ins in the system keychain, against a real Secret Service (gnome-keyring-daemon on a
 * private D-Bus, tests/helpers/secret-service.ts): one entry per secret shared by the CLI,
 * browser mode and the desktop app, so a change made by one face is what the next reads;
 * old files moved in and removed; and where no keychain answers, the file, said once.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDesktopSecrets } from '../../../src/main/electron/desktop-secrets';
import { createKeychainSecretStore, keychainSecretsFile } from '../../../src/main/electron/keychain-secret-store';
import { createFileSecretStore } from '../../../src/main/secrets/file-secret-store';
import { openSecretStore, type SecretsNotice } from '../../../src/main/secrets/open-secrets';
import { systemKeychain } from '../../../src/main/secrets/os-keychain';
import { keychainService } from '../../../src/main/secrets/os-keychain-store';
import { accountTokenKey } from '../../../src/main/secrets/secret-store';
import { addAccountWithToken, runCli, startCliServer } from '../../helpers/cli';
import { type SecretService, startSecretService } from '../../helpers/secret-service';
import { tempDir } from '../../helpers/temp-dir';
import { fakeSafeStorage } from '../electron/fake-safe-storage';

let secretService: SecretService;
let sandbox: ReturnType<typeof startCliServer>;
let account: { baseUrl: string; accountId: number; tokens: Record<string, string> };

beforeAll(async () => {
  secretService = await startSecretService();
  // This worker's own keychain calls go to the private Secret Service too.
  Object.assign(process.env, secretService.env);
  sandbox = startCliServer(['sandbox', '--port', '0', '--contacts', '300', '--seed', 'keychain']);
  account = JSON.parse(await sandbox.firstLine) as typeof account;
}, 30_000);
afterAll(async () => {
  await sandbox?.stop();
  await secretService?.stop();
});

/** A CLI run whose sign-ins go to the private Secret Service (the default, not the file). */
const withKeychain = { AMO_PHONEBOOK_SECRETS: undefined };
const cliIn =
  (dataDir: string) =>
  (...args: string[]) =>
    runCli(['--data-dir', dataDir, ...args], { env: { ...secretService.env, ...withKeychain } });

function opened(dataDir: string, notices: SecretsNotice[] = []) {
  return openSecretStore({ dataDir, keychain: systemKeychain, notice: (notice) => notices.push(notice) });
}

describe('the system keychain (a real Secret Service)', () => {
  it('keeps each secret as its own entry, per data folder, and nothing in the folder', async () => {
    const first = tempDir();
    const second = tempDir();
    const a = opened(first);
    const b = opened(second);
    await a.set('account:1:token', 'секрет-1');
    await b.set('account:1:token', 'другой');
    expect(await a.place()).toBe('keychain');
    expect(await a.get('account:1:token')).toBe('секрет-1');
    expect(await b.get('account:1:token')).toBe('другой');
    expect(existsSync(join(first, 'secrets.json'))).toBe(false);
    // Readable by another program of the same user through the keychain itself, by its name.
    const keychain = await systemKeychain();
    const folderId = readFileSync(join(first, 'keychain-id'), 'utf8').trim();
    expect(await keychain?.get(keychainService, `${folderId}/account:1:token`)).toBe('секрет-1');
    await a.delete('account:1:token');
    expect(await a.get('account:1:token')).toBeNull();
    expect(await b.get('account:1:token')).toBe('другой');
  });

  it('moves an old secrets.json into the keychain and removes it; a damaged one is kept aside, said, and the keychain used', async () => {
    const dataDir = tempDir();
    await createFileSecretStore(join(dataDir, 'secrets.json')).set('account:5:token', 'из-файла');
    const notices: SecretsNotice[] = [];
    const store = opened(dataDir, notices);
    expect(await store.get('account:5:token')).toBe('из-файла');
    expect(await store.place()).toBe('keychain');
    expect(existsSync(join(dataDir, 'secrets.json'))).toBe(false);
    expect(notices).toEqual([{ kind: 'moved', count: 1 }]);

    const damaged = tempDir();
    writeFileSync(join(damaged, 'secrets.json'), '{ not json');
    const told: SecretsNotice[] = [];
    const kept = opened(damaged, told);
    expect(await kept.place()).toBe('keychain');
    expect(told).toEqual([{ kind: 'kept-aside', path: join(damaged, 'secrets.json'), aside: expect.any(String) }]);
    const aside = told[0]?.kind === 'kept-aside' ? told[0].aside : 'missing';
    expect(aside).toMatch(/secrets\.damaged-.*\.json$/);
    expect(readFileSync(aside, 'utf8')).toBe('{ not json');
    expect(existsSync(join(damaged, 'secrets.json'))).toBe(false);
  });

  it('is shared by the CLI and the other faces: a sign-in changed by one is what the next run reads', async () => {
    const dataDir = tempDir();
    const cli = cliIn(dataDir);
    const added = await runCli(
      [
        '--data-dir',
        dataDir,
        'account',
        'add',
        '--base-url',
        account.baseUrl,
        '--token',
        account.tokens['admin'] as string,
      ],
      { env: { ...secretService.env, ...withKeychain } },
    );
    expect(added.code, added.stderr).toBe(0);
    expect(added.stderr).toBe('');
    expect(existsSync(join(dataDir, 'secrets.json'))).toBe(false);
    // Browser mode's store (this process) sees the CLI's entry.
    const store = opened(dataDir);
    const saved = await store.get(accountTokenKey(account.accountId));
    expect(saved).toContain(account.tokens['admin']);

    // Another face replaces the sign-in with a revoked one: the CLI's next sync uses it and is refused...
    await store.set(
      accountTokenKey(account.accountId),
      (saved as string).replace(account.tokens['admin'] as string, 'revoked'),
    );
    const refused = await cli('sync');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/token|rejected|sign in/i);
    // ...and once it is put back, the CLI syncs again: nothing was cached.
    await store.set(accountTokenKey(account.accountId), saved as string);
    const synced = await cli('--json', 'sync');
    expect(synced.code, synced.stderr).toBe(0);
    expect(JSON.parse(synced.stdout).accounts[0].contacts).toBe(300);
  });

  it("moves the desktop app's safeStorage sign-ins into the shared keychain, where the CLI reads them", async () => {
    const dataDir = tempDir();
    const safeStorage = fakeSafeStorage();
    await createKeychainSecretStore(join(dataDir, keychainSecretsFile), safeStorage).set(
      'account:9:token',
      'с-рабочего-стола',
    );
    await createFileSecretStore(join(dataDir, 'secrets.json')).set('account:10:token', 'из-cli');
    const logged: string[] = [];
    const desktop = await openDesktopSecrets({
      dataDir,
      platform: 'linux',
      safeStorage,
      keychain: systemKeychain,
      log: (line) => logged.push(line),
    });
    expect(desktop.problem).toBeNull();
    expect(existsSync(join(dataDir, keychainSecretsFile))).toBe(false);
    expect(existsSync(join(dataDir, 'secrets.json'))).toBe(false);
    expect(logged).toEqual([
      'Moved 1 sign-in(s) from secrets.keychain.json into the OS keychain',
      'Moved 1 sign-in(s) from secrets.json into the OS keychain',
    ]);
    const cliStore = opened(dataDir);
    expect(await cliStore.get('account:9:token')).toBe('с-рабочего-стола');
    expect(await cliStore.get('account:10:token')).toBe('из-cli');
    // And the other way: what the CLI writes, the desktop reads.
    await cliStore.set('account:9:token', 'обновлён-в-cli');
    expect(await desktop.store.get('account:9:token')).toBe('обновлён-в-cli');
  });
});

describe('without a keychain', () => {
  const noBus = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus', AMO_PHONEBOOK_SECRETS: undefined };

  it('keeps sign-ins in the 0600 file and says so once per data folder', async () => {
    const dataDir = tempDir();
    const run = (...args: string[]) => runCli(['--data-dir', dataDir, ...args], { env: noBus });
    const added = await run(
      'account',
      'add',
      '--base-url',
      account.baseUrl,
      '--token',
      account.tokens['admin'] as string,
    );
    expect(added.code, added.stderr).toBe(0);
    expect(added.stderr).toMatch(
      /^amo-phonebook: No system keychain here \(.+\): sign-ins are kept in .+secrets\.json, readable only by your user/,
    );
    expect(statSync(join(dataDir, 'secrets.json')).mode & 0o777).toBe(0o600);
    const again = await run('sync');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toMatch(/keychain/);
  });

  it('refuses to fall back when told to use the keychain, and AMO_PHONEBOOK_SECRETS=file says nothing', async () => {
    const dataDir = tempDir();
    const refused = await runCli(
      [
        '--data-dir',
        dataDir,
        'account',
        'add',
        '--base-url',
        account.baseUrl,
        '--token',
        account.tokens['admin'] as string,
      ],
      { env: { ...noBus, AMO_PHONEBOOK_SECRETS: 'keychain' } },
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/AMO_PHONEBOOK_SECRETS=keychain, but the system keychain does not work/);
    const quiet = await addAccountWithToken(tempDir(), account.baseUrl, account.tokens['admin'] as string);
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stderr).toBe('');
  });
});
