/** `amo-phonebook account add|list|remove`. */

import { open, writeFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import type { AccountSummary, TeamInvitationMade } from '../../../shared/api/types';
import { CliRefusal } from '../error-line';
import { parsePositiveInt, printResult } from '../output';
import { readSecretLine } from '../read-secret';
import { type CliSession, type GlobalOptions, withSession } from '../session';
import { terminalConsentWindow } from '../terminal-consent';
import { cliWords } from '../words';

function describeAccount(account: AccountSummary): string {
  const words = cliWords().account;
  return words.line({
    id: account.id,
    name: account.name,
    demo: account.isDemo ? words.demo : '',
    baseUrl: account.baseUrl,
    contacts: account.contactCount,
    withPhone: account.contactsWithPhone,
    right: words.rights[account.exportRight],
    synced: account.lastSyncedAt ? new Date(account.lastSyncedAt).toISOString() : words.never,
  });
}

interface AddOptions {
  baseUrl?: string;
  token?: string;
  tokenStdin?: boolean;
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

/**
 * The long-lived token: from --token-stdin (read before the core opens, so a prompt comes
 * first), --token, or $AMO_PHONEBOOK_TOKEN; at most one of them.
 */
async function tokenOf(options: AddOptions): Promise<string | undefined> {
  const words = cliWords().account;
  const fromEnv = process.env['AMO_PHONEBOOK_TOKEN'] || undefined;
  const given = [options.tokenStdin, options.token !== undefined, fromEnv !== undefined].filter(Boolean).length;
  if (given > 1) throw new CliRefusal('INVALID_INPUT', words.tokenTwice);
  if (!options.tokenStdin) return options.token ?? fromEnv;
  const token = await readSecretLine(process.stdin, words.tokenPrompt, process.stderr);
  if (!token) throw new CliRefusal('INVALID_INPUT', words.tokenStdinEmpty);
  return token;
}

function addAccount(session: CliSession, options: AddOptions): Promise<AccountSummary> {
  if (options.demo) return session.call('connectDemoAccount', {});
  const { baseUrl, token, clientId, clientSecret, code, redirectUri } = options;
  if (baseUrl && token) return session.call('addAccountWithToken', { baseUrl, token });
  if (baseUrl && clientId && clientSecret && code && redirectUri) {
    return session.call('addAccountWithCode', { baseUrl, clientId, clientSecret, code, redirectUri });
  }
  throw new CliRefusal('INVALID_INPUT', cliWords().account.addNeeds);
}

interface InviteOptions {
  out?: string;
  clientId?: string;
  clientSecret?: string;
  redirectUri?: string;
}

/** The invitation as a file, with the steps in the administrator's language (CRLF: Notepad opens it too). */
function invitationFile(made: TeamInvitationMade): string {
  const words = cliWords().account;
  return [
    ...words.invitationFile({
      accountName: made.accountName,
      host: new URL(made.accountUrl).host,
      invitedBy: made.invitedBy ?? null,
    }),
    '',
    made.link,
    '',
    words.invitationFileEnd,
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
    throw new CliRefusal('INVALID_INPUT', cliWords().account.invitationUnreadable(path, (error as Error).message));
  }
}

export function registerAccountCommands(program: Command): void {
  const words = cliWords().account;
  const help = cliWords().help.account;
  const account = program.command('account').description(help.command);

  account
    .command('add')
    .description(help.add)
    .option('--base-url <url>', help.baseUrl)
    .option('--token <token>', help.token)
    .option('--token-stdin', help.tokenStdin)
    .option('--client-id <id>', help.clientIdCode)
    .addOption(new Option('--client-secret <secret>', help.clientSecretCode).env('AMO_PHONEBOOK_CLIENT_SECRET'))
    .option('--code <code>', help.code)
    .option('--redirect-uri <uri>', help.redirectUriCode)
    .option('--demo', help.demo)
    .action(async (options: AddOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const token = options.demo ? undefined : await tokenOf(options);
      const added = await withSession(globals, (session) =>
        addAccount(session, { ...options, ...(token === undefined ? {} : { token }) }),
      );
      printResult(globals, added, () => words.connected(describeAccount(added)));
    });

  account
    .command('connect')
    .description(help.connect)
    .requiredOption('--client-id <id>', help.clientId)
    .addOption(
      new Option('--client-secret <secret>', help.clientSecret)
        .env('AMO_PHONEBOOK_CLIENT_SECRET')
        .makeOptionMandatory(),
    )
    .requiredOption('--redirect-uri <uri>', help.redirectUri)
    .addOption(new Option('--product <product>', help.product).choices(['amocrm', 'kommo', 'custom']).default('amocrm'))
    .option('--consent-url <url>', help.consentUrl)
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
      printResult(globals, added, () => words.connected(describeAccount(added)));
    });

  account
    .command('invite')
    .description(help.invite)
    .argument('<id>', cliWords().help.accountId, parsePositiveInt('account id'))
    .option('--out <file>', help.inviteOut)
    .option('--client-id <id>', help.inviteClientId)
    .option('--client-secret <secret>', help.inviteClientSecret)
    .option('--redirect-uri <uri>', help.inviteRedirectUri)
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
        [made.link, '', ...words.invitationMade, ...(options.out ? [words.savedTo(options.out)] : [])].join('\n'),
      );
    });

  account
    .command('join')
    .description(help.join)
    .requiredOption('--invitation <file>', help.invitation)
    .action(async (options: { invitation: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const invitation = await readInvitationFile(options.invitation);
      const added = await withSession(globals, (session) => session.call('connectWithInvitation', { invitation }), {
        openConsentWindow: terminalConsentWindow,
      });
      printResult(globals, added, () => words.connected(describeAccount(added)));
    });

  account
    .command('list')
    .description(help.list)
    .action(async (_options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const accounts = await withSession(globals, (session) => session.call('listAccounts', {}));
      printResult(globals, accounts, () =>
        accounts.length === 0 ? words.none : accounts.map(describeAccount).join('\n'),
      );
    });

  account
    .command('remove')
    .description(help.remove)
    .argument('<id>', cliWords().help.accountId, parsePositiveInt('account id'))
    .action(async (id: number, _options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const result = await withSession(globals, (session) => session.call('removeAccount', { accountId: id }));
      if (!result.removed) throw new CliRefusal('NOT_FOUND', words.notFound(id), { accountId: id });
      printResult(globals, result, () => words.removed(id));
    });
}
