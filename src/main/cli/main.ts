/**
 * The command-line face: `amo-phonebook <command>`. The contract acceptance checks use;
 * extend it, never rename. Errors end the process with status 1 and one line of reason.
 */
import { Command, CommanderError } from 'commander';
import { AppError } from '../../shared/errors';
import { appVersion } from '../lib/version';
import { registerAccountCommands } from './commands/account';
import { registerDeviceCommands } from './commands/device';
import { registerExportCommand } from './commands/export';
import { registerLookupCommand } from './commands/lookup';
import { registerSandboxCommand } from './commands/sandbox';
import { registerServeCommand } from './commands/serve';
import { registerSyncCommand } from './commands/sync';

export function buildProgram(): Command {
  const program = new Command('amo-phonebook')
    .description('Your amoCRM/Kommo contacts on your phone')
    .version(appVersion)
    .option('--data-dir <dir>', "data folder (default: the desktop app's, or $AMO_PHONEBOOK_DATA_DIR)")
    .option('--json', 'print one JSON document on stdout')
    .showHelpAfterError()
    .exitOverride();
  registerSandboxCommand(program);
  registerAccountCommands(program);
  registerSyncCommand(program);
  registerDeviceCommands(program);
  registerExportCommand(program);
  registerLookupCommand(program);
  registerServeCommand(program);
  return program;
}

export async function runCli(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message (or the help / version).
      return error.exitCode === 0 ? 0 : 1;
    }
    const message = error instanceof AppError ? error.message : error instanceof Error ? error.message : String(error);
    process.stderr.write(`amo-phonebook: ${message.split('\n')[0]}\n`);
    if (!(error instanceof AppError) && process.env['AMO_PHONEBOOK_DEBUG']) console.error(error);
    return 1;
  }
}

process.exitCode = await runCli(process.argv.slice(2));
