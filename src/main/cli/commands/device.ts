/** `amo-phonebook device add|list|rename|remove|setup`. */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import type { CardDavProvider, CardDavSetup, Device, TargetPlatform } from '../../../shared/api/types';
import type { carddavSetupEn } from '../../../shared/words/carddav-setup-en';
import { carddavSetupRu } from '../../../shared/words/carddav-setup-ru';
import { openInBrowser } from '../../lib/open-in-browser';
import { CliRefusal, fillWords } from '../error-line';
import { printResult } from '../output';
import { type GlobalOptions, withSession } from '../session';
import { cliLanguage, cliWords } from '../words';

const describeDevice = (device: Device) => cliWords().device.line({ ...device, carddav: device.carddav ?? null });

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
  if (process.stdin.isTTY) process.stderr.write(cliWords().device.passwordPrompt);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (!password) throw new CliRefusal('INVALID_INPUT', cliWords().device.noPassword, { field: 'password' });
  return password;
}

/**
 * The phones' set-up steps. In English, the core's own lines; in Russian, the window's steps
 * for the provider (one table: shared/words/carddav-setup-*.ts) with this account's values.
 */
function describeSetup(setup: CardDavSetup, device: Device | undefined): string {
  const words = cliWords().device;
  const target = device?.carddav;
  const steps =
    cliLanguage() === 'ru' && target
      ? russianSteps(setup.provider, target)
      : { iphone: setup.iphone, android: setup.android };
  return [
    words.onIphone,
    ...steps.iphone.map((step) => `  - ${step}`),
    words.onAndroid,
    ...steps.android.map((step) => `  - ${step}`),
  ].join('\n');
}

function russianSteps(provider: CardDavProvider, target: NonNullable<Device['carddav']>) {
  const values = { user: target.username, server: target.serverUrl };
  const fill = (step: string) => fillWords(step, values) ?? step;
  const where = target.ownBook ? carddavSetupRu.whereOwn : carddavSetupRu.whereShared;
  const hint = carddavSetupRu.passwordHint[provider];
  // Keys s1, s2... in order; the English table has the same steps (checked by the compiler).
  const stepsOf = (phone: keyof typeof carddavSetupEn.steps) =>
    Object.values(carddavSetupRu.steps[phone][provider] as Readonly<Record<string, string>>).map(fill);
  return {
    iphone: [...stepsOf('iphone'), where],
    android: [...stepsOf('android'), where, ...(hint ? [cliWords().device.appPassword(hint)] : [])],
  };
}

async function saveProfile(setup: CardDavSetup, path: string | undefined): Promise<string> {
  const words = cliWords().device;
  if (!path) return setup.mobileconfig ? words.profileHint : '';
  if (!setup.mobileconfig) return words.noProfile;
  const target = resolve(path);
  await writeFile(target, setup.mobileconfig, { mode: 0o644 });
  return words.profileSaved(target);
}

export function registerDeviceCommands(program: Command): void {
  const words = cliWords().device;
  const help = cliWords().help.device;
  const device = program.command('device').description(help.command);

  device
    .command('add')
    .description(help.add)
    .option('--name <name>', help.name)
    .addOption(
      new Option('--platform <platform>', help.platform)
        .choices(['ios', 'android', 'file', 'carddav'])
        .makeOptionMandatory(),
    )
    .addOption(
      new Option('--provider <provider>', help.provider)
        .choices(['icloud', 'google', 'yandex', 'nextcloud', 'fastmail', 'custom'])
        .default('custom'),
    )
    .option('--url <url>', help.url)
    .option('--user <user>', help.user)
    .option('--password-stdin', help.passwordStdin)
    .option('--client-id <id>', help.clientId)
    .option('--client-secret <secret>', help.clientSecret)
    .addOption(new Option('--oauth-authorize-url <url>').hideHelp())
    .addOption(new Option('--oauth-token-url <url>').hideHelp())
    .option('--profile-out <file.mobileconfig>', help.profileOut)
    .action(async (options: AddOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      if (options.platform !== 'carddav') {
        if (!options.name) throw new CliRefusal('INVALID_INPUT', words.needsName, { field: 'name' });
        const input = { name: options.name, platform: options.platform };
        const added = await withSession(globals, (session) => session.call('addDevice', input));
        printResult(globals, added, () => words.added(describeDevice(added)));
        return;
      }
      if (!options.user) throw new CliRefusal('INVALID_INPUT', words.needsUser, { field: 'username' });
      const username = options.user;
      const name = options.name ?? `${words.provider(options.provider)} ${username}`;
      const added = await withSession(globals, async (session) => {
        if (options.provider !== 'google') {
          if (!options.passwordStdin) {
            throw new CliRefusal('INVALID_INPUT', words.needsPassword, { field: 'password' });
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
          throw new CliRefusal('INVALID_INPUT', words.needsGoogleClient, { field: 'clientId' });
        }
        const stop = session.service.events.on('oauth:open', (event) => {
          process.stderr.write(words.googleSignIn(event.url));
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
        () => `${words.added(describeDevice(added.device))}\n${describeSetup(added.setup, added.device)}${saved}`,
      );
    });

  device
    .command('setup')
    .description(help.setup)
    .argument('<id>', cliWords().help.deviceId)
    .option('--profile-out <file.mobileconfig>', help.setupProfileOut)
    .action(async (id: string, options: { profileOut?: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const { setup, devices } = await withSession(globals, async (session) => ({
        setup: await session.call('getCardDavSetup', { deviceId: id }),
        devices: await session.call('listDevices', {}),
      }));
      const saved = await saveProfile(setup, options.profileOut);
      const target = devices.find((candidate) => candidate.id === id);
      printResult(globals, setup, () => `${describeSetup(setup, target)}${saved}`);
    });

  device
    .command('rename')
    .description(help.rename)
    .argument('<id>', cliWords().help.deviceId)
    .requiredOption('--name <name>', help.newName)
    .action(async (id: string, options: { name: string }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const renamed = await withSession(globals, (session) =>
        session.call('renameDevice', { deviceId: id, name: options.name }),
      );
      printResult(globals, renamed, () => words.renamed(describeDevice(renamed)));
    });

  device
    .command('remove')
    .description(help.remove)
    .argument('<id>', cliWords().help.deviceId)
    .action(async (id: string, _options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const result = await withSession(globals, (session) => session.call('removeDevice', { deviceId: id }));
      if (!result.removed) throw new CliRefusal('NOT_FOUND', words.notFound(id), { deviceId: id });
      printResult(globals, result, () => words.removed(id));
    });

  device
    .command('list')
    .description(help.list)
    .action(async (_options: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const devices = await withSession(globals, (session) => session.call('listDevices', {}));
      printResult(globals, devices, () => (devices.length === 0 ? words.none : devices.map(describeDevice).join('\n')));
    });
}
