/**
 * The CLI against a real Radicale: `device add --platform carddav --password-stdin`,
 * `export --device ID` (no --out) with progress on stderr, a sync SIGKILLed half-way and
 * run again (the same server state, no duplicate), and `export reset`.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoreService } from '../../../src/main/service';
import { cliPath, projectRoot, runCli, startCliServer, terminalEnv } from '../../helpers/cli';
import { davStatus, readBook, values } from '../../helpers/dav-reader';
import { type HttpGate, startHttpGate } from '../../helpers/http-gate';
import { type RadicaleHandle, startRadicale } from '../../helpers/radicale';
import { tempDir } from '../../helpers/temp-dir';

let sandbox: ReturnType<typeof startCliServer>;
let radicale: RadicaleHandle;
/** The CLI reaches Radicale through it, so the half-way kill lands at a known card, not a race. */
let gate: HttpGate;
let dataDir: string;
let accountId: number;

beforeAll(async () => {
  radicale = await startRadicale();
  gate = await startHttpGate(radicale.url);
  sandbox = startCliServer([
    'sandbox',
    '--port',
    '0',
    '--contacts',
    '250',
    '--seed',
    'carddav-cli',
    '--rate-limit',
    '0',
  ]);
  const ready = JSON.parse(await sandbox.firstLine) as { baseUrl: string; tokens: Record<string, string> };
  dataDir = tempDir();
  // The mirror filled in-process (the CLI keeps to amoCRM's 7 requests a second).
  const service = createCoreService({ dataDir, face: 'cli', requestsPerSecond: 1000 });
  accountId = (
    await service.api.addAccountWithToken({ baseUrl: ready.baseUrl, token: ready.tokens['admin'] as string })
  ).id;
  await service.api.syncAccounts({});
  await service.close();
}, 120_000);
afterAll(async () => {
  await sandbox?.stop();
  await gate?.stop();
  await radicale?.stop();
});

/** Runs the CLI with `input` on its standard input. */
function cliWithInput(args: readonly string[], input: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: projectRoot, env: terminalEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const ledgerCount = () => {
  const db = new Database(join(dataDir, 'mirror.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM export_ledger').pluck().get() as number;
  } finally {
    db.close();
  }
};

describe('CLI: a CardDAV account', () => {
  let deviceId = '';
  const bookUrl = () => `${radicale.url}${radicale.user}/amocrm-${accountId}/`;

  it('device add reads the password from stdin, refuses a wrong one, and prints the phone set-up', async () => {
    const wrong = await cliWithInput(
      [
        '--data-dir',
        dataDir,
        'device',
        'add',
        '--platform',
        'carddav',
        '--url',
        gate.url,
        '--user',
        radicale.user,
        '--password-stdin',
      ],
      'not-it\n',
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/did not accept the user name and password/);
    const profile = join(tempDir(), 'amoCRM.mobileconfig');
    const added = await cliWithInput(
      [
        '--data-dir',
        dataDir,
        'device',
        'add',
        '--platform',
        'carddav',
        '--url',
        gate.url,
        '--user',
        radicale.user,
        '--password-stdin',
        '--profile-out',
        profile,
      ],
      `${radicale.password}\n`,
    );
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/On an iPhone:[\s\S]*On Android:[\s\S]*DAVx⁵/);
    expect(added.stdout).toContain(`Saved the iPhone profile to ${profile}`);
    deviceId = /Added device (\S+)/.exec(added.stdout)?.[1] ?? '';
    expect(deviceId).not.toBe('');
    const secrets = await import('node:fs').then((fs) => fs.readFileSync(join(dataDir, 'secrets.json'), 'utf8'));
    expect(secrets).toContain(radicale.password);
    const mirror = await import('node:fs').then((fs) => fs.readFileSync(join(dataDir, 'mirror.sqlite')));
    expect(mirror.includes(Buffer.from(radicale.password))).toBe(false);
  });

  it('an export SIGKILLed half-way, run again, ends with every card once and the ledger matching the server', async () => {
    const args = ['--data-dir', dataDir, 'export', '--device', deviceId, '--period', 'all'];
    // The gate holds every PUT after the 20th answered one; the CLI is killed while it waits.
    const twentyWritten = gate.holdAfter('PUT', 20);
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd: projectRoot,
      env: terminalEnv(),
      stdio: 'ignore',
    });
    const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
    const first = await Promise.race([twentyWritten.then(() => 'held'), closed.then(() => 'ended')]);
    expect(first, 'the export ended before its 20th card was written').toBe('held');
    child.kill('SIGKILL');
    await closed;
    await gate.idle();
    gate.passThrough();
    const halfway = (await readBook(bookUrl(), radicale.authorization)).size;
    const recorded = ledgerCount();
    // The ledger never claims more than the server has; at most the in-flight PUTs are unrecorded.
    expect(recorded).toBeLessThanOrEqual(halfway);
    expect(halfway - recorded).toBeLessThanOrEqual(8);

    const resumed = await runCli([...args.slice(0, 2), '--json', ...args.slice(2)]);
    expect(resumed.code, resumed.stderr).toBe(0);
    const report = JSON.parse(resumed.stdout) as { written: number; new: number };
    expect(report.new).toBe(report.written);
    const cards = await readBook(bookUrl(), radicale.authorization);
    const uids = [...cards.values()].map((card) => values(card.text, 'UID')[0]);
    expect(new Set(uids).size).toBe(uids.length);
    expect(cards.size).toBe(ledgerCount());
    // The resumed run sent what was not recorded (the unrecorded in-flight ones again, in place).
    expect(report.written).toBeGreaterThan(0);
    expect(cards.size).toBe(recorded + report.written);
  }, 120_000);

  it('a later export sends nothing when nothing changed; progress goes to stderr; export reset deletes the book', async () => {
    const again = await runCli(['--data-dir', dataDir, 'export', '--device', deviceId]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^Delivered 0 contacts/);
    const before = (await readBook(bookUrl(), radicale.authorization)).size;
    const reset = await runCli([
      '--data-dir',
      dataDir,
      'export',
      'reset',
      '--device',
      deviceId,
      '--account',
      String(accountId),
    ]);
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.stdout).toContain(`${before} contacts removed from the address-book account`);
    expect(await davStatus(bookUrl(), radicale.authorization)).toBe(404);
    const fresh = await runCli(['--data-dir', dataDir, 'export', '--device', deviceId, '--period', 'all']);
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(fresh.stderr).toMatch(/sent \d+ of \d+ contacts/);
    expect((await readBook(bookUrl(), radicale.authorization)).size).toBe(before);
  }, 120_000);
});
