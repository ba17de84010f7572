/**
 * What the user does on each phone so the exported contacts appear there, per provider
 * (carddav.md, section 4). An iPhone with a self-hosted server also gets a configuration
 * profile. Plain English; the desktop translates by provider and step.
 */
import type { CardDavProvider, CardDavSetup } from '../../../shared/api/types';
import { providers } from '../../model/carddav-providers';
import { carddavMobileconfig } from './mobileconfig';

export interface SetupInput {
  readonly provider: CardDavProvider;
  readonly serverUrl: string;
  readonly principalUrl: string;
  readonly username: string;
  /** Whether the export has a book of its own (its name on the phone). */
  readonly ownBook: boolean;
}

const selfHosted: ReadonlySet<CardDavProvider> = new Set(['nextcloud', 'custom']);

export function setupHelp(input: SetupInput): CardDavSetup {
  const facts = providers[input.provider];
  const where = input.ownBook
    ? 'The contacts arrive in an address book called "amoCRM …" (one per amoCRM account).'
    : 'The contacts arrive among the account\'s own contacts, each labelled "amoCRM …".';
  const iphone: Record<CardDavProvider, string[]> = {
    icloud: [
      'Settings → [your name] → iCloud → Contacts: on (the same Apple ID as here).',
      'Contacts → Lists: the exported ones are in the group "amoCRM …".',
    ],
    google: [
      'Settings → Contacts → Accounts → Add Account → Google: sign in with the same Google account.',
      'Turn on Contacts for that account.',
    ],
    yandex: [
      'Settings → Contacts → Accounts → Add Account → Other → Add CardDAV Account.',
      `Server: carddav.yandex.ru; user: ${input.username}; password: a Yandex app password for Contacts.`,
    ],
    nextcloud: [
      'Open the attached profile (amoCRM.mobileconfig) on the iPhone and install it: Settings → Profile Downloaded → Install; enter your app password when asked.',
      'Or by hand: Settings → Contacts → Accounts → Add Account → Other → Add CardDAV Account, with the server and user below.',
      'iOS sends passwords only over https with a trusted certificate: a plain http server will not work on an iPhone.',
    ],
    fastmail: [
      'Settings → Contacts → Accounts → Add Account → Other → Add CardDAV Account.',
      `Server: carddav.fastmail.com; user: ${input.username}; password: a Fastmail app password with CardDAV access.`,
    ],
    custom: [
      'Open the attached profile (amoCRM.mobileconfig) on the iPhone and install it: Settings → Profile Downloaded → Install; enter your password when asked.',
      'Or by hand: Settings → Contacts → Accounts → Add Account → Other → Add CardDAV Account, with the server and user below.',
      'iOS sends passwords only over https with a trusted certificate: a plain http server will not work on an iPhone.',
    ],
  };
  const android: Record<CardDavProvider, string[]> = {
    icloud: [
      'Android has no iCloud contacts sync of its own: install DAVx⁵ (Play Store or F-Droid), add an account "with URL and user name": https://contacts.icloud.com, your Apple ID and an app-specific password.',
    ],
    google: [
      "Nothing to do: the phone's Google account syncs Google Contacts already (Settings → Accounts → Google → Account sync → Contacts).",
    ],
    yandex: [
      'Install DAVx⁵ and add an account "with URL and user name": https://carddav.yandex.ru, your Yandex login and the app password.',
    ],
    nextcloud: [
      `Install DAVx⁵ and add an account "with URL and user name": ${input.serverUrl}, user ${input.username}, the app password; then tick the amoCRM address book.`,
    ],
    fastmail: [
      'Install DAVx⁵ and add an account "with URL and user name": https://carddav.fastmail.com, your Fastmail address and an app password.',
    ],
    custom: [
      `Install DAVx⁵ and add an account "with URL and user name": ${input.serverUrl}, user ${input.username}, your password; then tick the amoCRM address book.`,
    ],
  };
  return {
    provider: input.provider,
    iphone: [...iphone[input.provider], where],
    android: [...android[input.provider], where, `App password: ${facts.appPasswordHint}.`],
    mobileconfig: selfHosted.has(input.provider)
      ? carddavMobileconfig({
          serverUrl: input.serverUrl,
          principalUrl: input.principalUrl,
          username: input.username,
          description: `amoCRM (${new URL(input.serverUrl).host})`,
        })
      : null,
  };
}
