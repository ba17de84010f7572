/**
 * The words for each error code, in English: the window shows them (i18n errors.*) and the CLI
 * prints them, so a failure reads the same in both. `{{name}}` takes the error's params.
 */
export const errorWordsEn = {
  INVALID_INPUT: 'Something in the form is not right: {{message}}',
  INVALID_URL: 'That address does not look right. Use your account address, like acme.amocrm.ru.',
  INSECURE_URL: 'That address uses http:// without encryption. Use https:// so your token stays private.',
  NETWORK_UNREACHABLE: 'Cannot reach {{host}}. Check the address and your internet connection.',
  TIMEOUT: '{{host}} did not answer in time. Try again in a minute.',
  AUTH_REJECTED:
    'amoCRM did not accept the access key. It may be mistyped, expired or revoked: ask your administrator for a new one and connect again.',
  FORBIDDEN: 'amoCRM does not allow this for your user. Ask your account administrator.',
  ACCOUNT_BLOCKED:
    'amoCRM has blocked API access from this computer, usually after too many requests. Contact amoCRM support to lift the block.',
  ACCOUNT_UNAVAILABLE: 'The amoCRM account is unavailable; its paid period may have ended.',
  RATE_LIMITED: 'amoCRM is busy and asked us to slow down. Wait a few minutes and try again.',
  SERVER_ERROR: 'amoCRM had a problem on its side. Try again later.',
  BAD_RESPONSE: 'The answer from {{host}} did not look like amoCRM. Check the address.',
  NOT_FOUND: 'Not found: {{message}}',
  EXPORT_DENIED:
    'Your amoCRM role may not export contacts. Ask your account administrator for the contacts "Export" right.',
  BUSY: 'A sync is already running. Wait for it to finish.',
  CANCELLED: 'Cancelled.',
  DB_CORRUPT:
    'The local database is damaged. It was left untouched. Start the app again: it offers to keep the file aside and begin with an empty one (in a terminal: amo-phonebook start-fresh).',
  DB_TOO_NEW: 'The local database was written by a newer version of the app. Please update the app.',
  OUTPUT_NOT_WRITABLE: 'The file could not be written: {{message}}',
  UI_NOT_BUILT: 'The window is not built yet.',
  PAGE_EXPIRED:
    'This page belongs to an earlier start of the app. Open the address the app printed in the terminal, or start the app again.',
  NO_LAN_ADDRESS:
    'This computer is not on a local network a phone could reach. Connect to Wi-Fi, or send the contacts by USB cable or as a file.',
  NOTHING_TO_EXPORT: 'Nothing new to send: this phone already has every contact of this export.',
  ADB_MISSING:
    'To send over a USB cable, install Android platform tools (adb). On Debian or Ubuntu: sudo apt install adb.',
  ADB_FAILED: 'The USB connection to the phone failed: {{message}}',
  USB_NO_DEVICE: 'No phone found on USB. Connect it with a cable and turn on USB debugging in Developer options.',
  USB_UNAUTHORIZED: 'Unlock the phone and accept the "Allow USB debugging?" prompt for this computer.',
  USB_NO_PERMISSIONS:
    'This computer may not talk to the phone over USB. On Linux, add your user to the plugdev group and set up udev rules for Android.',
  USB_NOT_READY: 'The phone is not ready yet. Unplug it, plug it in again, and unlock it.',
  USB_MANY_DEVICES: 'Several phones are connected. Choose one.',
  CARDDAV_AUTH_REJECTED:
    '{{host}} did not accept the user name and password. Use an app password made for this app (not your main password), and check the user name.',
  CARDDAV_UNREACHABLE:
    'Cannot reach the address-book server {{host}}. Check the address and the internet connection; nothing was lost, export again when it is back.',
  CARDDAV_NOT_CARDDAV:
    '{{host}} does not look like an address-book (CardDAV) server. Check the address, or choose your provider from the list.',
  CARDDAV_REFUSED:
    '{{host}} refused a contact (error {{status}}). The contacts already sent are kept; export again later, and tell us if it keeps happening.',
  CARDDAV_BUSY: '{{host}} is busy and asked us to slow down. Nothing was lost: export again in a few minutes.',
  CARDDAV_CONFLICT:
    'A contact keeps changing on {{host}} while we write it (is another app syncing it?). Export again in a minute.',
  INVITATION_INVALID_none:
    'This is not an amo-phonebook invitation. Ask your administrator for the invitation file or link.',
  INVITATION_INVALID:
    'The invitation is incomplete or damaged. Ask your administrator to send it again, best as a file.',
  INVITATION_INVALID_otherVersion:
    'The invitation was made by a newer amo-phonebook. Update the app and open it again.',
  INVITATION_OTHER_ACCOUNT:
    'You signed in to {{signedIn}}, but the invitation is for {{expected}}. Sign in again and choose {{expected}} on the amoCRM page.',
  TEAM_MIRROR_UNTRUSTED:
    'The computer at {{host}} is not your team mirror (it showed another certificate), so nothing was sent to it. Contacts come from amoCRM itself for now; ask your administrator for a new invitation.',
  OAUTH_FAILED: 'Google sign-in did not finish: {{message}}',
  INTERNAL: 'Something went wrong inside the app. Try again; if it keeps happening, tell us.',
  unknown: 'Something went wrong. Try again.',
};

/** Every code has words, and the invitation's two contexts (i18next `context`). */
export type ErrorWords = Readonly<Record<keyof typeof errorWordsEn, string>>;
