/**
 * What each CardDAV provider is like (../shared/reference/carddav.md, section 1): where
 * discovery starts, whether a client may make an address book of its own (MKCOL), how a
 * group of cards is shown, and the provider's own card limit.
 */
import type { CardDavProvider } from '../../shared/api/types';

export interface ProviderFacts {
  readonly label: string;
  /** Where discovery starts when the user gives no address; null: the user must give one. */
  readonly serverUrl: string | null;
  /**
   * True: try MKCOL for an "amoCRM" book (a refusal falls back to the default book).
   * False: the provider is known to refuse it (one book per account).
   */
  readonly ownBook: boolean;
  /** iCloud shows groups only as Apple group cards (X-ADDRESSBOOKSERVER-KIND:group). */
  readonly appleGroup: boolean;
  /** The provider's cap on contacts per account, or null. */
  readonly limit: number | null;
  /** Where the user makes an app password (shown when connecting). */
  readonly appPasswordHint: string;
  /** The default book under the home, when the listing shows none (Google). */
  readonly defaultBookName?: string;
}

export const providers: Readonly<Record<CardDavProvider, ProviderFacts>> = {
  icloud: {
    label: 'iCloud',
    serverUrl: 'https://contacts.icloud.com/',
    ownBook: false,
    appleGroup: true,
    limit: 50_000,
    appPasswordHint:
      'appleid.apple.com → Sign-In and Security → App-Specific Passwords; sign in with your @icloud.com address',
  },
  google: {
    label: 'Google',
    serverUrl: 'https://www.googleapis.com/',
    ownBook: false,
    appleGroup: false,
    limit: 25_000,
    appPasswordHint: 'signs in with your Google account in the browser (no password is typed here)',
    defaultBookName: 'default/',
  },
  yandex: {
    label: 'Yandex',
    // Discovery from yandex.ru answers 405; the CardDAV host itself works (carddav.md).
    serverUrl: 'https://carddav.yandex.ru/',
    ownBook: false,
    appleGroup: false,
    limit: null,
    appPasswordHint: 'id.yandex.ru → Security → App passwords → "Contacts (CardDAV)"',
  },
  nextcloud: {
    label: 'Nextcloud',
    serverUrl: null,
    ownBook: true,
    appleGroup: false,
    limit: null,
    appPasswordHint: 'Nextcloud → Settings → Security → Devices & sessions → Create new app password',
  },
  fastmail: {
    label: 'Fastmail',
    serverUrl: 'https://carddav.fastmail.com/',
    ownBook: true,
    appleGroup: true,
    limit: null,
    appPasswordHint: 'Fastmail → Settings → Privacy & Security → App passwords (access: CardDAV)',
  },
  custom: {
    label: 'CardDAV server',
    serverUrl: null,
    ownBook: true,
    appleGroup: false,
    limit: null,
    appPasswordHint: "your server's password (or an app password, where it has them)",
  },
};
