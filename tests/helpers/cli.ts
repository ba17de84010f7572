/** Runs the real CLI (bin/amo-phonebook.js) in a child process, as a user's shell would. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
export const cliPath = fileURLToPath(new URL('../../bin/amo-phonebook.js', import.meta.url));

/**
 * The environment of a CLI run: the tests' own, in an English terminal unless the test says
 * otherwise (the CLI speaks Russian where the locale is Russian, as a developer's may be),
 * with sign-ins in the data folder's file: a test never writes into the developer's own
 * keychain. The keychain tests start a Secret Service of their own and say so.
 */
export function terminalEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { LC_ALL: _all, LC_MESSAGES: _messages, LANG: _lang, ...rest } = process.env;
  return { ...rest, LANG: 'en_US.UTF-8', AMO_PHONEBOOK_SECRETS: 'file', ...extra };
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(
  args: readonly string[],
  options: {
    cwd?: string;
    env?: NodeJS.ProcessEnv;
    /** Written to the CLI's standard input, which is then closed (without it: no input). */
    stdin?: string;
    /** Called once the process exists, before its input is written (its pid is readable). */
    onSpawn?: (pid: number) => void;
  } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd: options.cwd ?? projectRoot,
      env: terminalEnv(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    if (child.pid !== undefined) options.onSpawn?.(child.pid);
    // No input given: the CLI reads an empty, closed standard input (as from </dev/null).
    child.stdin.end(options.stdin ?? '');
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
  });
}

/** Starts a long-running CLI command and resolves with its first stdout line (its "ready" line). */
export function startCliServer(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [cliPath, ...args], {
    cwd: projectRoot,
    env: terminalEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const firstLine = new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      const end = buffer.indexOf('\n');
      if (end >= 0) resolve(buffer.slice(0, end));
    });
    child.on('close', (code) => reject(new Error(`exited with ${code} before it was ready: ${stderr}`)));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('close', () => resolve());
      child.kill('SIGTERM');
    });
  return { child, firstLine, stop };
}

/** `amo-phonebook --data-dir DIR [globals] account add --base-url URL --token TOKEN`, as many tests start. */
export function addAccountWithToken(
  dataDir: string,
  baseUrl: string,
  token: string,
  globals: readonly string[] = [],
): Promise<CliResult> {
  return runCli(['--data-dir', dataDir, ...globals, 'account', 'add', '--base-url', baseUrl, '--token', token]);
}
