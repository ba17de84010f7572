/** First run: try the demo, or connect an account with a long-lived token. */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSummary } from '../../../shared/api/types';
import { useApi } from '../api/context';
import { ErrorNotice } from './ErrorNotice';

export function Welcome({ onConnected }: { onConnected: (account: AccountSummary) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [busy, setBusy] = useState<'demo' | 'token' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [baseUrl, setBaseUrl] = useState('');
  const [token, setToken] = useState('');

  async function run(kind: 'demo' | 'token', action: () => Promise<AccountSummary>) {
    setBusy(kind);
    setError(null);
    try {
      onConnected(await action());
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  }

  function submitToken(event: FormEvent) {
    event.preventDefault();
    void run('token', () => api.addAccountWithToken({ baseUrl, token }));
  }

  return (
    <main className="welcome">
      <h1>{t('welcome.heading')}</h1>
      <p className="lead">{t('welcome.intro')}</p>
      <ErrorNotice error={error} />
      <section className="card" aria-labelledby="demo-heading">
        <h2 id="demo-heading">{t('welcome.demoHeading')}</h2>
        <p>{t('welcome.demoText')}</p>
        <button
          type="button"
          className="primary"
          disabled={busy !== null}
          onClick={() => void run('demo', () => api.connectDemoAccount({}))}
        >
          {busy === 'demo' ? t('welcome.demoConnecting') : t('welcome.demoButton')}
        </button>
      </section>
      <section className="card" aria-labelledby="token-heading">
        <h2 id="token-heading">{t('welcome.tokenHeading')}</h2>
        <p className="hint">{t('welcome.tokenHelp')}</p>
        <form onSubmit={submitToken} className="form">
          <label>
            {t('welcome.baseUrlLabel')}
            <input
              value={baseUrl}
              onChange={(event) => setBaseUrl(event.target.value)}
              placeholder={t('welcome.baseUrlPlaceholder')}
              required
              autoComplete="url"
              spellCheck={false}
            />
          </label>
          <label>
            {t('welcome.tokenLabel')}
            <input
              value={token}
              onChange={(event) => setToken(event.target.value)}
              type="password"
              required
              autoComplete="off"
              spellCheck={false}
            />
          </label>
          <button type="submit" disabled={busy !== null}>
            {busy === 'token' ? t('welcome.connecting') : t('welcome.connectButton')}
          </button>
        </form>
      </section>
    </main>
  );
}
