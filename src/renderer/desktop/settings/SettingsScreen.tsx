/** Settings: the language, the address in QR codes, where the data lives, and what this app is. */
import { useTranslation } from 'react-i18next';
import { AppInfoSetting } from './AppInfoSetting';
import { LanAddressSetting } from './LanAddressSetting';
import { LanguageSetting } from './LanguageSetting';
import '../sections.css';

export function SettingsScreen() {
  const { t } = useTranslation();
  return (
    <section className="screen" aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('settings.heading')}</h2>
      <LanguageSetting />
      <LanAddressSetting />
      <AppInfoSetting />
      <section className="card" aria-labelledby="about-heading">
        <h3 id="about-heading">{t('settings.about.heading')}</h3>
        <p>{t('settings.about.text')}</p>
        <p className="hint">{t('settings.about.privacy')}</p>
      </section>
    </section>
  );
}
