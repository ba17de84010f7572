/**
 * A sync killed with SIGKILL halfway (a laptop lid, a crash, the task manager) and run
 * again ends with the same mirror as a sync that was never interrupted: real processes,
 * a real sandbox server, real SQLite files checked with PRAGMA integrity_check.
 */

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccountWithToken, cliPath, projectRoot, runCli, startCliServer, terminalEnv } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp-dir';

let server: ReturnType<typeof startCliServer>;
let sandbox: { baseUrl: string; tokens: Record<string, string> };

beforeAll(async () => {
  server = startCliServer(['sandbox', '--port', '0', '--contacts', '3000', '--seed', 'kill-test', '--rate-limit', '7']);
  sandbox = JSON.parse(await server.firstLine) as typeof sandbox;
});
afterAll(() => server.stop());

/** Starts `sync` and SIGKILLs it once its progress shows `page`. */
function syncAndKillAt(dataDir: string, page: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, '--data-dir', dataDir, 'sync'], {
      cwd: projectRoot,
      env: terminalEnv(),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      if (stderr.includes(`page ${page},`)) child.kill('SIGKILL');
    });
    child.on('close', (_code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`sync ended before it was killed: ${stderr}`)),
    );
  });
}

function dump(dataDir: string) {
  const db = new Database(join(dataDir, 'mirror.sqlite'));
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    return {
      contacts: db.prepare('SELECT * FROM contacts ORDER BY account_id, id').all(),
      channels: db.prepare('SELECT * FROM contact_channels ORDER BY account_id, contact_id, kind, position').all(),
      state: db
        .prepare('SELECT full_pull_done, full_pull_next_page, watermark IS NOT NULL AS hasWatermark FROM sync_state')
        .all(),
    };
  } finally {
    db.close();
  }
}

describe('sync killed mid-pull', () => {
  it('resumes where it stopped and ends with the same mirror as an uninterrupted sync', async () => {
    const interrupted = tempDir();
    const clean = tempDir();
    for (const dataDir of [interrupted, clean]) {
      const added = await addAccountWithToken(dataDir, sandbox.baseUrl, sandbox.tokens['admin'] as string);
      expect(added.code, added.stderr).toBe(0);
    }

    await syncAndKillAt(interrupted, 5);
    const halfway = dump(interrupted);
    expect(halfway.contacts.length % 250).toBe(0);
    expect(halfway.contacts.length).toBeGreaterThanOrEqual(1000);
    expect(halfway.contacts.length).toBeLessThan(3000);
    expect(halfway.state).toEqual([
      { full_pull_done: 0, full_pull_next_page: halfway.contacts.length / 250 + 1, hasWatermark: 0 },
    ]);

    const resumed = await runCli(['--data-dir', interrupted, '--json', 'sync']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const report = JSON.parse(resumed.stdout) as { accounts: Array<{ mode: string; pages: number }> };
    // Only the pages it had not written yet.
    expect(report.accounts[0]).toMatchObject({ mode: 'full', pages: 12 - halfway.contacts.length / 250 });

    const uninterrupted = await runCli(['--data-dir', clean, 'sync']);
    expect(uninterrupted.code, uninterrupted.stderr).toBe(0);

    const a = dump(interrupted);
    const b = dump(clean);
    expect(a.contacts).toHaveLength(3000);
    expect(a.contacts).toEqual(b.contacts);
    expect(a.channels).toEqual(b.channels);
    expect(a.state).toEqual([{ full_pull_done: 1, full_pull_next_page: null, hasWatermark: 1 }]);
  }, 60_000);
});
