/**
 * English UI text: the window's own (title, sections, shared words, errors) and each
 * section's (its folder's strings-en.ts). Russian (ru.ts) must have exactly the same keys: the compiler checks.
 */

import { errorWordsEn } from '../../../shared/words/error-words-en';
import { accountsEn } from '../accounts/strings-en';
import { connectEn } from '../connect/strings-en';
import { contactsEn } from '../contacts/strings-en';
import { devicesEn } from '../devices/strings-en';
import { exportEn } from '../export/strings-en';
import { historyEn } from '../history/strings-en';
import { lookupEn } from '../lookup/strings-en';
import { settingsEn } from '../settings/strings-en';
import type { Widen } from './widen';

export const en = {
  ...lookupEn,
  ...connectEn,
  ...accountsEn,
  ...contactsEn,
  ...exportEn,
  ...devicesEn,
  ...historyEn,
  ...settingsEn,
  app: { title: 'amo-phonebook', tagline: 'Your amoCRM contacts on your phone' },
  language: { label: 'Language', ru: 'Русский', en: 'English' },
  nav: {
    label: 'Sections',
    contacts: 'Contacts',
    lookup: 'Who is calling?',
    devices: 'Phones and export',
    history: 'History',
    settings: 'Settings',
  },
  common: {
    cancel: 'Cancel',
    close: 'Close',
    back: 'Back',
    save: 'Save',
    working: 'Working…',
    backToDevices: 'Back to devices',
  },
  errors: errorWordsEn,
};

export type Messages = Widen<typeof en>;
