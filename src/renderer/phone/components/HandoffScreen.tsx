import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkCode } from '../../../shared/handoff/crypto';
import type { HandoffSession } from '../handoff/client';
import type { HandoffState } from '../handoff/state';
import { useHandoff } from '../handoff/use-handoff';
import type { Platform } from '../platform';
import { ContactsSummary } from './ContactsSummary';
import { ImportControl } from './ImportControl';
import { OpenElsewhereNotice } from './OpenElsewhereNotice';

/** The page for `/p/TOKEN#k=KEY`: the check code, then the transfer, then the import. */
export function HandoffScreen({
  session,
  platform,
  forgetFragment,
}: {
  session: HandoffSession;
  platform: Platform;
  /** Takes the key out of the address bar (it stays in this tab's sessionStorage). */
  forgetFragment: () => void;
}) {
  const { t } = useTranslation();
  const code = useMemo(() => checkCode(session.key, session.token), [session]);
  // In an in-app browser the user should first move to a real one: connecting here would
  // take the handoff (the other browser would be "busy"), and the key must stay in the
  // address so that "Open in browser" carries it.
  const [proceed, setProceed] = useState(platform.openElsewhere === null);
  return (
    <>
      <section className="check" aria-labelledby="check-label">
        <h1 id="check-label">{t('check.label')}</h1>
        <p className="code" data-testid="check-code">
          {code}
        </p>
        <p className="code-hint">{t('check.hint')}</p>
        <p className="hint">{t('check.mismatch')}</p>
      </section>
      {proceed ? (
        <Transfer session={session} platform={platform} forgetFragment={forgetFragment} />
      ) : (
        <section className="import">
          <OpenElsewhereNotice platform={platform} />
          <button type="button" className="button" onClick={() => setProceed(true)}>
            {t('openElsewhere.continue')}
          </button>
        </section>
      )}
    </>
  );
}

function Transfer({
  session,
  platform,
  forgetFragment,
}: {
  session: HandoffSession;
  platform: Platform;
  forgetFragment: () => void;
}) {
  const { t } = useTranslation();
  const { state, retry } = useHandoff(session);
  useEffect(() => forgetFragment(), [forgetFragment]);
  return (
    <>
      <p className="status" role="status" aria-live="polite" aria-label={t('status.label')}>
        {/* After an ending the alert below says what happened; the status line stays quiet. */}
        {state.phase === 'ended' || state.phase === 'lost' ? '' : t(`status.${state.phase}`)}
      </p>
      <Outcome state={state} retry={retry} platform={platform} />
    </>
  );
}

function Outcome({ state, retry, platform }: { state: HandoffState; retry: () => void; platform: Platform }) {
  const { t } = useTranslation();
  switch (state.phase) {
    case 'done':
      return (
        <>
          {/* The one thing to do comes first, above a list that can be long. */}
          <ImportControl
            vcard={state.received.vcard}
            fileName={state.received.meta.fileName}
            count={state.received.meta.count}
            platform={platform}
          />
          <ContactsSummary
            count={state.received.meta.count}
            names={state.received.meta.names}
            accounts={state.received.meta.accounts}
          />
        </>
      );
    case 'ended':
      return (
        <p className="problem" role="alert" data-ending={state.ending}>
          {t(`ending.${state.ending}`)}
        </p>
      );
    case 'lost':
      return (
        <div className="problem" role="alert">
          <p>{t('lost.message')}</p>
          <p className="hint">{t('lost.hint')}</p>
          <button type="button" className="button primary" onClick={retry}>
            {t('lost.retry')}
          </button>
        </div>
      );
    default:
      return null;
  }
}
