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
  if (process.env.AMO_PHONEBOOK_BROWSER_MODE === '1') return { ok: false, reason: 'asked' };
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (probe.status === 0 && probe.stdout) return { ok: true, path: probe.stdout };
  return { ok: false, reason: probe.error?.code === 'ETIMEDOUT' ? 'timeout' : 'download' };
}

/** The rule of src/main/cli/terminal-language.ts (this line is printed before anything is built). */
function russianTerminal(env = process.env) {
  const posix = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value && value !== 'C');
  return /^ru([_.-]|$)/i.test(posix ?? Intl.DateTimeFormat().resolvedOptions().locale);
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
  const reasons = russianTerminal()
    ? {
        asked: 'AMO_PHONEBOOK_BROWSER_MODE=1',
        timeout: 'загрузка не успела',
        download: 'его программу не удалось скачать',
      }
    : {
        asked: 'AMO_PHONEBOOK_BROWSER_MODE=1',
        timeout: 'the download timed out',
        download: 'its binary could not be downloaded',
      };
  console.log(
    russianTerminal()
      ? `Electron здесь недоступен (${reasons[electron.reason]}); открываем приложение в браузере.`
      : `Electron is not available here (${reasons[electron.reason]}); opening the app in your browser instead.`,
  );
  const build = spawnSync(npm, ['exec', '--', 'electron-vite', 'build', '--logLevel', 'error'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
  run(process.execPath, ['bin/amo-phonebook.js', 'serve', '--open', ...process.argv.slice(2)]);
}
