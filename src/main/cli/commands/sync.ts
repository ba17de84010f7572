/** `amo-phonebook sync`: pull accounts into the local mirror, with progress on stderr. */
import type { Command } from 'commander';
import { endProgress, parsePositiveInt, printResult, progress } from '../output';
import { type GlobalOptions, withSession } from '../session';

export function registerSyncCommand(program: Command): void {
  program
    .command('sync')
    .description('pull contacts from every connected account (or one) into the local mirror')
    .option('--account <id>', 'only this account', parsePositiveInt('--account'))
    .action(async (options: { account?: number }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const result = await withSession(globals, (session) => {
        const stop = session.service.events.on('sync:progress', (event) => {
          if (event.phase === 'contacts') {
            progress(
              `account ${event.accountId}: page ${event.pages}, ${event.contacts} contacts, ${event.requestsPerSecond} req/s`,
            );
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
          ? 'No account connected: nothing to sync.'
          : result.accounts
              .map(
                (a) =>
                  `account ${a.accountId}: ${a.contacts} contacts in ${a.pages} pages, ${(a.durationMs / 1000).toFixed(1)} s`,
              )
              .join('\n'),
      );
    });
}
