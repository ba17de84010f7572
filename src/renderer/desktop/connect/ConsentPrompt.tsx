/**
 * amoCRM's sign-in page, when the app cannot open a window of its own (browser mode): a
 * link that opens it in a new tab, and a field for the address amoCRM sends the browser
 * to afterwards (the same steps as the command line's `account connect`).
 */
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OAuthConsentEvent } from '../../../shared/api/events';
import { useApi } from '../api/context';

export function ConsentPrompt() {
  const { t } = useTranslation();
  const api = useApi();
  const [request, setRequest] = useState<OAuthConsentEvent | null>(null);
  const [redirectedTo, setRedirectedTo] = useState('');

  useEffect(
    () =>
      api.on('oauth:consent', (event) => {
        setRedirectedTo('');
        setRequest(event);
      }),
    [api],
  );

  if (!request) return null;
  const finish = (value: string | undefined) => {
    void api.completeOAuthConsent({
      requestId: request.requestId,
      ...(value === undefined ? {} : { redirectedTo: value }),
    });
    setRequest(null);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    finish(redirectedTo);
  };

  return (
    <div className="dialog-backdrop">
      <div className="dialog card" role="dialog" aria-modal="true" aria-labelledby="consent-heading">
        <h2 id="consent-heading">{t('consent.heading')}</h2>
        <ol>
          <li>
            <a href={request.url} target="_blank" rel="noopener noreferrer">
              {t('consent.open')}
            </a>
          </li>
          <li>{t('consent.allow')}</li>
          <li>{t('consent.paste', { redirectUri: request.redirectUri })}</li>
        </ol>
        <form className="form" onSubmit={submit}>
          <label>
            {t('consent.label')}
            <input
              value={redirectedTo}
              onChange={(event) => setRedirectedTo(event.target.value)}
              required
              spellCheck={false}
              autoComplete="off"
            />
          </label>
          <div className="row">
            <button type="submit" className="primary">
              {t('consent.continue')}
            </button>
            <button type="button" onClick={() => finish(undefined)}>
              {t('consent.cancel')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
