/** `amo-phonebook account add|list|remove`. */
import type { Command } from 'commander';
import type { AccountSummary } from '../../../shared/api/types';
import { AppError } from '../../../shared/errors';
import { parsePositiveInt, printResult } from '../output';
import { type GlobalOptions, withSession } from '../session';

function describeAccount(account: AccountSummary): string {
  const synced = account.lastSyncedAt ? new Date(account.lastSyncedAt).toISOString() : 'never';
  const demo = account.isDemo ? ' [demo]' : '';
  return `${account.id}  ${account.name}${demo}  ${account.baseUrl}  contacts: ${account.contactCount} (with phone: ${account.contactsWithPhone})  synced: ${synced}`;
}

export function registerAccountCommands(program: Command): void {
  const account = program.command('account').description('connect and manage amoCRM/Kommo accounts');

  account
    .command('add')
    .description('connect an account with a long-lived token, or the built-in demo account')
    .option('--base-url <url>', "the account's address, e.g. https://acme.amocrm.ru")
    .option('--token <token>', 'a long-lived token from your private integration')
    .option('--demo', 'connect the built-in demo account instead')
    .action(async (options: { baseUrl?: string; token?: string; demo?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const added = await withSession(globals, async (session) => {
        if (options.demo) return session.call('connectDemoAccount', {});
        if (!options.baseUrl || !options.token) {
          throw new AppError('INVALID_INPUT', 'account add needs --base-url and --token (or --demo)');
        }
        return session.call('addAccountWithToken', { baseUrl: options.baseUrl, token: options.token });
      });
      printResult(globals, added, () => `Connected: ${describeAccount(added)}`);
    });

  account
    .command('list')
    .description('list connected accounts')
    .action(async (_options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const accounts = await withSession(globals, (session) => session.call('listAccounts', {}));
      printResult(globals, accounts, () =>
        accounts.length === 0
          ? 'No account connected. Add one with `account add --base-url URL --token TOKEN`, or try `account add --demo`.'
          : accounts.map(describeAccount).join('\n'),
      );
    });

  account
    .command('remove')
    .description('disconnect an account and delete its local mirror')
    .argument('<id>', 'account id', parsePositiveInt('account id'))
    .action(async (id: number, _options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const result = await withSession(globals, (session) => session.call('removeAccount', { accountId: id }));
      if (!result.removed) throw new AppError('NOT_FOUND', `No connected account has id ${id}`, { accountId: id });
      printResult(globals, result, () => `Removed account ${id}`);
    });
}
