/** `amo-phonebook lookup PHONE`: who is calling? Exits 0 whether or not someone has the number. */
import type { Command } from 'commander';
import type { ContactListItem, PhoneLookupResult } from '../../../shared/api/types';
import { printResult } from '../output';
import { type GlobalOptions, withSession } from '../session';
import { cliWords } from '../words';

export function registerLookupCommand(program: Command): void {
  const words = cliWords().help.lookup;
  program
    .command('lookup')
    .description(words.command)
    .argument('<phone>', words.phone)
    .action(async (phone: string, _options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const { result, accountNames } = await withSession(globals, async (session) => {
        const result = await session.call('lookupPhone', { phone });
        const accounts = result.matches.length > 0 ? await session.call('listAccounts', {}) : [];
        return { result, accountNames: new Map(accounts.map((account) => [account.id, account.name])) };
      });
      printResult(globals, result, () => describeLookup(result, accountNames));
    });
}

function describeLookup(result: PhoneLookupResult, accountNames: ReadonlyMap<number, string>): string {
  const words = cliWords().lookup;
  if (result.matchedBy === 'none') return words.nobody;
  const line = (item: ContactListItem) =>
    [
      item.name || words.noName,
      item.primaryPhone ?? '',
      accountNames.get(item.accountId) ?? words.account(item.accountId),
    ]
      .filter(Boolean)
      .join('  ');
  const lines = result.matches.map(line);
  return result.matchedBy === 'last7' ? [words.last7, ...lines].join('\n') : lines.join('\n');
}
