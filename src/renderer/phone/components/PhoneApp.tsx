import { useTranslation } from 'react-i18next';
import type { HandoffSession } from '../handoff/client';
import type { Route } from '../handoff/session';
import type { Platform } from '../platform';
import { HandoffScreen } from './HandoffScreen';
import { LanguageSwitch } from './LanguageSwitch';
import { ShareScreen } from './ShareScreen';

export function PhoneApp({
  route,
  session,
  platform,
  forgetFragment,
}: {
  route: Route;
  /** For a handoff route: the session, or null when the key is missing or garbled. */
  session: HandoffSession | null;
  platform: Platform;
  forgetFragment: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <header className="top">
        <span className="brand">amo-phonebook</span>
        <LanguageSwitch />
      </header>
      <main>
        {route.kind === 'share' ? (
          <ShareScreen platform={platform} />
        ) : route.kind === 'handoff' && session !== null ? (
          <HandoffScreen session={session} platform={platform} forgetFragment={forgetFragment} />
        ) : route.kind === 'handoff' ? (
          <p className="problem" role="alert">
            {t('key.missing')}
          </p>
        ) : (
          <section aria-labelledby="home-heading">
            <h1 id="home-heading">{t('home.heading')}</h1>
            <p>{t('home.text')}</p>
          </section>
        )}
      </main>
    </>
  );
}
