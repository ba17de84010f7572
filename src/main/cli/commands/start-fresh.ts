/**
 * `amo-phonebook start-fresh`: the way forward from a damaged local database. It moves the
 * mirror aside only when it really fails to open (store/start-fresh.ts), and says what starting
 * with an empty one means for the accounts and the phones.
 */
import type { Command } from 'commander';
import { startFreshIfDamaged } from '../../store/start-fresh';
import { CliRefusal } from '../error-line';
import { type GlobalOptions, resolveDataDir } from '../session';
import { cliWords } from '../words';

export function registerStartFreshCommand(program: Command): void {
  const words = cliWords();
  program
    .command('start-fresh')
    .description(words.help.startFresh)
    .action((_options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const outcome = startFreshIfDamaged(resolveDataDir(globals));
      if (globals.json) {
        process.stdout.write(`${JSON.stringify(outcome)}\n`);
        return;
      }
      switch (outcome.kind) {
        case 'kept-aside':
          process.stdout.write(`${words.startFresh.keptAside(outcome.aside).join('\n')}\n`);
          return;
        case 'healthy':
          throw new CliRefusal('INVALID_INPUT', words.startFresh.healthy);
        case 'too-new':
          throw new CliRefusal('DB_TOO_NEW', words.startFresh.tooNew);
        case 'no-mirror':
          process.stdout.write(`${words.startFresh.none}\n`);
          return;
      }
    });
}
