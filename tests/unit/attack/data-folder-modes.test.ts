/**
 * Attack suite: the data folder's file modes (issue 20). Another user of the computer must
 * not read the mirror (every contact) or the sign-ins. Before, a data folder that existed
 * with mode 0755 kept it, and SQLite created `mirror.sqlite` and its `-wal`/`-shm` 0644:
 * readable by everyone. Tried: the CLI run with umask 000 in a 0755 folder (the folder
 * tightened and said once; every file 0600), a mirror of an earlier version left 0644 with
 * its -wal (tightened at the next start), and a fresh folder (made 0700, nothing said).
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../src/main/secrets/file-secret-store';
import { createCoreService } from '../../../src/main/service';
import { cliPath, projectRoot, terminalEnv } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp-dir';

const modeOf = (path: string) => statSync(path).mode & 0o777;

/** Every file and folder under `root`, with its mode. */
function modes(root: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const entry of readdirSync(root, { recursive: true }) as string[]) {
    found[entry] = modeOf(join(root, entry)).toString(8);
  }
  return found;
}

/** The CLI as a user with umask 000 runs it (the most permissive a process can be). */
function cliWithOpenUmask(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', 'umask 000; exec "$0" "$@"', process.execPath, cliPath, ...args], {
      cwd: projectRoot,
      env: terminalEnv(),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('attack: another user of the computer reads the data folder', () => {
  it('a 0755 folder and umask 000: the folder becomes 0700 (said once), the mirror, its -wal/-shm and the rest 0600', async () => {
    const dataDir = join(tempDir(), 'data');
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o755);
    const first = await cliWithOpenUmask(['--data-dir', dataDir, 'account', 'add', '--demo']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain(
      `The data folder ${dataDir} could be read by other users of this computer; it is now yours alone (mode 700)`,
    );
    const second = await cliWithOpenUmask([
      '--data-dir',
      dataDir,
      'device',
      'add',
      '--name',
      'Phone',
      '--platform',
      'ios',
    ]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).not.toContain('could be read by other users');

    expect(modeOf(dataDir).toString(8)).toBe('700');
    // While a core has the mirror open, its -wal and -shm exist: they take the mirror's mode.
    const open = createCoreService({ dataDir, face: 'cli', secrets: createMemorySecretStore() });
    try {
      await open.api.addDevice({ name: 'Tablet', platform: 'android' });
      const files = modes(dataDir);
      expect(Object.keys(files)).toEqual(
        expect.arrayContaining(['mirror.sqlite', 'mirror.sqlite-wal', 'mirror.sqlite-shm']),
      );
      for (const [name, mode] of Object.entries(files)) expect(`${name} ${mode}`).toBe(`${name} 600`);
    } finally {
      await open.close();
    }
  });

  it('a mirror left 0644 (with its -wal) by an earlier version is tightened at the next start', async () => {
    const dataDir = tempDir();
    const log: string[] = [];
    const open = () =>
      createCoreService({ dataDir, face: 'cli', secrets: createMemorySecretStore(), log: (line) => log.push(line) });
    const service = open();
    await service.api.addDevice({ name: 'Phone', platform: 'ios' });
    await service.close();
    const mirror = join(dataDir, 'mirror.sqlite');
    chmodSync(mirror, 0o644);
    // A -wal as a crash leaves it: SQLite removes it on a clean close, so make one of that mode.
    const keep = open();
    await keep.api.addDevice({ name: 'Tablet', platform: 'android' });
    chmodSync(`${mirror}-wal`, 0o644);
    await keep.close().catch(() => undefined);
    chmodSync(mirror, 0o644);

    const again = open();
    try {
      expect(modeOf(mirror).toString(8)).toBe('600');
      for (const [name, mode] of Object.entries(modes(dataDir))) expect(`${name} ${mode}`).toBe(`${name} 600`);
      // tempDir() makes its folders 0700: nothing to say about the folder.
      expect(log.filter((line) => line.includes('could be read by other users'))).toEqual([]);
    } finally {
      await again.close();
    }
  });
});
