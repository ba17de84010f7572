/**
 * The desktop app started on a damaged mirror, wired as in src/main/electron/main.ts with the
 * recording stand-in for `electron` (main-wiring.test.ts has the rest): instead of an error box
 * and an exit, it asks (in Russian on a Russian system) whether to keep the file aside and start
 * fresh; the stand-in's dialog answers with the first button, as a person choosing it would.
 * The core runs in a real child process and refuses the file itself.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../helpers/temp-dir';
import { electron, recorded } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electron);

const damaged = 'a mirror.sqlite that a disk fault left as text\n'.repeat(50);
let dataDir = '';

beforeAll(async () => {
  dataDir = tempDir();
  writeFileSync(join(dataDir, 'mirror.sqlite'), damaged);
  vi.stubEnv('AMO_PHONEBOOK_DATA_DIR', dataDir);
  vi.stubEnv('ELECTRON_RENDERER_URL', '');
  vi.stubEnv('AMO_PHONEBOOK_SQLITE_BINDING', '');
  await import('../../../src/main/electron/main');
  await vi.waitFor(() => expect(recorded.windows.length).toBe(1), { timeout: 30_000 });
}, 40_000);

afterAll(async () => {
  electron.app.emit('will-quit', { preventDefault: () => undefined });
  await vi.waitFor(() => expect(recorded.exitCode).toBe(0));
  vi.unstubAllEnvs();
});

describe('the desktop app on a damaged mirror', () => {
  it('asks in words, with "keep it aside and start fresh" first and Quit as the safe default', () => {
    const [question] = recorded.messageBoxes;
    expect(question).toMatchObject({
      type: 'warning',
      message: 'Локальная база приложения повреждена',
      buttons: ['Отложить и начать заново', 'Выйти'],
      defaultId: 1,
      cancelId: 1,
    });
    expect(String(question?.['detail'])).toContain(join(dataDir, 'mirror.sqlite'));
    expect(String(question?.['detail'])).toMatch(/подключить заново.*получат все контакты ещё раз/s);
    expect(recorded.errorBoxes).toEqual([]);
  });

  it('kept the file aside byte for byte, and started with an empty mirror and its window', () => {
    const aside = readdirSync(dataDir).filter((name) => name.startsWith('mirror.damaged-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dataDir, aside[0] as string), 'utf8')).toBe(damaged);
    expect(readFileSync(join(dataDir, 'mirror.sqlite')).subarray(0, 15).toString()).toBe('SQLite format 3');
    expect(recorded.windows).toHaveLength(1);
    expect(recorded.exitCode).toBeNull();
  });
});
