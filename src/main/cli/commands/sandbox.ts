/** `amo-phonebook sandbox`: an amoCRM-compatible server for trying and testing. */
import type { Command } from 'commander';
import { sandboxDefaults, sandboxReadyLine, startSandbox } from '../../sandbox/server';
import { parsePositiveInt } from '../output';

export function registerSandboxCommand(program: Command): void {
  program
    .command('sandbox')
    .description('run an amoCRM-compatible API server with a generated account, on 127.0.0.1')
    .option('--port <n>', 'port to listen on (0 = any free port)', parsePositiveInt('--port'), 0)
    .option('--contacts <n>', 'number of contacts', parsePositiveInt('--contacts'), sandboxDefaults.contacts)
    .option('--seed <s>', 'seed of the generated account', sandboxDefaults.seed)
    .option(
      '--rate-limit <n>',
      'requests per second before 429 (0 = off)',
      parsePositiveInt('--rate-limit'),
      sandboxDefaults.rateLimit,
    )
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
