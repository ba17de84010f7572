/**
 * The core in its own process, as Electron runs it: main's client (core-client.ts) and the
 * core's host (core-host.ts, through its real entry) in a real child process, over the
 * stand-in for utilityProcess (tests/helpers/core-process-stand-in.ts: Electron's binary
 * cannot run here). The envelopes, events, keychain requests and a consent window cross as
 * they do in the app; so do the failures: a damaged mirror, a killed process, a bad input.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type CoreClient, connectCore } from '../../../src/main/core-process/core-client';
import { createMemorySecretStore } from '../../../src/main/secrets/file-secret-store';
import type { SecretStore } from '../../../src/main/secrets/secret-store';
import type { ApiEvent } from '../../../src/shared/api/events';
import { AppError } from '../../../src/shared/errors';
import { type CoreChildStandIn, forkCoreStandIn } from '../../helpers/core-process-stand-in';
import { tempDir } from '../../helpers/temp-dir';

const clients: CoreClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

function openClient(
  options: { dataDir?: string; openConsentWindow?: Parameters<typeof connectCore>[0]['openConsentWindow'] } = {},
) {
  const dataDir = options.dataDir ?? tempDir();
  const children: CoreChildStandIn[] = [];
  const inner = createMemorySecretStore();
  const asked: string[] = [];
  // The keychain stays in main: every read and write the core makes arrives here.
  const secrets: SecretStore = {
    get(key) {
      asked.push(`get ${key}`);
      return inner.get(key);
    },
    set(key, value) {
      asked.push(`set ${key}`);
      return inner.set(key, value);
    },
    delete(key) {
      asked.push(`delete ${key}`);
      return inner.delete(key);
    },
  };
  const logged: string[] = [];
  const revealed: string[] = [];
  const client = connectCore({
    spawn: () => {
      const child = forkCoreStandIn();
      children.push(child);
      return child;
    },
    start: { dataDir, uiDir: join(dataDir, 'no-ui') },
    secrets,
    openConsentWindow:
      options.openConsentWindow ?? (async () => Promise.reject(new AppError('CANCELLED', 'The window was closed'))),
    revealFile: (path) => revealed.push(path),
    log: (message) => logged.push(message),
    closeTimeoutMs: 15_000,
  });
  clients.push(client);
  const call = async (verb: string, input: unknown) => client.dispatch(verb, input);
  return { client, call, dataDir, children, asked, logged, revealed };
}

describe('the core in its utility process (stand-in: a real Node child over a cloned-message channel)', () => {
  it('answers verbs with the same envelopes, forwards events, and keeps the keychain in main', async () => {
    const { client, call, dataDir, children, asked } = openClient();
    await client.ready;
    expect(children[0]?.process.pid).not.toBe(process.pid);
    expect(await call('getAppInfo', {})).toMatchObject({ ok: true, value: { face: 'electron', dataDir } });

    const events: ApiEvent[] = [];
    client.events.onAny((event) => events.push(event));
    const connected = await call('connectDemoAccount', {});
    expect(connected).toMatchObject({ ok: true, value: { authKind: 'demo' } });
    expect(events.map((event) => event.type)).toContain('accounts:changed');
    const accountId = (connected as { value: { id: number } }).value.id;

    const synced = await call('syncAccounts', {});
    expect(synced).toMatchObject({ ok: true });
    expect(events.some((event) => event.type === 'sync:progress')).toBe(true);

    // Tried: removing the account deletes its sign-in from main's store, not from a file of the core's.
    expect(await call('removeAccount', { accountId })).toEqual({ ok: true, value: { removed: true } });
    expect(asked).toContain(`delete account:${accountId}:token`);
    expect(existsSync(join(dataDir, 'secrets.json'))).toBe(false);
  });

  it('refuses bad input in the core, with the field, across the process boundary', async () => {
    const { client, call } = openClient();
    await client.ready;
    // Tried: an unknown verb, a wrong type, an unknown key, and no input at all for a verb that needs some.
    expect(await call('dropTables', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call('getContact', { accountId: 'one', contactId: 2 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', params: { verb: 'getContact', field: 'accountId' } },
    });
    expect(await call('listAccounts', { extra: true })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call('lookupPhone', undefined)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('"Show in folder" reaches main only for a .vcf an export wrote', async () => {
    const { client, call, dataDir, revealed } = openClient();
    await client.ready;
    await call('connectDemoAccount', {});
    const device = (await call('addDevice', { name: 'Google', platform: 'file' })) as {
      ok: true;
      value: { id: string };
    };
    const file = join(dataDir, 'contacts.vcf');
    const exported = await call('exportToFile', { deviceId: device.value.id, period: '7d', outPath: file });
    expect(exported).toMatchObject({ ok: true, value: { file } });
    expect(await call('showExportedFile', { file })).toEqual({ ok: true, value: { shown: true } });
    expect(revealed).toEqual([file]);
    // Any other path (the mirror itself, a system file) is refused in the core; main never hears of it.
    for (const other of [join(dataDir, 'mirror.sqlite'), '/etc/passwd', `${file}/../mirror.sqlite`]) {
      expect(await call('showExportedFile', { file: other })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    }
    expect(revealed).toEqual([file]);
  }, 60_000);

  it("opens main's consent window for the core's sign-in, and its cancel comes back as CANCELLED", async () => {
    const opened: string[] = [];
    const { client, call } = openClient({
      openConsentWindow: async (url) => {
        opened.push(url);
        throw new AppError('CANCELLED', 'The sign-in window was closed');
      },
    });
    await client.ready;
    const answer = await call('connectWithOAuth', {
      product: 'custom',
      consentBaseUrl: 'http://127.0.0.1:9',
      clientId: 'c',
      clientSecret: 's',
      redirectUri: 'https://amo-phonebook.example/callback',
    });
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatch(/^http:\/\/127\.0\.0\.1:9\/oauth\?client_id=c&state=/);
    expect(answer).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
  });

  it('says in words when the mirror cannot be opened, instead of starting without it', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'mirror.sqlite'), 'this is not a database, it is a shopping list');
    const { client } = openClient({ dataDir });
    await expect(client.ready).rejects.toMatchObject({ code: 'DB_CORRUPT' });
  });

  it('answers the calls in flight when the core process dies, and the next call starts a new one', async () => {
    const { client, call, children, logged } = openClient();
    await client.ready;
    await call('connectDemoAccount', {});
    // Tried: the process killed while a sync is running.
    const syncing = call('syncAccounts', {});
    children[0]?.process.kill('SIGKILL');
    const answer = await syncing;
    expect(answer).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(answer)).toMatch(/stopped unexpectedly/);
    expect(logged.join('\n')).toMatch(/exited/);
    // The mirror survived: the new process finds the account the first one connected.
    const accounts = await call('listAccounts', {});
    expect(children).toHaveLength(2);
    expect(accounts).toMatchObject({ ok: true, value: [{ authKind: 'demo' }] });
  });

  it('closes the mirror and ends the process when the app quits', async () => {
    const { client, call, children } = openClient();
    await client.ready;
    await call('listDevices', {});
    const exited = new Promise<number | null>((resolve) => children[0]?.process.once('exit', resolve));
    await client.close();
    expect(await exited).toBe(0);
    expect(await call('listDevices', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
