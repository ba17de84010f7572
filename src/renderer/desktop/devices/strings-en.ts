/** English text of the phones and export section (merged into i18n/en.ts). */
export const devicesEn = {
  devices: {
    heading: 'Phones and export',
    intro:
      'The phones and files the contacts go to. The app remembers what each one already has, so the next export sends only what is new or changed.',
    loading: 'Loading the devices…',
    empty: 'No devices yet. Add your phone below, or a .vcf file for Google Contacts or any other phone.',
    platform: { ios: 'iPhone', android: 'Android phone', file: '.vcf file', carddav: 'CardDAV address book' },
    nothingYet: 'Nothing has been exported to this device yet.',
    emptyNow: 'No contacts from this app are on this device now: its export was deleted.',
    accountsLabel: 'Contacts on {{name}} by account',
    contacts_one: '{{count, number}} contact from this app',
    contacts_other: '{{count, number}} contacts from this app',
    since: 'On this device since {{first}}',
    lastRun: 'Last export: {{when}}, {{route}}, {{outcome}}.',
    export: 'Export contacts…',
    rename: 'Rename',
    remove: 'Remove',
    deleteExport: 'Start this export over…',
    cap: {
      label: 'iPhone limit for {{account}}',
      text: '{{used, number}} of {{cap, number}} used, {{remaining, number}} left',
      full: 'The limit is reached: newer contacts replace nothing; delete this export to start again with a shorter period.',
    },
    add: {
      heading: 'Add a device',
      name: 'Name',
      namePlaceholder: 'My phone',
      platform: 'Type',
      ios: 'iPhone',
      android: 'Android phone',
      file: '.vcf file (Google Contacts, any phone)',
      carddav: 'CardDAV address book (iCloud, Google, Yandex, Nextcloud, Fastmail, other)',
      submit: 'Add the device',
      added: '“{{name}}” was added.',
      addedCardDav: '“{{name}}” was connected. Its card above shows how to set up the phone.',
    },
    carddav: {
      legend: 'The address-book account',
      intro:
        'The contacts go straight into an address book the phone already syncs: edits arrive in place, nothing is duplicated, and deleting the export removes them everywhere.',
      provider: 'Provider',
      providers: {
        icloud: 'iCloud',
        google: 'Google Contacts',
        yandex: 'Yandex',
        nextcloud: 'Nextcloud',
        fastmail: 'Fastmail',
        custom: 'Other CardDAV server',
      },
      server: 'Server address',
      serverHint: 'The address of your CardDAV server, e.g. https://cloud.example.com/remote.php/dav/',
      fixedServer: 'Server: {{host}}',
      user: 'User name',
      userHint: {
        icloud: 'Your Apple ID (the @icloud.com address).',
        google: 'Your Google address (shown in the device list).',
        yandex: 'Your Yandex login.',
        nextcloud: 'Your Nextcloud user name.',
        fastmail: 'Your Fastmail address.',
        custom: 'Your user name on that server.',
      },
      password: 'App password',
      passwordHint: {
        icloud:
          'Make one at appleid.apple.com → Sign-In and Security → App-Specific Passwords. Your main Apple ID password will not work.',
        google: '',
        yandex: 'Make one at id.yandex.ru → Security → App passwords → “Contacts (CardDAV)”.',
        nextcloud: 'Make one in Nextcloud → Settings → Security → Devices & sessions → Create new app password.',
        fastmail: 'Make one in Fastmail → Settings → Privacy & Security → App passwords (access: CardDAV).',
        custom: 'Your password on that server, or an app password where it has them.',
      },
      googleHint:
        'Google Contacts signs in with your Google account in the browser: no password is typed here. It needs the ID of an OAuth client (a Google Cloud “Desktop app” client).',
      clientId: 'OAuth client ID',
      clientSecret: 'Client secret (if the client has one)',
      connect: 'Connect the address book',
      signInGoogle: 'Sign in with Google',
      connecting: 'Connecting to {{host}} and looking for the address book…',
      waitingGoogle: 'Waiting for you to sign in with Google in the browser…',
      openGoogle: 'The sign-in page did not open? Open it here (a new tab)',
      summary: '{{provider}} · {{user}} · {{host}}',
      bookOwn: 'Address book: “amoCRM …”, one of its own for each amoCRM account.',
      bookShared: 'Address book: the account’s own contacts, each labelled “amoCRM …”.',
      setup: {
        show: 'Set up the phone',
        loading: 'Loading the set-up steps…',
        heading: 'Make the contacts appear on the phone',
        iphone: 'On an iPhone',
        android: 'On Android',
        whereOwn: 'The contacts arrive in an address book called “amoCRM …” (one per amoCRM account).',
        whereShared: 'The contacts arrive among the account’s own contacts, each labelled “amoCRM …”.',
        profile: 'Download the iPhone profile (amoCRM.mobileconfig)',
        profileHint:
          'Send it to the iPhone (AirDrop or e-mail) and open it there. It holds the server and user name, no password: the phone asks for it while installing.',
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
      },
    },
    renameForm: {
      label: 'New name for {{name}}',
    },
    removeDialog: {
      heading: 'Remove “{{name}}”?',
      body: 'The contacts already on the phone stay there: removing the device here only makes the app forget what it sent. Adding it again later starts from scratch.',
      confirm: 'Remove the device',
      removed: '“{{name}}” was removed.',
    },
    reset: {
      heading: 'Start the export of {{account}} to {{device}} over?',
      body_one:
        'The app stops counting the {{count, number}} contact it sent there, and the next export starts over, as a first export. The contact itself stays on the phone until you delete it there: the steps follow.',
      body_other:
        'The app stops counting the {{count, number}} contacts it sent there, and the next export starts over, as a first export. The contacts themselves stay on the phone until you delete them there: the steps follow.',
      confirm: 'Start over',
      done_one: 'Done: the app no longer counts {{count, number}} contact of {{account}} as sent to {{device}}.',
      done_other: 'Done: the app no longer counts {{count, number}} contacts of {{account}} as sent to {{device}}.',
      carddavBody:
        'The {{count, number}} contacts the app sent there will be deleted from the address book on {{host}}, and the phones that sync it drop them too. The next export starts over, as a first export.',
      doneServer_one: '{{count, number}} contact removed from the account; phones that sync it remove it too.',
      doneServer_other: '{{count, number}} contacts removed from the account; phones that sync it remove them too.',
      carddavRemoved:
        'The contacts were deleted from that address book on its server; the phones that sync it follow shortly.',
      stepsHeading: 'Now remove them from the phone',
      ios: {
        s1: 'On the iPhone, open Contacts and tap Lists (top left).',
        s2: 'Open the list or group “{{label}}”.',
        s3: 'Select the contacts (swipe down over them with two fingers), then touch and hold and choose Delete.',
      },
      android: {
        s1: 'On the phone, open Contacts (Google Contacts) and tap Fix & manage, or Labels in the menu.',
        s2: 'Open the label “{{label}}”.',
        s3: 'Tap ⋮ → Select all, then Delete.',
      },
      google: {
        s1: 'On a computer, open contacts.google.com with the account you imported the file into.',
        s2: 'Choose the label “{{label}}” on the left.',
        s3: 'Tick the box above the list to select them all, then ⋮ → Delete.',
      },
      googleHeading: 'If you imported the file into Google Contacts:',
    },
  },
};
