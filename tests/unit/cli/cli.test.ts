/**
 * The CLI contract, run as a user runs it: separate processes, a sandbox server, a data
 * folder, a .vcf at the end. Errors are one line on stderr and exit status 1.
 */

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxAccount } from '../../../src/main/sandbox/account';
import { addAccountWithToken, runCli, startCliServer } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp-dir';
import { readVCards } from '../../helpers/vcard-reader';

interface SandboxLine {
  baseUrl: string;
  accountId: number;
  tokens: Record<string, string>;
}

let server: ReturnType<typeof startCliServer>;
let sandbox: SandboxLine;

beforeAll(async () => {
  server = startCliServer(['sandbox', '--port', '0', '--contacts', '2000', '--seed', 'cli-test']);
  sandbox = JSON.parse(await server.firstLine) as SandboxLine;
});
afterAll(() => server.stop());

/** A port nothing listens on: bound, then released. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** A failed command: status 1, one line on stderr that names the problem, no stack trace. */
function expectOneLineFailure(result: { code: number | null; stderr: string; stdout: string }, pattern: RegExp): void {
  expect(result.code).toBe(1);
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('amo-phonebook CLI', () => {
  it('sandbox prints one JSON line with baseUrl, accountId and a token per user', () => {
    expect(sandbox.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.accountId).toBeGreaterThan(0);
    expect(Object.keys(sandbox.tokens)).toEqual(expect.arrayContaining(['admin', 'responsible', 'group', 'denied']));
  });

  it('account add, sync, device add, export: a vCard 3.0 file with every contact that has a phone, and none without', async () => {
    const dataDir = tempDir();
    const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args]);

    const added = await addAccountWithToken(dataDir, sandbox.baseUrl, sandbox.tokens['admin'] as string, ['--json']);
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ id: sandbox.accountId, isDemo: false });

    const synced = await cli('--json', 'sync');
    expect(synced.code, synced.stderr).toBe(0);
    expect(JSON.parse(synced.stdout).accounts[0]).toMatchObject({
      accountId: sandbox.accountId,
      contacts: 2000,
      pages: 8,
    });
    expect(synced.stderr).toContain('page 8, 2000 contacts');

    const device = await cli('--json', 'device', 'add', '--name', 'Мой Android', '--platform', 'file');
    expect(device.code, device.stderr).toBe(0);
    const deviceId = (JSON.parse(device.stdout) as { id: string }).id;
    expect(deviceId).toBe('moy-android');
    const listed = await cli('device', 'list');
    expect(listed.stdout).toContain('moy-android  Мой Android  (file)');

    const out = join(dataDir, 'x.vcf');
    const exported = await cli('--json', 'export', '--device', deviceId, '--out', out, '--period', 'all');
    expect(exported.code, exported.stderr).toBe(0);
    const report = JSON.parse(exported.stdout) as Record<string, unknown>;
    for (const field of [
      'delivered',
      'new',
      'updated',
      'skippedNoPhone',
      'skippedByCap',
      'skippedByRights',
      'capRemaining',
      'file',
    ]) {
      expect(report).toHaveProperty(field);
    }

    // The expected set comes from the generator itself, not from the app's mirror.
    const account = createSandboxAccount({ seed: 'cli-test', contactCount: 2000 });
    const withPhone = new Map<string, string>();
    for (let i = 0; i < 2000; i++) {
      const contact = account.contactAt(i);
      const phones = (contact.custom_fields_values ?? [])
        .filter((f) => f.field_code === 'PHONE')
        .flatMap((f) => f.values ?? []);
      if (phones.length > 0) withPhone.set((contact.name ?? '').trim().replace(/\r\n|\r/g, '\n'), String(contact.id));
    }
    const cards = readVCards(readFileSync(out, 'utf8'));
    expect(report['delivered']).toBe(cards.length);
    expect(report['skippedNoPhone']).toBe(2000 - cards.length);
    const exportedNames = new Set(cards.map((card) => card.text('FN')));
    expect(cards.length).toBeGreaterThan(1700);
    for (const name of withPhone.keys()) if (name) expect(exportedNames.has(name), name).toBe(true);
    expect(new Set(cards.map((card) => card.text('UID'))).size).toBe(cards.length);
    expect(cards.every((card) => card.text('VERSION') === '3.0')).toBe(true);

    const accounts = await cli('account', 'list');
    expect(accounts.stdout).toContain(`contacts: 2000 (with phone: ${cards.length})`);
  });

  it('refuses an unreachable URL, a wrong token and non-loopback http with one line and status 1', async () => {
    const dataDir = tempDir();
    const add = (baseUrl: string, token: string) =>
      runCli(['--data-dir', dataDir, 'account', 'add', '--base-url', baseUrl, '--token', token]);
    const closedPort = await freePort();
    expectOneLineFailure(
      await add(`http://127.0.0.1:${closedPort}`, 'x'),
      new RegExp(`^amo-phonebook: Cannot reach 127\\.0\\.0\\.1:${closedPort} \\(ECONNREFUSED\\)$`),
    );
    expectOneLineFailure(await add(sandbox.baseUrl, 'wrong-token'), /refused the token \(401\)/);
    expectOneLineFailure(await add('http://acme.amocrm.ru', 'x'), /Refusing plain http:\/\/ for acme\.amocrm\.ru/);
    expectOneLineFailure(await add('https://www.amocrm.ru', 'x'), /shared site/);
    const list = await runCli(['--data-dir', dataDir, '--json', 'account', 'list']);
    expect(JSON.parse(list.stdout)).toEqual([]);
  });

  it('reports usage mistakes, unknown devices and unwritable outputs as one-line errors', async () => {
    const dataDir = tempDir();
    expectOneLineFailure(
      await runCli(['--data-dir', dataDir, 'account', 'add']),
      /needs --base-url with --token, or --base-url with --client-id/,
    );
    expectOneLineFailure(
      await runCli(['--data-dir', dataDir, 'export', '--device', 'nope', '--out', 'x.vcf']),
      /No device has id "nope"/,
    );
    await runCli(['--data-dir', dataDir, 'device', 'add', '--name', 'F', '--platform', 'file']);
    expectOneLineFailure(
      await runCli(['--data-dir', dataDir, 'export', '--device', 'f', '--out', '/no/such/dir/x.vcf']),
      /No account is connected/,
    );
    const badPlatform = await runCli(['--data-dir', dataDir, 'device', 'add', '--name', 'F', '--platform', 'nokia']);
    expect(badPlatform.code).toBe(1);
    expect(badPlatform.stderr).toContain('Allowed choices are ios, android, file');
  });

  it('refuses a corrupt or newer-version database and never overwrites it', async () => {
    const corruptDir = tempDir();
    const corrupt = join(corruptDir, 'mirror.sqlite');
    writeFileSync(corrupt, 'definitely not a database\n'.repeat(100));
    const before = createHash('sha256').update(readFileSync(corrupt)).digest('hex');
    expectOneLineFailure(
      await runCli(['--data-dir', corruptDir, 'account', 'list']),
      /is damaged; it was left untouched\. Run `amo-phonebook start-fresh`/,
    );
    expect(createHash('sha256').update(readFileSync(corrupt)).digest('hex')).toBe(before);

    const newerDir = tempDir();
    const newer = new Database(join(newerDir, 'mirror.sqlite'));
    newer.pragma('user_version = 999');
    newer.close();
    const newerBefore = createHash('sha256')
      .update(readFileSync(join(newerDir, 'mirror.sqlite')))
      .digest('hex');
    expectOneLineFailure(await runCli(['--data-dir', newerDir, 'account', 'list']), /newer version of amo-phonebook/);
    expect(
      createHash('sha256')
        .update(readFileSync(join(newerDir, 'mirror.sqlite')))
        .digest('hex'),
    ).toBe(newerBefore);
  });

  it('offers the demo account when nothing is connected, and connects it', async () => {
    const dataDir = tempDir();
    const empty = await runCli(['--data-dir', dataDir, 'account', 'list']);
    expect(empty.stdout).toContain('account add --demo');
    const demo = await runCli(['--data-dir', dataDir, '--json', 'account', 'add', '--demo']);
    expect(demo.code, demo.stderr).toBe(0);
    expect(JSON.parse(demo.stdout)).toMatchObject({ isDemo: true });
  });

  it('reads the data folder from AMO_PHONEBOOK_DATA_DIR', async () => {
    const dataDir = tempDir();
    await runCli(['device', 'add', '--name', 'Env phone', '--platform', 'android'], {
      env: { AMO_PHONEBOOK_DATA_DIR: dataDir },
    });
    const listed = await runCli(['--data-dir', dataDir, '--json', 'device', 'list']);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ id: 'env-phone', platform: 'android' })]);
  });
});
