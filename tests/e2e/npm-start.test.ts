/** `npm start` where Electron cannot run: one line saying so, then the app in browser mode. It rebuilds out/, so it runs with the other e2e files, one at a time. */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

const terminals = {
  en: {
    LANG: 'en_US.UTF-8',
    first: 'Electron is not available here (AMO_PHONEBOOK_BROWSER_MODE=1); opening the app in your browser instead.',
    running: 'amo-phonebook is running in browser mode.',
  },
  ru: {
    LANG: 'ru_RU.UTF-8',
    first: 'Electron здесь недоступен (AMO_PHONEBOOK_BROWSER_MODE=1); открываем приложение в браузере.',
    running: 'amo-phonebook работает в браузере.',
  },
} as const;

describe.each(Object.keys(terminals) as Array<keyof typeof terminals>)(
  'npm start without Electron, a %s terminal',
  (language) => {
    const terminal = terminals[language];
    it('says why in one line, in the terminal’s language, and serves the app on loopback', async () => {
      const child = spawn(process.execPath, ['scripts/start.js'], {
        cwd: projectRoot,
        env: {
          ...process.env,
          LC_ALL: '',
          LC_MESSAGES: '',
          LANG: terminal.LANG,
          AMO_PHONEBOOK_BROWSER_MODE: '1',
          AMO_PHONEBOOK_DATA_DIR: tempDir(),
          BROWSER: 'none',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          output += chunk;
          const match = /http:\/\/127\.0\.0\.1:\d+\/#secret=[\w-]+/.exec(output);
          if (match) resolve(match[0]);
        });
        child.on('close', (code) => reject(new Error(`start exited with ${code}: ${output}`)));
      });
      try {
        const lines = output.split('\n');
        expect(lines[0]).toBe(terminal.first);
        expect(output).toContain(terminal.running);
        const page = await fetch(url);
        expect(page.status).toBe(200);
        expect(await page.text()).toContain('<div id="root">');
      } finally {
        const closed = new Promise((resolve) => child.once('close', resolve));
        child.kill('SIGTERM');
        await closed;
      }
    }, 90_000);
  },
);
