import { useTranslation } from 'react-i18next';
import type { Platform } from '../platform';

/** "Open this page in Safari/Chrome": for in-app browsers and Firefox on iOS. */
export function OpenElsewhereNotice({ platform }: { platform: Platform }) {
  const { t } = useTranslation();
  if (platform.openElsewhere === null) return null;
  const browser = platform.os === 'ios' ? 'Safari' : 'Chrome';
  return (
    <p className="notice">
      {platform.openElsewhere === 'firefox-ios' ? t('openElsewhere.firefoxIos') : t('openElsewhere.inApp', { browser })}
    </p>
  );
}
