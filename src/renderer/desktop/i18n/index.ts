/** i18next set up for the desktop UI: Russian first when the system speaks Russian. */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { ru } from './ru';

export type Language = 'ru' | 'en';
const storageKey = 'amo-phonebook.language';

export function preferredLanguage(saved: string | null, systemLanguages: readonly string[]): Language {
  if (saved === 'ru' || saved === 'en') return saved;
  const first = systemLanguages[0]?.toLowerCase() ?? '';
  return first.startsWith('ru') ? 'ru' : 'en';
}

export async function setUpI18n(): Promise<typeof i18n> {
  const saved = safeStorageGet(storageKey);
  await i18n.use(initReactI18next).init({
    resources: { en: { translation: en }, ru: { translation: ru } },
    lng: preferredLanguage(saved, navigator.languages ?? [navigator.language]),
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = i18n.language;
  i18n.on('languageChanged', (language) => {
    document.documentElement.lang = language;
    safeStorageSet(storageKey, language);
  });
  return i18n;
}

function safeStorageGet(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function safeStorageSet(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Storage can be disabled; the language then simply is not remembered.
  }
}
