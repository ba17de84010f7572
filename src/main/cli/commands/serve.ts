/** `amo-phonebook serve`: browser mode, the desktop UI in any browser on this computer. */
import type { Command } from 'commander';
import { startBrowserMode } from '../../browser-mode/server';
import { openInBrowser } from '../../lib/open-in-browser';
import { builtUiDir } from '../../lib/paths';
import { createCoreService } from '../../service';
import { parsePositiveInt } from '../output';
import { type GlobalOptions, resolveDataDir } from '../session';
import { type TerminalLanguage, terminalLanguage } from '../terminal-language';

/** What `serve` (and so `npm start` without Electron) prints, in the terminal's language. */
const runningLines: Readonly<Record<TerminalLanguage, (url: string) => string>> = {
  en: (url) =>
    `amo-phonebook is running in browser mode. Open this address (it works only on this computer):\n\n  ${url}\n\nPress Ctrl+C to stop.\n`,
  ru: (url) =>
    `amo-phonebook работает в браузере. Откройте этот адрес (он работает только на этом компьютере):\n\n  ${url}\n\nЧтобы остановить, нажмите Ctrl+C.\n`,
};

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the desktop UI and its API on 127.0.0.1 for a browser on this computer')
    .option('--port <n>', 'port (0 = any free port)', parsePositiveInt('--port'), 0)
    .option('--open', 'open the address in your browser')
    .action(async (options: { port: number; open?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const service = createCoreService({ dataDir: resolveDataDir(globals), face: 'browser' });
      try {
        const handle = await startBrowserMode({ service, uiRoot: builtUiDir(), port: options.port });
        if (globals.json) {
          process.stdout.write(`${JSON.stringify({ url: handle.url, port: handle.port, dataDir: service.dataDir })}\n`);
        } else {
          process.stdout.write(runningLines[terminalLanguage()](handle.url));
        }
        if (options.open) openInBrowser(handle.url);
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        await handle.close();
      } finally {
        await service.close();
      }
    });
}
