/** `amo-phonebook lookup PHONE`: who is calling? Exits 0 whether or not someone has the number. */
import type { Command } from 'commander';
import type { ContactListItem, PhoneLookupResult } from '../../../shared/api/types';
import { printResult } from '../output';
import { type GlobalOptions, withSession } from '../session';

export function registerLookupCommand(program: Command): void {
  program
    .command('lookup')
    .description('find the contacts with a phone number, however either side wrote it')
    .argument('<phone>', 'the number, in any format: "+7 912 345-67-89", "8 (912) 345 67 89", "89123456789"...')
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
  if (result.matchedBy === 'none') return 'No contact has this number';
  const line = (item: ContactListItem) =>
    [item.name || '(no name)', item.primaryPhone ?? '', accountNames.get(item.accountId) ?? `account ${item.accountId}`]
      .filter(Boolean)
      .join('  ');
  const lines = result.matches.map(line);
  return result.matchedBy === 'last7'
    ? ['No contact has exactly this number; these end in the same 7 digits:', ...lines].join('\n')
    : lines.join('\n');
}
