/**
 * R15 under the worst case: the export process is killed (SIGKILL) while it writes the
 * .vcf. The target never holds half a file, and the ledger is untouched, so the next
 * export sends the same contacts. Real processes and files; the kill lands when the
 * temporary file appears, that is, mid-write.
 */

import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoreService } from '../../../src/main/service';
import { cliPath, projectRoot, runCli, startCliServer, terminalEnv } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp-dir';
import { readVCards } from '../../helpers/vcard-reader';

let server: ReturnType<typeof startCliServer>;
let dataDir: string;

beforeAll(async () => {
  server = startCliServer([
    'sandbox',
    '--port',
    '0',
    '--contacts',
    '40000',
    '--seed',
    'kill-export',
    '--rate-limit',
    '0',
  ]);
  const sandbox = JSON.parse(await server.firstLine) as { baseUrl: string; tokens: Record<string, string> };
  dataDir = tempDir();
  // Fill the mirror quickly in-process (the CLI keeps to amoCRM's 7 requests a second).
  const service = createCoreService({ dataDir, face: 'cli', requestsPerSecond: 1000 });
  await service.api.addAccountWithToken({ baseUrl: sandbox.baseUrl, token: sandbox.tokens['admin'] as string });
  await service.api.syncAccounts({});
  await service.api.addDevice({ name: 'Big', platform: 'android' });
  await service.close();
}, 120_000);
afterAll(() => server.stop());

/** Reads the mirror the way another process would: its own read-only connection. */
function readMirror<T>(read: (db: Database.Database) => T): T {
  const db = new Database(join(dataDir, 'mirror.sqlite'), { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const ledgerCount = () => readMirror((db) => db.prepare('SELECT count(*) FROM export_ledger').pluck().get() as number);
const accountId = () => readMirror((db) => db.prepare('SELECT id FROM accounts').pluck().get() as number);

/** Runs `export` and SIGKILLs it the moment its temporary file shows up; says whether it did. */
function exportAndKillMidWrite(outDir: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        cliPath,
        '--data-dir',
        dataDir,
        'export',
        '--device',
        'big',
        '--period',
        'all',
        '--out',
        join(outDir, 'contacts.vcf'),
      ],
      {
        cwd: projectRoot,
        env: terminalEnv(),
        stdio: 'ignore',
      },
    );
    let killed = false;
    const watch = setInterval(() => {
      if (readdirSync(outDir).some((name) => name.endsWith('.part'))) {
        killed = child.kill('SIGKILL');
        clearInterval(watch);
      }
    }, 1);
    child.on('close', () => {
      clearInterval(watch);
      resolve(killed);
    });
  });
}

describe('an export killed mid-write', () => {
  it('leaves no partial file at the target and the ledger unchanged; the next export sends everything', async () => {
    let killedMidWrite = 0;
    for (let attempt = 0; attempt < 3; attempt++) {
      const outDir = tempDir();
      const killed = await exportAndKillMidWrite(outDir);
      const target = join(outDir, 'contacts.vcf');
      if (killed) {
        killedMidWrite++;
        expect(existsSync(target), 'a killed export left a file at the target').toBe(false);
        expect(ledgerCount()).toBe(0);
      } else {
        // It finished before the kill could land: then the file is whole. Start over for the next attempt.
        expect(readVCards(readFileSync(target, 'utf8')).length).toBe(ledgerCount());
        await runCli(['--data-dir', dataDir, 'export', 'reset', '--device', 'big', '--account', String(accountId())]);
      }
    }
    expect(killedMidWrite, 'the kill never landed mid-write').toBeGreaterThan(0);

    const outDir = tempDir();
    const result = await runCli([
      '--data-dir',
      dataDir,
      '--json',
      'export',
      '--device',
      'big',
      '--period',
      'all',
      '--out',
      join(outDir, 'contacts.vcf'),
    ]);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { delivered: number; accounts: Array<{ first: boolean }> };
    expect(report.accounts[0]?.first).toBe(true);
    expect(readVCards(readFileSync(join(outDir, 'contacts.vcf'), 'utf8'))).toHaveLength(report.delivered);
    expect(ledgerCount()).toBe(report.delivered);
  }, 120_000);
});
