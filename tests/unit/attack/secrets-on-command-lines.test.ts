/**
 * Attack suite: secrets on command lines (issue 20). What stands in a process's arguments is
 * readable by every user of the computer (`ps`, /proc/PID/cmdline) and stays in the shell's
 * history. Tried: the long-lived token given with --token (readable: the attack), with
 * --token-stdin (piped, and typed at a stand-in terminal) and $AMO_PHONEBOOK_TOKEN (not in
 * the arguments); two ways at once and an empty input (one line each); and `serve --open`,
 * whose browser command line (recorded by a stand-in `xdg-open`, the opener the CLI runs on
 * Linux) must carry only a one-time launch address, worth nothing once used or old.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchCodeMs, startBrowserMode } from '../../../src/main/browser-mode/server';
import { readSecretLine, type SecretInput } from '../../../src/main/cli/read-secret';
import { type SandboxHandle, startSandbox } from '../../../src/main/sandbox/server';
import { createMemorySecretStore } from '../../../src/main/secrets/file-secret-store';
import { createCoreService } from '../../../src/main/service';
import { runCli, startCliServer } from '../../helpers/cli';
import { standInOpener } from '../../helpers/stand-in-opener';
import { tempDir } from '../../helpers/temp-dir';

let sandbox: SandboxHandle;
let token: string;

beforeAll(async () => {
  sandbox = await startSandbox({ contacts: 20, seed: 'command-lines' });
  token = sandbox.tokens['admin'] as string;
});
afterAll(() => sandbox.close());

/** A built desktop UI in miniature: browser mode needs its page to start. */
function fakeBuiltUi(): string {
  const root = tempDir();
  mkdirSync(join(root, 'desktop'), { recursive: true });
  writeFileSync(join(root, 'desktop', 'index.html'), '<!doctype html><title>ui</title>');
  return root;
}

/** What `ps` shows of a process: its arguments, NUL-separated in /proc. */
function commandLineOf(pid: number): string {
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
}

describe('attack: a long-lived token on the command line', () => {
  it('with --token it is in the process arguments (the attack; --help says so and names the safe way)', async () => {
    let seen = '';
    const added = await runCli(
      ['--data-dir', tempDir(), 'account', 'add', '--base-url', sandbox.baseUrl, '--token', token],
      {
        onSpawn: (pid) => {
          seen = commandLineOf(pid);
        },
      },
    );
    expect(added.code, added.stderr).toBe(0);
    expect(seen).toContain(token);
    const help = await runCli(['account', 'add', '--help']);
    expect(help.stdout.replace(/\s+/g, ' ')).toMatch(
      /every user of this computer can read it \(ps\).*prefer --token-stdin/,
    );
    expect(help.stdout).toContain('--token-stdin');
  });

  it('with --token-stdin it never is: read from the pipe, the account connects', async () => {
    let seen = '';
    const dataDir = tempDir();
    const added = await runCli(
      ['--data-dir', dataDir, 'account', 'add', '--base-url', sandbox.baseUrl, '--token-stdin'],
      {
        stdin: `${token}\n`,
        onSpawn: (pid) => {
          seen = commandLineOf(pid);
        },
      },
    );
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/^Connected: /);
    expect(seen).toContain('--token-stdin');
    expect(seen).not.toContain(token);
    const listed = await runCli(['--data-dir', dataDir, '--json', 'account', 'list']);
    expect(JSON.parse(listed.stdout)).toHaveLength(1);
  });

  it('with $AMO_PHONEBOOK_TOKEN it never is either', async () => {
    let seen = '';
    const added = await runCli(['--data-dir', tempDir(), 'account', 'add', '--base-url', sandbox.baseUrl], {
      env: { AMO_PHONEBOOK_TOKEN: token },
      onSpawn: (pid) => {
        seen = commandLineOf(pid);
      },
    });
    expect(added.code, added.stderr).toBe(0);
    expect(seen).not.toContain(token);
  });

  it('two ways at once, or an empty pipe: one line that says what to do, nothing connected', async () => {
    const dataDir = tempDir();
    const twice = await runCli(
      ['--data-dir', dataDir, 'account', 'add', '--base-url', sandbox.baseUrl, '--token-stdin', '--token', token],
      {
        stdin: `${token}\n`,
      },
    );
    expect(twice.code).not.toBe(0);
    expect(twice.stderr.trim()).toBe(
      'amo-phonebook: Give the token one way: --token, --token-stdin or $AMO_PHONEBOOK_TOKEN',
    );
    const empty = await runCli(
      ['--data-dir', dataDir, 'account', 'add', '--base-url', sandbox.baseUrl, '--token-stdin'],
      {
        stdin: '\n',
      },
    );
    expect(empty.code).not.toBe(0);
    expect(empty.stderr.trim()).toBe('amo-phonebook: --token-stdin read no token from standard input');
    expect(existsSync(join(dataDir, 'secrets.json'))).toBe(false);
  });

  it('typed at a terminal: asked for, not echoed, Backspace honoured (a stand-in terminal: a stream with raw mode)', async () => {
    const input = Object.assign(new PassThrough(), { isTTY: true, rawModes: [] as boolean[] }) as PassThrough &
      SecretInput & { rawModes: boolean[] };
    input.setRawMode = (raw: boolean) => input.rawModes.push(raw);
    const output = new PassThrough();
    let shown = '';
    output.on('data', (chunk) => {
      shown += String(chunk);
    });
    const read = readSecretLine(input, 'Token: ', output);
    input.write('abc');
    input.write('x\u007fdef\r');
    expect(await read).toBe('abcdef');
    expect(shown).toBe('Token: \n');
    expect(input.rawModes).toEqual([true, false]);

    const cancelled = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined });
    const gaveUp = readSecretLine(cancelled, 'Token: ', new PassThrough());
    cancelled.write('abc\u0003');
    await expect(gaveUp).rejects.toThrow('cancelled');
  });
});

describe('attack: the browser-mode secret on the browser’s command line', () => {
  it('serve --open gives the opener a one-time launch address, never the secret; it works once', async () => {
    const opener = standInOpener();
    const server = startCliServer(['--data-dir', tempDir(), '--json', 'serve', '--port', '0', '--open'], opener.env);
    try {
      const ready = JSON.parse(await server.firstLine) as { url: string; port: number };
      const secret = new URL(ready.url).hash.replace('#secret=', '');
      const opened = await opener.opened();
      expect(opened).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${ready.port}/#launch=[\\w-]{43}$`));
      expect(opened).not.toContain(secret);

      const code = new URL(opened).hash.replace('#launch=', '');
      const exchange = () =>
        fetch(`http://127.0.0.1:${ready.port}/api/launch`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code }),
        });
      const first = await exchange();
      expect(first.status).toBe(200);
      expect(await first.json()).toEqual({ secret });
      // Whoever reads the spent address from `ps` afterwards gets nothing.
      const again = await exchange();
      expect(again.status).toBe(401);
    } finally {
      await server.stop();
    }
  });

  it('a launch code: refused when wrong, too old, from a foreign page, or not JSON', async () => {
    let clock = 1_000_000;
    const service = createCoreService({ dataDir: tempDir(), face: 'browser', secrets: createMemorySecretStore() });
    const handle = await startBrowserMode({ service, uiRoot: fakeBuiltUi(), port: 0, now: () => clock });
    try {
      const origin = `http://127.0.0.1:${handle.port}`;
      const exchange = (code: unknown, headers: Record<string, string> = {}) =>
        fetch(`${origin}/api/launch`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ code }),
        });
      const codeOf = (url: string) => new URL(url).hash.replace('#launch=', '');
      expect(handle.launchUrl()).not.toContain(handle.secret);

      const wrong = codeOf(handle.launchUrl()).replace(/.$/, (last) => (last === 'A' ? 'B' : 'A'));
      expect((await exchange(wrong)).status).toBe(401);
      expect((await exchange(42)).status).toBe(401);
      expect((await exchange(codeOf(handle.launchUrl()), { origin: 'http://evil.example' })).status).toBe(403);
      const notJson = await fetch(`${origin}/api/launch`, { method: 'POST', body: codeOf(handle.launchUrl()) });
      expect(notJson.status).toBe(415);

      const old = codeOf(handle.launchUrl());
      clock += launchCodeMs + 1;
      expect((await exchange(old)).status).toBe(401);
      const fresh = await exchange(codeOf(handle.launchUrl()));
      expect(await fresh.json()).toEqual({ secret: handle.secret });
      // And the API itself still wants the secret, never a launch code.
      const call = await fetch(`${origin}/api/listAccounts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${codeOf(handle.launchUrl())}` },
        body: '{}',
      });
      expect(call.status).toBe(401);
    } finally {
      await handle.close();
      await service.close();
    }
  });
});
