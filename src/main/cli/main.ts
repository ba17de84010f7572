/**
 * The command-line face: `amo-phonebook <command>`. The contract acceptance checks use;
 * extend it, never rename. Errors end the process with status 1 and one line of reason.
 */
import { Command, CommanderError, Help, type Option } from 'commander';
import { AppError } from '../../shared/errors';
import { appVersion } from '../lib/version';
import { registerAccountCommands } from './commands/account';
import { registerDeviceCommands } from './commands/device';
import { registerExportCommand } from './commands/export';
import { registerLookupCommand } from './commands/lookup';
import { registerSandboxCommand } from './commands/sandbox';
import { registerServeCommand } from './commands/serve';
import { registerStartFreshCommand } from './commands/start-fresh';
import { registerSyncCommand } from './commands/sync';
import { errorLine } from './error-line';
import { cliLanguage, cliWords } from './words';

export function buildProgram(): Command {
  const words = cliWords();
  const program = new Command('amo-phonebook')
    .description(words.help.program)
    // Set before the subcommands are added: each inherits the help and output settings.
    .configureHelp({
      styleTitle: (title) => words.commander.titles[title] ?? title,
      optionDescription(this: Help, option: Option) {
        return words.commander.details(Help.prototype.optionDescription.call(this, option));
      },
    })
    .configureOutput({ outputError: (line, write) => write(words.commander.error(line)) })
    .helpOption('-h, --help', words.help.helpOption)
    .helpCommand('help [command]', words.help.helpOption)
    .version(appVersion, '-V, --version', words.help.version)
    .option('--data-dir <dir>', words.help.dataDir)
    .option('--json', words.help.json)
    .showHelpAfterError()
    .exitOverride();
  registerSandboxCommand(program);
  registerAccountCommands(program);
  registerSyncCommand(program);
  registerDeviceCommands(program);
  registerExportCommand(program);
  registerLookupCommand(program);
  registerServeCommand(program);
  registerStartFreshCommand(program);
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
    process.stderr.write(`amo-phonebook: ${errorLine(error, cliLanguage())}\n`);
    if (!(error instanceof AppError) && process.env['AMO_PHONEBOOK_DEBUG']) console.error(error);
    return 1;
  }
}

process.exitCode = await runCli(process.argv.slice(2));
