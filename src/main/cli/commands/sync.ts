/** `amo-phonebook sync`: pull accounts into the local mirror, with progress on stderr. */
import type { Command } from 'commander';
import { CliRefusal } from '../error-line';
import { endProgress, parsePositiveInt, printResult, progress } from '../output';
import { type GlobalOptions, withSession } from '../session';
import { cliWords } from '../words';

export function registerSyncCommand(program: Command): void {
  const words = cliWords();
  program
    .command('sync')
    .description(words.help.sync.command)
    .option('--account <id>', words.help.sync.account, parsePositiveInt('--account'))
    .option('--reconcile', words.help.sync.reconcile)
    .action(async (options: { account?: number; reconcile?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      if (options.reconcile) {
        if (options.account === undefined) throw new CliRefusal('INVALID_INPUT', words.sync.reconcileNeedsAccount);
        const accountId = options.account;
        const outcome = await withSession(globals, (session) => session.call('reconcileAccount', { accountId }));
        printResult(globals, outcome, () => words.sync.reconciled({ ...outcome, accountId }));
        return;
      }
      const result = await withSession(globals, (session) => {
        const stop = session.service.events.on('sync:progress', (event) => {
          if (event.phase === 'contacts') {
            progress(words.sync.progress(event));
          }
        });
        return session
          .call('syncAccounts', options.account === undefined ? {} : { accountId: options.account })
          .finally(() => {
            stop();
            endProgress();
          });
      });
      printResult(globals, result, () =>
        result.accounts.length === 0
          ? words.sync.nothing
          : result.accounts.map((a) => words.sync.done({ ...a, seconds: (a.durationMs / 1000).toFixed(1) })).join('\n'),
      );
    });
}
