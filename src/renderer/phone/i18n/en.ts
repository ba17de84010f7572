/**
 * The phone page's English text (namespace "phone"). Russian (ru.ts) has the same keys,
 * with Russian's plural forms (_one/_few/_many/_other) where English has _one/_other; a
 * unit test checks both are complete.
 */
export const en = {
  app: {
    title: 'Contacts from amo-phonebook',
  },
  language: { label: 'Language', ru: 'Русский', en: 'English' },
  home: {
    heading: 'Contacts from your computer',
    text: 'Open amo-phonebook on your computer, choose Export → QR code, and scan the code with this phone’s camera.',
  },
  key: {
    missing: 'This page has no key to decrypt the contacts. Scan the QR code again.',
  },
  check: {
    label: 'Check code',
    hint: 'It must match the code on your computer.',
    mismatch: 'If the codes differ, close this page: it was not opened from your computer’s QR code.',
  },
  status: {
    label: 'Status',
    idle: 'Ready.',
    connecting: 'Connecting to your computer…',
    waiting: 'Connected. Waiting for your computer to send the contacts…',
    receiving: 'Receiving the contacts…',
    opening: 'Decrypting the contacts…',
    confirming: 'Telling your computer the contacts arrived…',
    done: 'Contacts received; your computer has noted it.',
  },
  ending: {
    'unknown-token': 'This QR code is no longer valid: show a new one on your computer.',
    busy: 'Another phone is already receiving these contacts.',
    expired: 'This QR code has expired: show a new one on your computer.',
    cancelled: 'The transfer was cancelled on your computer.',
    'rate-limited': 'Too many attempts from this network. Wait a minute, then scan the QR code again.',
    'bad-message': 'Your computer did not understand this page. Reload the page, or update amo-phonebook.',
    'bad-proof': 'Your computer could not confirm that this phone received the contacts. Scan the QR code again.',
    'too-large': 'A message was too large for the connection. Scan the QR code again.',
    decrypt: 'The contacts could not be decrypted. Scan the QR code again.',
    format:
      'The contacts arrived in a form this page cannot read. Update amo-phonebook on your computer and try again.',
  },
  lost: {
    message: 'The connection to the computer was lost.',
    hint: 'Check that the phone is on the same Wi-Fi as the computer, then try again.',
    retry: 'Retry',
  },
  summary: {
    count_one: '{{count, number}} contact',
    count_other: '{{count, number}} contacts',
    from: 'From: {{accounts}}',
    namesLabel: 'Contacts in this transfer',
    more_one: 'and {{count, number}} more',
    more_other: 'and {{count, number}} more',
  },
  import: {
    button: 'Import contacts',
    iosSteps_one: 'Tap Import contacts, then Add contact / Create new contact.',
    iosSteps_other: 'Tap Import contacts, then Add all {{count, number}} contacts / Create new contacts.',
    saveToFiles: 'Save the contacts to Files',
    // Safari's preview of a file shows only its first contact; the Files app adds them all.
    filesSteps: {
      download: 'Tap Save the contacts to Files. If Safari asks, tap Download.',
      open: 'Open the Files app, then Downloads, and tap {{fileName}}.',
      addAll_one: 'Tap Add All {{count, number}} Contact.',
      addAll_other: 'Tap Add All {{count, number}} Contacts.',
      check_one: 'Contacts now has this {{count, number}} contact: search for a name to check.',
      check_other: 'Contacts now has these {{count, number}} contacts: search for a name to check.',
    },
    androidSteps: 'Tap Open on the download, then choose Contacts, then the account to save to.',
    otherSteps: 'Open the downloaded file with your contacts app.',
    duplicates: 'Importing the same contacts again creates duplicates.',
  },
  openElsewhere: {
    inApp:
      'Open this page in {{browser}}: tap the … menu → Open in browser. This app’s own browser cannot add contacts.',
    firefoxIos:
      'Firefox on iPhone cannot add contacts. Open this page in Safari: scan the QR code with the Camera app, or copy this page’s address into Safari.',
    continue: 'Continue here anyway',
  },
  share: {
    heading: 'Shared contacts file',
    loading: 'Reading the shared file…',
    missing: 'No shared file was found. Share a .vcf file to amo-phonebook again.',
    empty: 'This file has no contacts in it.',
  },
} as const;
