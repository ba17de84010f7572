/**
 * The CLI's other ways in: an integration's authorization code, and the consent flow where
 * the user opens amoCRM's page and pastes back the address it sent them to; plus
 * `sync --reconcile`.
 */
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccountWithToken, cliPath, projectRoot, runCli, startCliServer, terminalEnv } from '../../helpers/cli';
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

/**
 * Runs a CLI command that prints amoCRM's consent address, "clicks Allow" there as a person
 * would, and pastes the address it was sent back to.
 */
async function runThroughConsentPrompt(args: readonly string[]) {
  const child = spawn(process.execPath, [cliPath, ...args], {
    cwd: projectRoot,
    env: terminalEnv(),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  const consentUrl = await Promise.race([
    new Promise<string>((resolve) => {
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        // Wait for the whole prompt: a chunk may end in the middle of the address.
        const match = /(http:\/\/\S+\/oauth\?\S+)\s+Then paste/.exec(stderr);
        if (match) resolve(match[1] as string);
      });
    }),
    closed.then(() => ''),
  ]);
  if (consentUrl) {
    expect(new URL(consentUrl).searchParams.get('state')?.length).toBeGreaterThanOrEqual(32);
    child.stdin.end(`${await clickAllow(consentUrl)}\n`);
  }
  return { code: await closed, stdout, stderr, consentUrl };
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
    const { code, stdout, stderr } = await runThroughConsentPrompt([
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
    ]);
    expect(code, stderr).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ id: sandbox.accountId, authKind: 'oauth' });
  });

  it('account invite saves an invitation without a token; account join signs a colleague in with it', async () => {
    const adminDir = tempDir();
    const token = sandbox.tokens['admin'] as string;
    await addAccountWithToken(adminDir, sandbox.baseUrl, token);
    const file = join(tempDir(), 'invitation.txt');
    const invite = ['--data-dir', adminDir, 'account', 'invite', String(sandbox.accountId), '--out', file];
    // A token sign-in does not know its integration: the command says what to give.
    const bare = await runCli(invite);
    expect(bare.code).toBe(1);
    expect(bare.stderr).toMatch(/give the integration's id, secret key and redirect address/);
    const { clientId, clientSecret, redirectUri } = sandbox.oauth;
    const made = await runCli([
      ...invite,
      '--client-id',
      clientId,
      '--client-secret',
      clientSecret,
      '--redirect-uri',
      redirectUri,
    ]);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toMatch(/^amo-phonebook:\/\/invite\?v=1&/);
    const saved = readFileSync(file, 'utf8');
    expect(saved).toContain('What to do:');
    expect(saved).not.toContain(token);
    expect(statSync(file).mode & 0o077).toBe(0);

    const colleague = await runThroughConsentPrompt([
      '--data-dir',
      tempDir(),
      '--json',
      'account',
      'join',
      '--invitation',
      file,
    ]);
    expect(colleague.code, colleague.stderr).toBe(0);
    expect(new URL(colleague.consentUrl).searchParams.get('client_id')).toBe(clientId);
    expect(JSON.parse(colleague.stdout)).toMatchObject({ id: sandbox.accountId, authKind: 'oauth' });
    const missing = await runCli([
      '--data-dir',
      tempDir(),
      'account',
      'join',
      '--invitation',
      join(tempDir(), 'none.txt'),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Cannot read the invitation file/);
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
