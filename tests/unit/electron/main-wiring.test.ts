/**
 * The main process as wired in src/main/electron/main.ts, with a recording stand-in for the
 * `electron` module: what it registers (scheme, protocol, IPC, permission handlers,
 * webPreferences, menu), the consent window it opens, and what it tells the user.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { denyPermissionCheck, denyPermissionRequest } from '../../../src/main/electron/window-security';
import { apiVerbs } from '../../../src/shared/api/verbs';
import { tempDir } from '../../helpers/temp-dir';
import { electron, fakeDefaultSession, recorded } from './fake-electron';
import { navigation } from './fake-window';

vi.mock('electron', async () => (await import('./fake-electron')).electron);

type Invoke = (event: { senderFrame?: { url: string } }, input: unknown) => Promise<{ ok: boolean; error?: unknown }>;
const ours = { senderFrame: { url: 'app://amo-phonebook/' } };
let dataDir = '';

beforeAll(async () => {
  dataDir = tempDir();
  vi.stubEnv('AMO_PHONEBOOK_DATA_DIR', dataDir);
  vi.stubEnv('ELECTRON_RENDERER_URL', '');
  vi.stubEnv('AMO_PHONEBOOK_SQLITE_BINDING', '');
  await import('../../../src/main/electron/main');
  // The core starts in its own process first (a real child: see core-process-stand-in.ts).
  await vi.waitFor(() => expect(recorded.messageBoxes.length).toBe(1), { timeout: 20_000 });
}, 30_000);

afterAll(async () => {
  // will-quit closes the core cleanly, then exits.
  let prevented = false;
  electron.app.emit('will-quit', { preventDefault: () => (prevented = true) });
  expect(prevented).toBe(true);
  await vi.waitFor(() => expect(recorded.exitCode).toBe(0));
  vi.unstubAllEnvs();
});

describe('main process wiring', () => {
  it('uses the shared data folder and registers app:// as a privileged scheme before ready', () => {
    expect(recorded.userData).toBe(dataDir);
    expect(recorded.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect([...recorded.protocolHandlers.keys()]).toEqual(['app']);
    expect(electron.app.listenerCount('second-instance')).toBe(1);
  });

  it('denies every permission in the default session', () => {
    expect(fakeDefaultSession.permissionRequestHandler).toBe(denyPermissionRequest);
    expect(fakeDefaultSession.permissionCheckHandler).toBe(denyPermissionCheck);
  });

  it('opens one locked-down window on app://', () => {
    const [main] = recorded.windows;
    expect(main?.options['webPreferences']).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
    expect(String((main?.options['webPreferences'] as { preload?: string } | undefined)?.preload)).toMatch(
      /preload[/\\]index\.cjs$/,
    );
    expect(main?.options).toMatchObject({ width: 1100, height: 760, show: false });
    expect(main?.window.state.loaded).toEqual(['app://amo-phonebook/']);
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      expect(main?.window.handlers(event).length, event).toBeGreaterThan(0);
    }
    const away = navigation('https://evil.example/');
    main?.window.emit('will-navigate', away);
    expect(away.prevented).toBe(true);
    expect(main?.window.state.openHandler?.({ url: 'https://www.amocrm.ru/' })).toEqual({ action: 'deny' });
  });

  it("runs the core in a utility process beside the main bundle, not on the windows' thread", () => {
    expect(recorded.utilityProcesses).toHaveLength(1);
    const [core] = recorded.utilityProcesses;
    expect(core?.modulePath).toMatch(/[/\\]core\.js$/);
    expect(core?.child.process.pid).not.toBe(process.pid);
    expect(core?.child.process.exitCode).toBeNull();
  });

  it('serves every API verb over IPC to our page only', async () => {
    expect([...recorded.ipcHandlers.keys()].sort()).toEqual(apiVerbs.map((verb) => `api:${verb}`).sort());
    const info = recorded.ipcHandlers.get('api:getAppInfo') as unknown as Invoke;
    expect(await info(ours, {})).toMatchObject({ ok: true, value: { face: 'electron', dataDir } });
    expect(await info({ senderFrame: { url: 'https://evil.example/' } }, {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('sets a menu with the usual roles', () => {
    const { template } = recorded.menu as { template: { role?: string; label?: string }[] };
    const roles = template.map((item) => item.role ?? item.label);
    expect(roles).toEqual(expect.arrayContaining(['fileMenu', 'editMenu', 'viewMenu', 'windowMenu', 'help']));
  });

  it('warns, in Russian on a Russian system, that Linux has no keychain here (basic_text)', () => {
    expect(recorded.messageBoxes[0]).toMatchObject({
      type: 'warning',
      message: 'На этом компьютере нет хранилища паролей',
      checkboxLabel: 'Больше не показывать',
    });
  });

  it('brings the window forward when the app is started a second time', () => {
    const [main] = recorded.windows;
    electron.app.emit('second-instance');
    expect(main?.window.focused).toBe(1);
  });

  it('remembers where the window was when it closes', async () => {
    recorded.windows[0]?.window.emitWindow('close');
    const path = join(dataDir, 'desktop-state.json');
    await vi.waitFor(() => expect(existsSync(path)).toBe(true));
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({
      window: { x: 10, y: 20, width: 900, height: 700, maximized: false },
    });
  });

  it("opens amoCRM's consent page in its own window and in-memory session, without a preload", async () => {
    const connect = recorded.ipcHandlers.get('api:connectWithOAuth') as unknown as Invoke;
    const pending = connect(ours, {
      product: 'custom',
      consentBaseUrl: 'http://127.0.0.1:9',
      clientId: 'c',
      clientSecret: 's',
      redirectUri: 'https://amo-phonebook.example/callback',
    });
    await vi.waitFor(() => expect(recorded.windows.length).toBe(2));
    const consent = recorded.windows[1];
    const preferences = consent?.options['webPreferences'] as Record<string, unknown>;
    expect(preferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(preferences['preload']).toBeUndefined();
    expect(String(preferences['partition'])).not.toMatch(/^persist:/);
    const session = recorded.sessions.get(String(preferences['partition']));
    expect(session?.permissionRequestHandler).toBe(denyPermissionRequest);
    expect(consent?.window.state.loaded[0]).toMatch(/^http:\/\/127\.0\.0\.1:9\/oauth\?client_id=c&state=/);

    // The user closes it: the API answers CANCELLED, and the session's storage is cleared.
    consent?.window.close();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(session?.cleared).toBe(true);
  });
});
