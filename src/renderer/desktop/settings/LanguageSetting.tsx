/**
 * The UI language. i18n/index.ts starts in Russian on a Russian system and remembers a
 * choice made here or in the header's switch: both change the same i18next language.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

const languages = ['ru', 'en'] as const;

export function LanguageSetting() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const current = i18n.resolvedLanguage ?? i18n.language;
  return (
    <fieldset className="card choices" aria-describedby={`${id}-hint`}>
      <legend>{t('settings.language.legend')}</legend>
      {languages.map((language) => (
        <label key={language} className="choice" lang={language}>
          <input
            type="radio"
            name={`${id}-language`}
            value={language}
            checked={current === language}
            onChange={() => void i18n.changeLanguage(language)}
          />
          {t(`language.${language}`)}
        </label>
      ))}
      <p className="hint" id={`${id}-hint`}>
        {t('settings.language.hint')}
      </p>
    </fieldset>
  );
}
