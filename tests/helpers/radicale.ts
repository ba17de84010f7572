/**
 * A real CardDAV server for tests: Debian's Radicale, started on a free loopback port with a
 * temporary folder and plain htpasswd users (../shared/reference/carddav.md, section 3).
 * `delay = 0` because Radicale otherwise sleeps a second after every failed login, and the
 * wrong-password tests would wait for it.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RadicaleHandle {
  /** The server's root, e.g. http://127.0.0.1:40123/ */
  readonly url: string;
  readonly user: string;
  readonly password: string;
  readonly port: number;
  /** Basic auth header value for the test user (for the independent reader). */
  readonly authorization: string;
  stop(): Promise<void>;
}

export function radicaleInstalled(): boolean {
  return spawnSync('radicale', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function startRadicale(user = 'test', password = 'test-app-password'): Promise<RadicaleHandle> {
  const dir = mkdtempSync(join(tmpdir(), 'radicale-'));
  const port = await freePort();
  writeFileSync(join(dir, 'users'), `${user}:${password}\n`);
  writeFileSync(
    join(dir, 'radicale.conf'),
    [
      '[server]',
      `hosts = 127.0.0.1:${port}`,
      'max_connections = 20',
      '[auth]',
      'type = htpasswd',
      `htpasswd_filename = ${join(dir, 'users')}`,
      'htpasswd_encryption = plain',
      'delay = 0',
      '[rights]',
      'type = owner_only',
      '[storage]',
      'type = multifilesystem',
      `filesystem_folder = ${join(dir, 'collections')}`,
      '[web]',
      'type = none',
      '[logging]',
      'level = warning',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn('radicale', ['--config', join(dir, 'radicale.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    log = (log + chunk).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}/`;
  const authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        rmSync(dir, { recursive: true, force: true });
        resolve();
      };
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', done);
      child.kill('SIGTERM');
    });
  // Ready when it answers PROPFIND (about 0.3 s); give up after 15 s.
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`radicale exited with ${child.exitCode}: ${log}`);
    try {
      const response = await fetch(url, { method: 'PROPFIND', headers: { authorization, depth: '0' } });
      await response.arrayBuffer();
      if (response.status === 207) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`radicale did not start on port ${port}: ${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url, user, password, port, authorization, stop };
}
