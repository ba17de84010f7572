/** `amo-phonebook serve`: browser mode, the desktop UI in any browser on this computer. */
import type { Command } from 'commander';
import { startBrowserMode } from '../../browser-mode/server';
import { openInBrowser } from '../../lib/open-in-browser';
import { builtUiDir } from '../../lib/paths';
import { terminalSecrets } from '../face-secrets';
import { parsePositiveInt } from '../output';
import { type GlobalOptions, openCliService, resolveDataDir } from '../session';
import { cliWords } from '../words';

export function registerServeCommand(program: Command): void {
  const words = cliWords();
  program
    .command('serve')
    .description(words.help.serve.command)
    .option('--port <n>', words.help.serve.port, parsePositiveInt('--port'), 0)
    .option('--open', words.help.serve.open)
    .action(async (options: { port: number; open?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const dataDir = resolveDataDir(globals);
      const service = openCliService({ dataDir, face: 'browser', secrets: terminalSecrets(dataDir) });
      try {
        const handle = await startBrowserMode({ service, uiRoot: builtUiDir(), port: options.port });
        if (globals.json) {
          process.stdout.write(`${JSON.stringify({ url: handle.url, port: handle.port, dataDir: service.dataDir })}\n`);
        } else {
          // What `serve` (and so `npm start` without Electron) prints, in the terminal's language.
          process.stdout.write(words.serve.running(handle.url));
        }
        // Never the secret itself: the browser's command line is readable by every user (`ps`).
        if (options.open) openInBrowser(handle.launchUrl());
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
