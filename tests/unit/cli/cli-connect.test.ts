/**
 * The CLI's other ways in: an integration's authorization code, and the consent flow where
 * the user opens amoCRM's page and pastes back the address it sent them to; plus
 * `sync --reconcile`.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccountWithToken, cliPath, projectRoot, runCli, startCliServer } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp-dir';

interface ReadyLine {
  baseUrl: string;
  accountId: number;
  tokens: Record<string, string>;
  oauth: { clientId: string; clientSecret: string; redirectUri: string };
}

let server: ReturnType<typeof startCliServer>;
let sandbox: ReadyLine;

beforeAll(async () => {
  server = startCliServer([
    'sandbox',
    '--port',
    '0',
    '--contacts',
    '500',
    '--seed',
    'cli-connect',
    '--rate-limit',
    '0',
  ]);
  sandbox = JSON.parse(await server.firstLine) as ReadyLine;
});
afterAll(() => server.stop());

/** What a person does in the browser: open the consent page, click "Allow", land on the redirect URI. */
async function clickAllow(consentUrl: string): Promise<string> {
  const page = await (await fetch(consentUrl)).text();
  const allow = /id="allow" href="([^"]+)"/.exec(page)?.[1]?.replace(/&(amp|#38);/g, '&');
  if (!allow) throw new Error(`no Allow link on the consent page: ${page.slice(0, 200)}`);
  const answer = await fetch(new URL(allow, consentUrl), { redirect: 'manual' });
  const location = answer.headers.get('location');
  if (!location) throw new Error(`Allow did not redirect (${answer.status})`);
  return location;
}

describe('CLI: OAuth connections', () => {
  it('account add with an authorization code', async () => {
    const dataDir = tempDir();
    const state = 'cli-test-state';
    const redirect = new URL(
      await clickAllow(`${sandbox.baseUrl}/oauth?client_id=${sandbox.oauth.clientId}&state=${state}&mode=post_message`),
    );
    const code = redirect.searchParams.get('code') as string;
    const { clientId, clientSecret, redirectUri } = sandbox.oauth;
    const args = [
      '--base-url',
      sandbox.baseUrl,
      '--client-id',
      clientId,
      '--client-secret',
      clientSecret,
      '--redirect-uri',
      redirectUri,
    ];
    const added = await runCli(['--data-dir', dataDir, '--json', 'account', 'add', ...args, '--code', code]);
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ id: sandbox.accountId, authKind: 'oauth', exportRight: 'all' });
    // The code works once.
    const again = await runCli(['--data-dir', dataDir, 'account', 'add', ...args, '--code', code]);
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toMatch(/^amo-phonebook: .*refused the authorization code/);
  });

  it('account connect: prints the consent address, reads back the redirect, connects', async () => {
    const dataDir = tempDir();
    const { clientId, clientSecret, redirectUri } = sandbox.oauth;
    const child = spawn(
      process.execPath,
      [
        cliPath,
        '--data-dir',
        dataDir,
        '--json',
        'account',
        'connect',
        '--product',
        'custom',
        '--consent-url',
        sandbox.baseUrl,
        '--client-id',
        clientId,
        '--client-secret',
        clientSecret,
        '--redirect-uri',
        redirectUri,
      ],
      { cwd: projectRoot, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    const consentUrl = await new Promise<string>((resolve) => {
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        // Wait for the whole prompt: a chunk may end in the middle of the address.
        const match = /(http:\/\/\S+\/oauth\?\S+)\s+Then paste/.exec(stderr);
        if (match) resolve(match[1] as string);
      });
    });
    expect(new URL(consentUrl).searchParams.get('state')?.length).toBeGreaterThanOrEqual(32);
    child.stdin.end(`${await clickAllow(consentUrl)}\n`);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, stderr).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ id: sandbox.accountId, authKind: 'oauth' });
  });

  it('sync --reconcile checks every contact id and reports it', async () => {
    const dataDir = tempDir();
    await addAccountWithToken(dataDir, sandbox.baseUrl, sandbox.tokens['admin'] as string);
    await runCli(['--data-dir', dataDir, 'sync']);
    const reconciled = await runCli([
      '--data-dir',
      dataDir,
      'sync',
      '--reconcile',
      '--account',
      String(sandbox.accountId),
    ]);
    expect(reconciled.code, reconciled.stderr).toBe(0);
    expect(reconciled.stdout.trim()).toBe(`account ${sandbox.accountId}: 500 contacts checked, 0 removed, 0 added`);
    const withoutAccount = await runCli(['--data-dir', dataDir, 'sync', '--reconcile']);
    expect(withoutAccount.code).toBe(1);
    expect(withoutAccount.stderr.trim()).toBe('amo-phonebook: sync --reconcile needs --account ID');
  });

  it('account list explains a non-admin export right in words', async () => {
    const dataDir = tempDir();
    await addAccountWithToken(dataDir, sandbox.baseUrl, sandbox.tokens['responsible'] as string);
    const listed = await runCli(['--data-dir', dataDir, 'account', 'list']);
    expect(listed.stdout).toContain(
      'export: unknown (only admins can read rights): only contacts you are responsible for',
    );
  });
});
