/** English text of the settings section (merged into i18n/en.ts). */
export const settingsEn = {
  settings: {
    heading: 'Settings',
    language: {
      legend: 'Language',
      hint: 'The app starts in Russian when the computer’s language is Russian; your choice is remembered.',
    },
    lan: {
      legend: 'This computer’s address in QR codes',
      hint: 'The phone must reach this address over your Wi-Fi. If it cannot, try another one; the choice is remembered for each network.',
      loading: 'Looking for network addresses…',
      kind: { wifi: 'Wi-Fi ({{address}})', cable: 'Cable ({{address}})', network: 'Network ({{address}})' },
      saved: 'Saved: on this network, QR codes use {{address}}.',
    },
    data: {
      heading: 'Data',
      folder: 'Data folder',
      folderHint:
        'The local copy of your contacts, the devices and the history live here. Nothing leaves this computer except to your phone.',
      version: 'Version',
      face: 'Opened',
      faces: { electron: 'as the desktop app', browser: 'in a browser', cli: 'from the command line' },
    },
    about: {
      heading: 'About',
      text: 'amo-phonebook copies the amoCRM or Kommo contacts you may export into a private database on this computer and puts them on your phone, so you see who is calling.',
      privacy: 'Contacts travel to the phone over your own network, encrypted, or as a file you keep.',
    },
  },
};
