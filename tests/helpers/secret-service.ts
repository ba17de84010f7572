/**
 * A real Secret Service for the keychain tests: a private D-Bus session bus and Debian's
 * gnome-keyring-daemon on it, its login keyring unlocked with a throwaway password, all under
 * a temporary HOME (nothing touches the machine's own keyring). The tests point the system
 * keychain binding (and the CLI they spawn) at it with DBUS_SESSION_BUS_ADDRESS.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp-dir';

export interface SecretService {
  /** The environment a process needs to reach this Secret Service. */
  readonly env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

const install = 'apt-get install -y gnome-keyring dbus (see .ci/run)';

function need(command: string): void {
  if (spawnSync('sh', ['-c', `command -v ${command}`]).status !== 0) {
    throw new Error(`${command} is missing: ${install}`);
  }
}

export async function startSecretService(): Promise<SecretService> {
  need('dbus-daemon');
  need('gnome-keyring-daemon');
  const home = tempDir();
  const runtime = join(home, 'run');
  mkdirSync(runtime, { mode: 0o700 });
  const bus = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1', `--address=unix:dir=${runtime}`], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const address = await firstLine(bus);
  const env: NodeJS.ProcessEnv = {
    DBUS_SESSION_BUS_ADDRESS: address,
    HOME: home,
    XDG_RUNTIME_DIR: runtime,
    XDG_DATA_HOME: join(home, 'data'),
  };
  const keyring = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  keyring.stdin?.end('throwaway-test-password');
  await untilServed(address);
  return {
    env,
    async stop() {
      for (const child of [keyring, bus]) {
        if (child.exitCode !== null) continue;
        const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
        child.kill('SIGTERM');
        await closed;
      }
    },
  };
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      const end = buffer.indexOf('\n');
      if (end >= 0) resolve(buffer.slice(0, end).trim());
    });
    child.once('close', (code) => reject(new Error(`dbus-daemon exited with ${code} before giving its address`)));
  });
}

/** Waits (at most 10 s) until the bus has org.freedesktop.secrets. */
async function untilServed(address: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const names = spawnSync(
      'dbus-send',
      [
        `--bus=${address}`,
        '--print-reply',
        '--dest=org.freedesktop.DBus',
        '/org/freedesktop/DBus',
        'org.freedesktop.DBus.ListNames',
      ],
      { encoding: 'utf8' },
    );
    if (names.stdout.includes('org.freedesktop.secrets')) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('gnome-keyring-daemon did not offer org.freedesktop.secrets within 10 s');
}
