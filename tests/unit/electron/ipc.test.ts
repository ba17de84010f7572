/**
 * The IPC wiring with a protocol-level stand-in for Electron's ipcMain (Electron cannot
 * run here): every verb registered once, foreign senders refused, input validated.
 */
// biome-ignore lint/style/noRestrictedImports: a type only, erased at run time; the test never loads electron
import type { IpcMain } from 'electron';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src/main/api/dispatch';
import { isTrustedAppUrl } from '../../../src/main/electron/app-origin';
import { registerIpcApi } from '../../../src/main/electron/ipc';
import { createMemorySecretStore } from '../../../src/main/secrets/file-secret-store';
import { createCoreService } from '../../../src/main/service';
import { apiVerbs } from '../../../src/shared/api/verbs';
import { tempDir } from '../../helpers/temp-dir';

type Handler = (event: { senderFrame?: { url: string } }, input: unknown) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle(channel: string, handler: Handler) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, handler);
    },
    removeHandler(channel: string) {
      handlers.delete(channel);
    },
  };
  return { ipcMain: ipcMain as unknown as IpcMain, handlers };
}

describe('registerIpcApi', () => {
  it('registers one channel per verb, answers our page, refuses others, validates input', async () => {
    const service = createCoreService({ dataDir: tempDir(), face: 'electron', secrets: createMemorySecretStore() });
    const { ipcMain, handlers } = fakeIpcMain();
    const unregister = registerIpcApi(
      ipcMain,
      createDispatcher(service.api, () => undefined),
      (url) => isTrustedAppUrl(url),
    );
    try {
      expect([...handlers.keys()].sort()).toEqual(apiVerbs.map((verb) => `api:${verb}`).sort());
      const addDevice = handlers.get('api:addDevice') as Handler;
      const ours = { senderFrame: { url: 'app://amo-phonebook/desktop/index.html' } };
      expect(await addDevice(ours, { name: 'Pixel', platform: 'android' })).toMatchObject({
        ok: true,
        value: { id: 'pixel' },
      });
      expect(
        await addDevice({ senderFrame: { url: 'https://evil.example/' } }, { name: 'X', platform: 'android' }),
      ).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      expect(await addDevice({}, { name: 'X', platform: 'android' })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      expect(await addDevice(ours, { name: 'X', platform: 'android', extra: 1 })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
      expect(await (handlers.get('api:listDevices') as Handler)(ours, undefined)).toMatchObject({
        ok: true,
        value: [{ id: 'pixel' }],
      });
    } finally {
      unregister();
      await service.close();
    }
    expect(handlers.size).toBe(0);
  });

  it('sends errors as {ok:false, error:{code, message, params}}: never a raw object or a stack', async () => {
    const api = new Proxy(
      {},
      {
        get: () => async () => {
          const error = new Error('SQLITE_IOERR at /home/user/.config/amo-phonebook/mirror.sqlite');
          (error as Error & { secret?: string }).secret = 'token-123';
          throw error;
        },
      },
    );
    const logged: string[] = [];
    const { ipcMain, handlers } = fakeIpcMain();
    registerIpcApi(
      ipcMain,
      createDispatcher(api as never, (line) => logged.push(line)),
      (url) => isTrustedAppUrl(url),
    );
    const answer = await (handlers.get('api:listDevices') as Handler)(
      { senderFrame: { url: 'app://amo-phonebook/' } },
      {},
    );
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'INTERNAL',
        message: 'Something went wrong in listDevices; details are in the log',
        params: { verb: 'listDevices' },
      },
    });
    expect(JSON.stringify(answer)).not.toMatch(/token-123|SQLITE|stack/);
    // The details stay in the main process's log.
    expect(logged[0]).toContain('SQLITE_IOERR');
  });
});
