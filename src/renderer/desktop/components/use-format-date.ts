/** Dates and times as the UI language writes them (not the system's): the screen reads in one language. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export function useFormatDate(): (unixMs: number) => string {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
    return (unixMs: number) => format.format(unixMs);
  }, [language]);
}
