/**
 * The terminal's own words in English: help, results, progress and the CLI's own refusals.
 * ru.ts has the same keys (the compiler checks). Counts stay plain digits here, as scripts
 * that read the English lines have always seen them; `--json` is the stable contract.
 */
import type { PullSource } from '../../../shared/api/events';
import type { AccountSummary, CardDavProvider, ExportWarning } from '../../../shared/api/types';
import type { ErrorCode, ErrorParams } from '../../../shared/errors';

/** One account in `account list` and after a connect. */
export interface AccountLine {
  readonly id: number;
  readonly name: string;
  readonly demo: string;
  readonly baseUrl: string;
  readonly contacts: number;
  readonly withPhone: number;
  readonly right: string;
  readonly synced: string;
}

/** Where a sync pulls from, when it is not amoCRM as usual (issue 21's team mirror). */
const sourceWordsEn: Readonly<Record<PullSource, string>> = {
  amocrm: '',
  'team-mirror': ' (from the team mirror)',
  'amocrm-instead-of-team-mirror': ' (from amoCRM itself: the team mirror could not be reached)',
};

export const cliEn = {
  help: {
    program: 'Your amoCRM/Kommo contacts on your phone',
    dataDir: "data folder (default: the desktop app's, or $AMO_PHONEBOOK_DATA_DIR)",
    json: 'print one JSON document on stdout',
    helpOption: 'display help for command',
    version: 'output the version number',
    accountId: 'account id',
    deviceId: 'device id',
    sandbox: {
      command: 'run an amoCRM-compatible API server with a generated account, on 127.0.0.1',
      port: 'port to listen on (0 = any free port)',
      contacts: 'number of contacts',
      seed: 'seed of the generated account',
      rateLimit: 'requests per second before 429 (0 = off)',
    },
    account: {
      command: 'connect and manage amoCRM/Kommo accounts',
      add: "connect an account: a long-lived token, an integration's authorization code, or the demo",
      baseUrl: "the account's address, e.g. https://acme.amocrm.ru",
      token:
        "a long-lived token from your private integration (or $AMO_PHONEBOOK_TOKEN). On the command line every user of this computer can read it (ps) and it stays in the shell's history: prefer --token-stdin",
      tokenStdin:
        'read the long-lived token from standard input, the safe way: `account add --base-url URL --token-stdin < token.txt`, or paste it when asked',
      clientIdCode: 'your integration id (with --code)',
      clientSecretCode: 'your integration secret key (with --code; or $AMO_PHONEBOOK_CLIENT_SECRET)',
      code: 'an authorization code (single use, about 20 minutes)',
      redirectUriCode: "your integration's redirect URI (with --code)",
      demo: 'connect the built-in demo account instead',
      connect:
        "connect through amoCRM's sign-in page (OAuth): prints the address to open, then reads the address you were sent back to",
      clientId: 'your integration id',
      clientSecret: 'your integration secret key (or $AMO_PHONEBOOK_CLIENT_SECRET, which no other user can read)',
      redirectUri: "your integration's redirect URI",
      product: 'which sign-in site',
      consentUrl: 'the sign-in site, with --product custom (the sandbox)',
      invite: 'make an invitation for colleagues: the account address and the integration, never a token',
      inviteOut: 'also save it as a file with the steps for the colleague',
      inviteClientId: 'the integration id (an account connected with a long-lived token)',
      inviteClientSecret: 'the integration secret key (the same)',
      inviteRedirectUri: "the integration's redirect URI (the same)",
      join: "connect an account through a colleague's invitation, signing in to amoCRM as yourself",
      invitation: 'the invitation file (or a file holding the link)',
      list: 'list connected accounts',
      remove: 'disconnect an account and delete its local mirror',
    },
    sync: {
      command: 'pull contacts from every connected account (or one) into the local mirror',
      account: 'only this account',
      reconcile: 'also compare every contact id with the CRM and drop what it no longer shows (slow; needs --account)',
    },
    device: {
      command: 'the phones, files and address-book accounts you export to',
      add: 'add a phone, a file target, or an address-book account on a CardDAV server',
      name: 'a name you will recognise, e.g. "My iPhone"',
      platform: 'what it is',
      provider: 'carddav: who runs the account',
      url: "carddav: the server's address (needed for nextcloud and custom)",
      user: 'carddav: the user name (Apple ID, Yandex login, e-mail...)',
      passwordStdin: 'carddav: read the (app) password from standard input',
      clientId: 'google: the OAuth client id (or $AMO_PHONEBOOK_GOOGLE_CLIENT_ID)',
      clientSecret: 'google: the OAuth client secret (or $AMO_PHONEBOOK_GOOGLE_CLIENT_SECRET)',
      profileOut: 'carddav: save the iPhone configuration profile here',
      setup: "how to make a CardDAV account's contacts appear on the phones",
      setupProfileOut: 'save the iPhone configuration profile here',
      rename: 'rename a device',
      newName: 'the new name',
      remove: 'remove a device and what the app recorded it received (its contacts stay on the phone)',
      list: 'list devices',
    },
    export: {
      command:
        "deliver what a device still lacks as a vCard file (or preview it); `export reset` starts a device's export over",
      device: 'the device to export for (see: device list)',
      account: 'only this account',
      period: 'first export only: 7d, 30d, 90d, 180d, 365d, all, or YYYY-MM-DD',
      onlyMine: 'only contacts where you are the responsible user',
      responsible: 'only contacts of these responsible user ids (comma-separated)',
      format: 'vCard version',
      out: 'the .vcf file to write',
      qr: 'send to a phone on this network: scan the QR code shown here',
      usb: 'send to an Android phone on a USB cable (adb); the serial when several are connected',
      address: "with --qr: this computer's address to put in the QR code",
      dryRun: 'only show what would be exported',
      reset: 'R6: forget what a device received from an account; the next export starts over',
      resetDevice: 'the device',
      resetAccount: 'the account',
    },
    lookup: {
      command: 'find the contacts with a phone number, however either side wrote it',
      phone: 'the number, in any format: "+7 912 345-67-89", "8 (912) 345 67 89", "89123456789"...',
    },
    startFresh: 'keep a damaged local database aside (renamed beside it, never deleted) and start with an empty one',
    serve: {
      command: 'serve the desktop UI and its API on 127.0.0.1 for a browser on this computer',
      port: 'port (0 = any free port)',
      open: 'open the address in your browser',
      team: 'also serve this account to the team on the office network (a team mirror), until stopped',
      teamAddress: "the office network address to serve the team on (default: the phone handoff's)",
      teamPort: 'the port for the team (default: any free one; keep one fixed so invitations stay valid)',
      syncEvery: 'with --team: sync the account every this many seconds',
    },
  },
  /** Commander's own headings and refusals: English as commander writes them. */
  commander: {
    titles: {} as Readonly<Record<string, string>>,
    /** An option's "(choices: …, default: …)" after its description. */
    details: (text: string) => text,
    error: (line: string) => line,
  },
  /** A failure's line, before the code's words: the CLI's `INVALID_INPUT` reads as a usage error. */
  failure: {
    invalidInput: '{{message}}',
    /**
     * The core's refusals a terminal user meets most, from their code and params, where the
     * shared words for the code alone would be too vague; null for the rest.
     */
    known: (_code: ErrorCode, _params: ErrorParams): string | null => null,
    unexpected: (message: string) => message,
  },
  wholeNumber: (name: string, value: string) => `${name} must be a whole number, got "${value}"`,
  account: {
    rights: {
      all: 'all contacts',
      group: "your group's contacts",
      responsible: 'only contacts you are responsible for',
      denied: 'denied: ask your administrator for the contacts export right',
      unknown: 'unknown (only admins can read rights): only contacts you are responsible for',
    } satisfies Record<AccountSummary['exportRight'], string>,
    never: 'never',
    demo: ' [demo]',
    line: (a: AccountLine) =>
      `${a.id}  ${a.name}${a.demo}  ${a.baseUrl}  contacts: ${a.contacts} (with phone: ${a.withPhone})  export: ${a.right}  synced: ${a.synced}`,
    addNeeds:
      'account add needs --base-url with --token, or --base-url with --client-id, --client-secret, --code and --redirect-uri (or --demo)',
    connected: (line: string) => `Connected: ${line}`,
    tokenPrompt: 'Paste the long-lived token and press Enter (it is not shown): ',
    tokenStdinEmpty: '--token-stdin read no token from standard input',
    tokenTwice: 'Give the token one way: --token, --token-stdin or $AMO_PHONEBOOK_TOKEN',
    invitationUnreadable: (path: string, reason: string) => `Cannot read the invitation file ${path}: ${reason}`,
    invitationFile: (made: { accountName: string; host: string; invitedBy: string | null }) => [
      `amo-phonebook: an invitation to the amoCRM account ${made.accountName} (${made.host})`,
      ...(made.invitedBy ? [`From: ${made.invitedBy}`] : []),
      '',
      'What to do:',
      '1. Install amo-phonebook.',
      '2. On its first screen choose "I have an invitation from my administrator" and open this file.',
      '3. Sign in to amoCRM with your own login: you see only the contacts you may export.',
    ],
    invitationFileEnd: 'The invitation holds no password and no sign-in. Send it only to colleagues.',
    invitationMade: [
      'Send it to each colleague. They run `amo-phonebook account join --invitation FILE` (or open it on the',
      "app's first screen) and sign in to amoCRM as themselves. It holds no password and no token.",
    ],
    savedTo: (path: string) => `Saved to ${path}`,
    none: 'No account connected. Add one with `account add --base-url URL --token TOKEN`, or try `account add --demo`.',
    notFound: (id: number) => `No connected account has id ${id}`,
    removed: (id: number) => `Removed account ${id}`,
  },
  consent: {
    open: (url: string, redirectUri: string) =>
      `Open this address in a browser and allow access:\n\n  ${url}\n\nThen paste here the address the browser went to (it starts with ${redirectUri}):\n`,
    nothingPasted: 'No address was pasted',
  },
  sync: {
    reconcileNeedsAccount: 'sync --reconcile needs --account ID',
    reconciled: (r: { accountId: number; checked: number; removed: number; added: number }) =>
      `account ${r.accountId}: ${r.checked} contacts checked, ${r.removed} removed, ${r.added} added`,
    progress: (p: {
      accountId: number;
      pages: number;
      contacts: number;
      requestsPerSecond: number;
      resumed: boolean;
      sharingLimit: boolean;
      source: PullSource;
    }) =>
      `account ${p.accountId}: ${p.resumed ? 'continuing where the last sync stopped, ' : ''}page ${p.pages}, ${p.contacts} contacts, ${p.requestsPerSecond} req/s${p.sharingLimit ? " (slower: colleagues are syncing at the same time and share amoCRM's limit)" : ''}${sourceWordsEn[p.source]}`,
    nothing: 'No account connected: nothing to sync.',
    done: (a: { accountId: number; contacts: number; pages: number; seconds: string }) =>
      `account ${a.accountId}: ${a.contacts} contacts in ${a.pages} pages, ${a.seconds} s`,
  },
  device: {
    line: (d: {
      id: string;
      name: string;
      platform: string;
      carddav: { username: string; serverUrl: string } | null;
    }) => `${d.id}  ${d.name}  (${d.platform}${d.carddav ? `: ${d.carddav.username} at ${d.carddav.serverUrl}` : ''})`,
    passwordPrompt: 'Password (app password), then Enter and Ctrl+D: ',
    noPassword: 'No password came on standard input',
    onIphone: 'On an iPhone:',
    onAndroid: 'On Android:',
    appPassword: (hint: string) => `App password: ${hint}.`,
    profileHint: '\n(Save the iPhone profile with --profile-out FILE.mobileconfig.)',
    noProfile: '\nNo iPhone profile for this provider: its own account settings do it.',
    profileSaved: (path: string) =>
      `\nSaved the iPhone profile to ${path}: send it to the iPhone (AirDrop, mail) and open it.`,
    needsName: 'device add needs --name',
    needsUser: 'A CardDAV account needs --user',
    needsPassword: 'Give the password on standard input with --password-stdin',
    needsGoogleClient: 'Google needs an OAuth client id: --client-id or $AMO_PHONEBOOK_GOOGLE_CLIENT_ID',
    googleSignIn: (url: string) => `Sign in with Google in your browser; if it did not open, open:\n${url}\n`,
    added: (line: string) => `Added device ${line}`,
    renamed: (line: string) => `Renamed: ${line}`,
    notFound: (id: string) => `No device has id "${id}"`,
    removed: (id: string) => `Removed device ${id}`,
    none: 'No device yet. Add one with `device add --name NAME --platform ios|android|file|carddav`.',
    provider: (provider: CardDavProvider) => (provider === 'custom' ? 'CardDAV' : provider),
  },
  export: {
    responsibleIds: (value: string) => `--responsible takes user ids separated by commas, got "${value}"`,
    warning: (warning: ExportWarning): string => {
      switch (warning.code) {
        case 'google-limit':
          return `Warning: this device would hold ${warning.total} contacts; Google Contacts keeps at most 25,000 per Google account.`;
        case 'rights-unknown':
          return `Note: amoCRM shows rights only to administrators; from account ${warning.accountId} only contacts you are responsible for are exported.`;
        case 'rights-denied':
          return `Account ${warning.accountId} was left out: your role may not export contacts (ask your administrator for the contacts "Export" right).`;
        case 'provider-limit':
          return `Warning: this account would hold ${warning.total} contacts; ${warning.provider} keeps at most ${warning.limit} per account, and will refuse the rest.`;
        case 'duplicates-on-phone':
          return `Note: ${warning.count} of these contacts are already on the phone and changed since. ${duplicatesEn(warning.platform)}`;
      }
    },
    counts: (p: {
      new: number;
      updated: number;
      skippedNoPhone: number;
      skippedByCap: number;
      skippedByRights: number;
      capRemaining: number | null;
    }) =>
      `new: ${p.new}, updated: ${p.updated}, without a phone: ${p.skippedNoPhone}, over the iPhone limit: ${p.skippedByCap}, outside your rights: ${p.skippedByRights}` +
      (p.capRemaining === null ? '' : `, iPhone slots left: ${p.capRemaining}`),
    leftOut: (p: { accountTotal: number; skippedByFilter: number; skippedByPeriod: number; unchanged: number }) =>
      `of the ${p.accountTotal} contacts in the account(s), also left out: ${p.skippedByFilter} by whose contacts you chose, ${p.skippedByPeriod} not changed in the period, ${p.unchanged} already there`,
    stillPulling:
      'amoCRM is still sending the older contacts: everything this export needs has arrived; the counts of what is left out still grow.',
    ownContactsOnly:
      'Only your own contacts were fetched from amoCRM (your role exports only those): the counts are of your contacts, not of the whole account.',
    wouldExport: (n: number) => `Would export ${n} contacts.`,
    wrote: (n: number, file: string) => `Wrote ${n} contacts to ${file}.`,
    needsDevice: 'export needs --device ID (see: device list)',
    oneRoute: 'Choose one of --out, --qr and --usb',
    phonesTakeVcard3: 'Phones import vCard 3.0: --format vcard4 is for files only',
    needsRoute: 'export needs --out FILE.vcf, --qr or --usb (or --dry-run)',
    resetNeeds: 'export reset needs --device ID and --account ID',
    resetCardDav: (r: { accountId: number; deviceId: string; removed: number }) =>
      `The export of account ${r.accountId} to ${r.deviceId} was deleted: ${r.removed} contacts removed from the address-book account (phones syncing it drop them too); the next export starts over.`,
    resetPhone: (r: { accountId: number; deviceId: string; cleared: number; label: string }) =>
      `The export of account ${r.accountId} to ${r.deviceId} was deleted (${r.cleared} contacts forgotten). ` +
      `On the phone, the exported contacts carry the label "${r.label}": select that label (group) and delete them there; the next export starts over.`,
  },
  carddav: {
    connecting: (server: string) => `connecting to ${server}…`,
    theServer: 'the server',
    checking: 'checking what the address book has…',
    sending: (done: number, total: number) => `sent ${done} of ${total} contacts`,
    delivered: (r: {
      written: number;
      name: string;
      new: number;
      updated: number;
      requests: number;
      conflicts: number;
    }) =>
      `Delivered ${r.written} contacts to ${r.name} (new: ${r.new}, updated: ${r.updated}; ` +
      `${r.requests} requests${r.conflicts > 0 ? `; ${r.conflicts} edited elsewhere and rewritten` : ''}). ` +
      'Phones syncing this account get them at their next sync.',
    serverChanged: (what: string) => `\nNote: ${what}.`,
    providerLimit: (provider: string, limit: number) =>
      `\nWarning: ${provider} keeps at most ${limit} contacts per account.`,
  },
  handoff: {
    checklist: [
      'No phone has connected yet. Check:',
      '  - the phone is on the same Wi-Fi as this computer (not a guest network; some routers isolate devices: "AP isolation")',
      '  - no VPN is on, on the phone or on this computer (or it allows the local network)',
      '  - the firewall lets this app accept connections (Windows: the network profile must be Private)',
      '  - another address of this computer: see `--address`, or list them with the desktop window',
      '  - or use a USB cable (Android: `export --usb`) or a file (`export --out FILE.vcf`)',
    ],
    scan: (url: string) => `Scan this QR code with the phone's camera, or open: ${url}\n`,
    usbOpening: (serial: string) => `The page is opening on the phone ${serial} (USB).\n`,
    checkCode: (code: string, until: string) =>
      `Check code: ${code} (the phone shows the same). Waiting until ${until}…\n`,
    received: (n: number) => `The phone received ${n} contacts. Import them there (the page shows how).`,
    phoneFailed: 'The phone could not open the contacts (a wrong QR code, or changed on the way). Scan again.\n',
    expired: 'No phone took the contacts in time; nothing was recorded, the next export sends them again',
    cancelled: 'Cancelled; nothing was recorded, the next export sends the same contacts',
    notRecorded: 'The phone received the contacts but they could not be recorded; the next export sends them again',
  },
  lookup: {
    nobody: 'No contact has this number',
    noName: '(no name)',
    account: (id: number) => `account ${id}`,
    last7: 'No contact has exactly this number; these end in the same 7 digits:',
  },
  secrets: {
    inFile: (path: string, why: string) =>
      `No system keychain here (${why}): sign-ins are kept in ${path}, readable only by your user. Set AMO_PHONEBOOK_SECRETS=file to keep them there without this note.`,
    moved: (n: number) => `Moved ${n} saved sign-in(s) into the system keychain; the plain file is gone.`,
    moveFailed: (path: string, why: string) =>
      `Could not move the sign-ins of ${path} into the system keychain (${why}); they stay in the file for now.`,
    keptAside: (path: string, aside: string) =>
      `The saved sign-ins in ${path} could not be read; the file was kept as ${aside}. Connect your accounts again (\`account add\`).`,
  },
  startFresh: {
    damaged: (path: string) =>
      `The local database ${path} is damaged; it was left untouched. Run \`amo-phonebook start-fresh\` to keep it aside and start with an empty one.`,
    keptAside: (aside: string) => [
      `Kept the damaged database as ${aside}.`,
      'The next command starts with an empty one: connect your accounts again (`account add`) and run `sync`.',
      'Phones you exported to are then sent every contact once more: start their export over on the phone first (R6), or expect duplicates to merge.',
    ],
    healthy: 'The local database opens fine: nothing was changed.',
    tooNew: 'The local database was written by a newer version of amo-phonebook: update the app; nothing was changed.',
    none: 'There is no local database here yet: nothing to do.',
  },
  serve: {
    running: (url: string) =>
      `amo-phonebook is running in browser mode. Open this address (it works only on this computer):\n\n  ${url}\n\nPress Ctrl+C to stop.\n`,
    pullingForTeam: (name: string) => `Pulling ${name} before serving it to the team…\n`,
    teamMirror: (url: string, fingerprint: string, seconds: number) =>
      `The team mirror is serving at ${url} (certificate ${fingerprint}), syncing every ${seconds} s.\n`,
    teamInvitation: (link: string) =>
      `Give colleagues this invitation: their apps will pull from this computer instead of amoCRM.\n\n  ${link}\n\n`,
    teamNeedsIntegration:
      'To print the invitation, add --client-id, --client-secret and --redirect-uri (this account was connected with a long-lived token).\n',
    teamSyncFailed: (why: string) => `The team mirror's sync failed (${why}); it tries again at the next turn.\n`,
  },
};

/** What the phone does with a card it already has, and how the person merges the two. */
function duplicatesEn(platform: 'ios' | 'android' | 'file'): string {
  const merge =
    platform === 'ios'
      ? 'On the iPhone, Contacts then shows "Duplicates Found" at the top of the list: tap it and merge them.'
      : platform === 'android'
        ? 'On the phone, open Contacts, then "Merge and fix" (Google Contacts) or your Contacts app\'s "Merge duplicates".'
        : 'At contacts.google.com, open "Merge and fix" and merge them.';
  return `The phone keeps the old card and adds the new one beside it (its import ignores which contact a card is). ${merge} A CardDAV address book updates them in place instead.`;
}

export type CliWords = typeof cliEn;
