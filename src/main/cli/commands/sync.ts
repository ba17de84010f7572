/** `amo-phonebook sync`: pull accounts into the local mirror, with progress on stderr. */
import type { Command } from 'commander';
import { AppError } from '../../../shared/errors';
import { endProgress, parsePositiveInt, printResult, progress } from '../output';
import { type GlobalOptions, withSession } from '../session';

export function registerSyncCommand(program: Command): void {
  program
    .command('sync')
    .description('pull contacts from every connected account (or one) into the local mirror')
    .option('--account <id>', 'only this account', parsePositiveInt('--account'))
    .option(
      '--reconcile',
      'also compare every contact id with the CRM and drop what it no longer shows (slow; needs --account)',
    )
    .action(async (options: { account?: number; reconcile?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      if (options.reconcile) {
        if (options.account === undefined) throw new AppError('INVALID_INPUT', 'sync --reconcile needs --account ID');
        const accountId = options.account;
        const outcome = await withSession(globals, (session) => session.call('reconcileAccount', { accountId }));
        printResult(
          globals,
          outcome,
          () =>
            `account ${accountId}: ${outcome.checked} contacts checked, ${outcome.removed} removed, ${outcome.added} added`,
        );
        return;
      }
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
