/**
 * How the contacts of a CardDAV export appear on each phone, per provider, in English: the
 * window's set-up panel and `device setup` in the terminal read the same steps.
 * `{{user}}` and `{{server}}` are the account's.
 */
export const carddavSetupEn = {
  passwordHint: {
    icloud:
      'Make one at appleid.apple.com → Sign-In and Security → App-Specific Passwords. Your main Apple ID password will not work.',
    google: '',
    yandex: 'Make one at id.yandex.ru → Security → App passwords → “Contacts (CardDAV)”.',
    nextcloud: 'Make one in Nextcloud → Settings → Security → Devices & sessions → Create new app password.',
    fastmail: 'Make one in Fastmail → Settings → Privacy & Security → App passwords (access: CardDAV).',
    custom: 'Your password on that server, or an app password where it has them.',
  },
  whereOwn: 'The contacts arrive in an address book called “amoCRM …” (one per amoCRM account).',
  whereShared: 'The contacts arrive among the account’s own contacts, each labelled “amoCRM …”.',
  steps: {
    iphone: {
      icloud: {
        s1: 'Settings → [your name] → iCloud → Contacts: on (the same Apple ID as here).',
        s2: 'Contacts → Lists: the exported ones are in the group “amoCRM …”.',
      },
      google: {
        s1: 'Settings → Contacts → Accounts → Add Account → Google: sign in with the same Google account.',
        s2: 'Turn on Contacts for that account.',
      },
      yandex: {
        s1: 'Settings → Contacts → Accounts → Add Account → Other → Add CardDAV Account.',
        s2: 'Server: carddav.yandex.ru; user: {{user}}; password: a Yandex app password for Contacts.',
      },
      nextcloud: {
        s1: 'Open the profile below on the iPhone and install it: Settings → Profile Downloaded → Install; enter your app password when asked.',
        s2: 'Or by hand: Settings → Contacts → Accounts → Add Account → Other → Add CardDAV Account; server {{server}}, user {{user}}.',
        s3: 'iOS sends passwords only over https with a trusted certificate: a plain http server will not work on an iPhone.',
      },
      fastmail: {
        s1: 'Settings → Contacts → Accounts → Add Account → Other → Add CardDAV Account.',
        s2: 'Server: carddav.fastmail.com; user: {{user}}; password: a Fastmail app password with CardDAV access.',
      },
      custom: {
        s1: 'Open the profile below on the iPhone and install it: Settings → Profile Downloaded → Install; enter your password when asked.',
        s2: 'Or by hand: Settings → Contacts → Accounts → Add Account → Other → Add CardDAV Account; server {{server}}, user {{user}}.',
        s3: 'iOS sends passwords only over https with a trusted certificate: a plain http server will not work on an iPhone.',
      },
    },
    android: {
      icloud: {
        s1: 'Android has no iCloud contacts sync of its own: install DAVx⁵ (Play Store or F-Droid) and add an account “with URL and user name”: https://contacts.icloud.com, your Apple ID and an app-specific password.',
      },
      google: {
        s1: 'Nothing to do: the phone’s Google account syncs Google Contacts already (Settings → Accounts → Google → Account sync → Contacts).',
      },
      yandex: {
        s1: 'Install DAVx⁵ (Play Store or F-Droid) and add an account “with URL and user name”: https://carddav.yandex.ru, your Yandex login and the app password.',
      },
      nextcloud: {
        s1: 'Install DAVx⁵ (Play Store or F-Droid) and add an account “with URL and user name”: {{server}}, user {{user}}, the app password; then tick the amoCRM address book.',
      },
      fastmail: {
        s1: 'Install DAVx⁵ (Play Store or F-Droid) and add an account “with URL and user name”: https://carddav.fastmail.com, your Fastmail address and an app password.',
      },
      custom: {
        s1: 'Install DAVx⁵ (Play Store or F-Droid) and add an account “with URL and user name”: {{server}}, user {{user}}, your password; then tick the amoCRM address book.',
      },
    },
  },
};

type Words<T> = { readonly [K in keyof T]: T[K] extends string ? string : Words<T[K]> };
export type CardDavSetupWords = Words<typeof carddavSetupEn>;
