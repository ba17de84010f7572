#!/usr/bin/env node
/**
 * `npm start`: the desktop app when Electron can run on this machine; otherwise one line
 * saying why, then browser mode. Either way, the app starts.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureElectronSqlite } from './electron-native.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Electron's npm package downloads its binary on first use; that is what fails offline. */
function locateElectron() {
  if (process.env.AMO_PHONEBOOK_BROWSER_MODE === '1') return { ok: false, reason: 'AMO_PHONEBOOK_BROWSER_MODE=1' };
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (probe.status === 0 && probe.stdout) return { ok: true, path: probe.stdout };
  const reason = probe.error?.code === 'ETIMEDOUT' ? 'the download timed out' : 'its binary could not be downloaded';
  return { ok: false, reason };
}

function run(command, args, env = process.env) {
  const child = spawn(command, args, { cwd: root, env, stdio: 'inherit', shell: process.platform === 'win32' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

const electron = locateElectron();
if (electron.ok) {
  const { version } = JSON.parse(
    readFileSync(new URL('../node_modules/electron/package.json', import.meta.url), 'utf8'),
  );
  const binding = ensureElectronSqlite({ root, electronVersion: version });
  run(npm, ['exec', '--', 'electron-vite', 'dev'], { ...process.env, AMO_PHONEBOOK_SQLITE_BINDING: binding });
} else {
  console.log(`Electron is not available here (${electron.reason}); opening the app in your browser instead.`);
  const build = spawnSync(npm, ['exec', '--', 'electron-vite', 'build', '--logLevel', 'error'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
  run(process.execPath, ['bin/amo-phonebook.js', 'serve', '--open', ...process.argv.slice(2)]);
}
