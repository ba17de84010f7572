/** `amo-phonebook sandbox`: an amoCRM-compatible server for trying and testing. */
import type { Command } from 'commander';
import { sandboxDefaults, sandboxReadyLine, startSandbox } from '../../sandbox/server';
import { parsePositiveInt } from '../output';
import { cliWords } from '../words';

export function registerSandboxCommand(program: Command): void {
  const words = cliWords().help.sandbox;
  program
    .command('sandbox')
    .description(words.command)
    .option('--port <n>', words.port, parsePositiveInt('--port'), 0)
    .option('--contacts <n>', words.contacts, parsePositiveInt('--contacts'), sandboxDefaults.contacts)
    .option('--seed <s>', words.seed, sandboxDefaults.seed)
    .option('--rate-limit <n>', words.rateLimit, parsePositiveInt('--rate-limit'), sandboxDefaults.rateLimit)
    .action(async (options: { port: number; contacts: number; seed: string; rateLimit: number }) => {
      const sandbox = await startSandbox({
        port: options.port,
        contacts: options.contacts,
        seed: options.seed,
        rateLimit: options.rateLimit,
      });
      // One JSON line when ready: scripts and tests read it to find the server.
      process.stdout.write(`${JSON.stringify(sandboxReadyLine(sandbox))}\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await sandbox.close();
    });
}
