/** `amo-phonebook account add|list|remove`. */

import { open, writeFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import type { AccountSummary, TeamInvitationMade } from '../../../shared/api/types';
import { AppError } from '../../../shared/errors';
import { parsePositiveInt, printResult } from '../output';
import { type CliSession, type GlobalOptions, withSession } from '../session';
import { terminalConsentWindow } from '../terminal-consent';

const rightWords: Readonly<Record<AccountSummary['exportRight'], string>> = {
  all: 'all contacts',
  group: "your group's contacts",
  responsible: 'only contacts you are responsible for',
  denied: 'denied: ask your administrator for the contacts export right',
  unknown: 'unknown (only admins can read rights): only contacts you are responsible for',
};

function describeAccount(account: AccountSummary): string {
  const synced = account.lastSyncedAt ? new Date(account.lastSyncedAt).toISOString() : 'never';
  const demo = account.isDemo ? ' [demo]' : '';
  return `${account.id}  ${account.name}${demo}  ${account.baseUrl}  contacts: ${account.contactCount} (with phone: ${account.contactsWithPhone})  export: ${rightWords[account.exportRight]}  synced: ${synced}`;
}

interface AddOptions {
  baseUrl?: string;
  token?: string;
  clientId?: string;
  clientSecret?: string;
  code?: string;
  redirectUri?: string;
  demo?: boolean;
}

interface ConnectOptions {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  product: 'amocrm' | 'kommo' | 'custom';
  consentUrl?: string;
}

function addAccount(session: CliSession, options: AddOptions): Promise<AccountSummary> {
  if (options.demo) return session.call('connectDemoAccount', {});
  const { baseUrl, token, clientId, clientSecret, code, redirectUri } = options;
  if (baseUrl && token) return session.call('addAccountWithToken', { baseUrl, token });
  if (baseUrl && clientId && clientSecret && code && redirectUri) {
    return session.call('addAccountWithCode', { baseUrl, clientId, clientSecret, code, redirectUri });
  }
  throw new AppError(
    'INVALID_INPUT',
    'account add needs --base-url with --token, or --base-url with --client-id, --client-secret, --code and --redirect-uri (or --demo)',
  );
}

interface InviteOptions {
  out?: string;
  clientId?: string;
  clientSecret?: string;
  redirectUri?: string;
}

function invitationFile(made: TeamInvitationMade): string {
  return [
    `amo-phonebook: an invitation to the amoCRM account ${made.accountName} (${new URL(made.accountUrl).host})`,
    ...(made.invitedBy ? [`From: ${made.invitedBy}`] : []),
    '',
    'What to do:',
    '1. Install amo-phonebook.',
    '2. On its first screen choose "I have an invitation from my administrator" and open this file.',
    '3. Sign in to amoCRM with your own login: you see only the contacts you may export.',
    '',
    made.link,
    '',
    'The invitation holds no password and no sign-in. Send it only to colleagues.',
    '',
  ].join('\r\n');
}

async function readInvitationFile(path: string): Promise<string> {
  try {
    const handle = await open(path, 'r');
    try {
      // An invitation is a few hundred bytes; a larger file is read only as far as it could be one.
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, 0);
      return buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new AppError('INVALID_INPUT', `Cannot read the invitation file ${path}: ${(error as Error).message}`);
  }
}

export function registerAccountCommands(program: Command): void {
  const account = program.command('account').description('connect and manage amoCRM/Kommo accounts');

  account
    .command('add')
    .description("connect an account: a long-lived token, an integration's authorization code, or the demo")
    .option('--base-url <url>', "the account's address, e.g. https://acme.amocrm.ru")
    .option('--token <token>', 'a long-lived token from your private integration')
    .option('--client-id <id>', 'your integration id (with --code)')
    .option('--client-secret <secret>', 'your integration secret key (with --code)')
    .option('--code <code>', 'an authorization code (single use, about 20 minutes)')
    .option('--redirect-uri <uri>', "your integration's redirect URI (with --code)")
    .option('--demo', 'connect the built-in demo account instead')
    .action(async (options: AddOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const added = await withSession(globals, (session) => addAccount(session, options));
      printResult(globals, added, () => `Connected: ${describeAccount(added)}`);
    });

  account
    .command('connect')
    .description(
      "connect through amoCRM's sign-in page (OAuth): prints the address to open, then reads the address you were sent back to",
    )
    .requiredOption('--client-id <id>', 'your integration id')
    .requiredOption('--client-secret <secret>', 'your integration secret key')
    .requiredOption('--redirect-uri <uri>', "your integration's redirect URI")
    .addOption(
      new Option('--product <product>', 'which sign-in site').choices(['amocrm', 'kommo', 'custom']).default('amocrm'),
    )
    .option('--consent-url <url>', 'the sign-in site, with --product custom (the sandbox)')
    .action(async (options: ConnectOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const added = await withSession(
        globals,
        (session) =>
          session.call('connectWithOAuth', {
            product: options.product,
            clientId: options.clientId,
            clientSecret: options.clientSecret,
            redirectUri: options.redirectUri,
            ...(options.consentUrl === undefined ? {} : { consentBaseUrl: options.consentUrl }),
          }),
        { openConsentWindow: terminalConsentWindow },
      );
      printResult(globals, added, () => `Connected: ${describeAccount(added)}`);
    });

  account
    .command('invite')
    .description('make an invitation for colleagues: the account address and the integration, never a token')
    .argument('<id>', 'account id', parsePositiveInt('account id'))
    .option('--out <file>', 'also save it as a file with the steps for the colleague')
    .option('--client-id <id>', 'the integration id (an account connected with a long-lived token)')
    .option('--client-secret <secret>', 'the integration secret key (the same)')
    .option('--redirect-uri <uri>', "the integration's redirect URI (the same)")
    .action(async (id: number, options: InviteOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const made = await withSession(globals, (session) =>
        session.call('createTeamInvitation', {
          accountId: id,
          ...(options.clientId === undefined ? {} : { clientId: options.clientId }),
          ...(options.clientSecret === undefined ? {} : { clientSecret: options.clientSecret }),
          ...(options.redirectUri === undefined ? {} : { redirectUri: options.redirectUri }),
        }),
      );
      if (options.out) await writeFile(options.out, invitationFile(made), { mode: 0o600 });
      printResult(globals, made, () =>
        [
          made.link,
          '',
          'Send it to each colleague. They run `amo-phonebook account join --invitation FILE` (or open it on the',
          "app's first screen) and sign in to amoCRM as themselves. It holds no password and no token.",
          ...(options.out ? [`Saved to ${options.out}`] : []),
        ].join('\n'),
      );
    });

  account
    .command('join')
    .description("connect an account through a colleague's invitation, signing in to amoCRM as yourself")
    .requiredOption('--invitation <file>', 'the invitation file (or a file holding the link)')
    .action(async (options: { invitation: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const invitation = await readInvitationFile(options.invitation);
      const added = await withSession(globals, (session) => session.call('connectWithInvitation', { invitation }), {
        openConsentWindow: terminalConsentWindow,
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
