/**
 * i18next for the phone page, namespace "phone": Russian when the phone's first language
 * is Russian, else English; the choice from the switch is remembered (localStorage).
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { ru } from './ru';

export type Language = 'ru' | 'en';
export const phoneNamespace = 'phone';
const storageKey = 'amo-phonebook.phone-language';

export function preferredLanguage(saved: string | null, systemLanguages: readonly string[]): Language {
  if (saved === 'ru' || saved === 'en') return saved;
  const first = systemLanguages[0]?.toLowerCase() ?? '';
  return first.startsWith('ru') ? 'ru' : 'en';
}

export async function setUpI18n(): Promise<typeof i18n> {
  await i18n.use(initReactI18next).init({
    resources: { en: { [phoneNamespace]: en }, ru: { [phoneNamespace]: ru } },
    ns: [phoneNamespace],
    defaultNS: phoneNamespace,
    lng: preferredLanguage(readSaved(), navigator.languages?.length ? navigator.languages : [navigator.language]),
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const apply = (language: string) => {
    document.documentElement.lang = language;
    document.title = i18n.t('app.title', { ns: phoneNamespace });
  };
  apply(i18n.language);
  i18n.on('languageChanged', (language) => {
    apply(language);
    try {
      localStorage.setItem(storageKey, language);
    } catch {
      // Storage can be off; the language is then not remembered.
    }
  });
  return i18n;
}

function readSaved(): string | null {
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}
