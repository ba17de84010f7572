/** `amo-phonebook device add|list|rename|remove|setup`. */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import type { CardDavProvider, CardDavSetup, Device, TargetPlatform } from '../../../shared/api/types';
import { AppError } from '../../../shared/errors';
import { openInBrowser } from '../../lib/open-in-browser';
import { printResult } from '../output';
import { type GlobalOptions, withSession } from '../session';

const describeDevice = (device: Device) =>
  `${device.id}  ${device.name}  (${device.platform}${device.carddav ? `: ${device.carddav.username} at ${device.carddav.serverUrl}` : ''})`;

interface AddOptions {
  name?: string;
  platform: TargetPlatform;
  provider: CardDavProvider;
  url?: string;
  user?: string;
  passwordStdin?: boolean;
  clientId?: string;
  clientSecret?: string;
  oauthAuthorizeUrl?: string;
  oauthTokenUrl?: string;
  profileOut?: string;
}

/** The password piped in (`--password-stdin`), without the newline `echo` adds: never on the command line. */
async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password (app password), then Enter and Ctrl+D: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (!password) throw new AppError('INVALID_INPUT', 'No password came on standard input', { field: 'password' });
  return password;
}

function describeSetup(setup: CardDavSetup): string {
  return [
    'On an iPhone:',
    ...setup.iphone.map((step) => `  - ${step}`),
    'On Android:',
    ...setup.android.map((step) => `  - ${step}`),
  ].join('\n');
}

async function saveProfile(setup: CardDavSetup, path: string | undefined): Promise<string> {
  if (!path) return setup.mobileconfig ? '\n(Save the iPhone profile with --profile-out FILE.mobileconfig.)' : '';
  if (!setup.mobileconfig) return '\nNo iPhone profile for this provider: its own account settings do it.';
  const target = resolve(path);
  await writeFile(target, setup.mobileconfig, { mode: 0o644 });
  return `\nSaved the iPhone profile to ${target}: send it to the iPhone (AirDrop, mail) and open it.`;
}

export function registerDeviceCommands(program: Command): void {
  const device = program.command('device').description('the phones, files and address-book accounts you export to');

  device
    .command('add')
    .description('add a phone, a file target, or an address-book account on a CardDAV server')
    .option('--name <name>', 'a name you will recognise, e.g. "My iPhone"')
    .addOption(
      new Option('--platform <platform>', 'what it is')
        .choices(['ios', 'android', 'file', 'carddav'])
        .makeOptionMandatory(),
    )
    .addOption(
      new Option('--provider <provider>', 'carddav: who runs the account')
        .choices(['icloud', 'google', 'yandex', 'nextcloud', 'fastmail', 'custom'])
        .default('custom'),
    )
    .option('--url <url>', "carddav: the server's address (needed for nextcloud and custom)")
    .option('--user <user>', 'carddav: the user name (Apple ID, Yandex login, e-mail...)')
    .option('--password-stdin', 'carddav: read the (app) password from standard input')
    .option('--client-id <id>', 'google: the OAuth client id (or $AMO_PHONEBOOK_GOOGLE_CLIENT_ID)')
    .option('--client-secret <secret>', 'google: the OAuth client secret (or $AMO_PHONEBOOK_GOOGLE_CLIENT_SECRET)')
    .addOption(new Option('--oauth-authorize-url <url>').hideHelp())
    .addOption(new Option('--oauth-token-url <url>').hideHelp())
    .option('--profile-out <file.mobileconfig>', 'carddav: save the iPhone configuration profile here')
    .action(async (options: AddOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      if (options.platform !== 'carddav') {
        if (!options.name) throw new AppError('INVALID_INPUT', 'device add needs --name', { field: 'name' });
        const input = { name: options.name, platform: options.platform };
        const added = await withSession(globals, (session) => session.call('addDevice', input));
        printResult(globals, added, () => `Added device ${describeDevice(added)}`);
        return;
      }
      if (!options.user) throw new AppError('INVALID_INPUT', 'A CardDAV account needs --user', { field: 'username' });
      const username = options.user;
      const name = options.name ?? `${options.provider === 'custom' ? 'CardDAV' : options.provider} ${username}`;
      const added = await withSession(globals, async (session) => {
        if (options.provider !== 'google') {
          if (!options.passwordStdin) {
            throw new AppError('INVALID_INPUT', 'Give the password on standard input with --password-stdin', {
              field: 'password',
            });
          }
          const password = await readPassword();
          return session.call('addCardDavDevice', {
            name,
            provider: options.provider,
            username,
            password,
            ...(options.url === undefined ? {} : { serverUrl: options.url }),
          });
        }
        const clientId = options.clientId ?? process.env['AMO_PHONEBOOK_GOOGLE_CLIENT_ID'];
        const clientSecret = options.clientSecret ?? process.env['AMO_PHONEBOOK_GOOGLE_CLIENT_SECRET'];
        if (!clientId) {
          throw new AppError(
            'INVALID_INPUT',
            'Google needs an OAuth client id: --client-id or $AMO_PHONEBOOK_GOOGLE_CLIENT_ID',
            { field: 'clientId' },
          );
        }
        const stop = session.service.events.on('oauth:open', (event) => {
          process.stderr.write(`Sign in with Google in your browser; if it did not open, open:\n${event.url}\n`);
          openInBrowser(event.url);
        });
        try {
          return await session.call('connectGoogleCardDav', {
            name,
            username,
            clientId,
            ...(clientSecret ? { clientSecret } : {}),
            ...(options.url === undefined ? {} : { serverUrl: options.url }),
            ...(options.oauthAuthorizeUrl === undefined ? {} : { authorizeUrl: options.oauthAuthorizeUrl }),
            ...(options.oauthTokenUrl === undefined ? {} : { tokenUrl: options.oauthTokenUrl }),
          });
        } finally {
          stop();
        }
      });
      const saved = await saveProfile(added.setup, options.profileOut);
      printResult(
        globals,
        added,
        () => `Added device ${describeDevice(added.device)}\n${describeSetup(added.setup)}${saved}`,
      );
    });

  device
    .command('setup')
    .description("how to make a CardDAV account's contacts appear on the phones")
    .argument('<id>', 'device id')
    .option('--profile-out <file.mobileconfig>', 'save the iPhone configuration profile here')
    .action(async (id: string, options: { profileOut?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const setup = await withSession(globals, (session) => session.call('getCardDavSetup', { deviceId: id }));
      const saved = await saveProfile(setup, options.profileOut);
      printResult(globals, setup, () => `${describeSetup(setup)}${saved}`);
    });

  device
    .command('rename')
    .description('rename a device')
    .argument('<id>', 'device id')
    .requiredOption('--name <name>', 'the new name')
    .action(async (id: string, options: { name: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const renamed = await withSession(globals, (session) =>
        session.call('renameDevice', { deviceId: id, name: options.name }),
      );
      printResult(globals, renamed, () => `Renamed: ${describeDevice(renamed)}`);
    });

  device
    .command('remove')
    .description('remove a device and what the app recorded it received (its contacts stay on the phone)')
    .argument('<id>', 'device id')
    .action(async (id: string, _options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const result = await withSession(globals, (session) => session.call('removeDevice', { deviceId: id }));
      if (!result.removed) throw new AppError('NOT_FOUND', `No device has id "${id}"`, { deviceId: id });
      printResult(globals, result, () => `Removed device ${id}`);
    });

  device
    .command('list')
    .description('list devices')
    .action(async (_options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const devices = await withSession(globals, (session) => session.call('listDevices', {}));
      printResult(globals, devices, () =>
        devices.length === 0
          ? 'No device yet. Add one with `device add --name NAME --platform ios|android|file|carddav`.'
          : devices.map(describeDevice).join('\n'),
      );
    });
}
