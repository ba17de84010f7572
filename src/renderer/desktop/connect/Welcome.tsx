/**
 * Connecting an account: who does what, in the order people need it. The demo first (one
 * button, above the fold), then a colleague's invitation (most people: their administrator set
 * the integration up), then the administrator's own sign-in through the integration, and the
 * other ways (a long-lived token, an authorization code) folded away. The first-run screen, and
 * the "add / reconnect an account" section later (embedded).
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSummary } from '../../../shared/api/types';
import { useApi } from '../api/context';
import { ErrorNotice } from '../components/ErrorNotice';
import { JoinWithInvitation } from './JoinWithInvitation';

type Way = 'oauth' | 'code' | 'token' | 'demo';
type Product = 'amocrm' | 'kommo' | 'custom';

interface Props {
  readonly onConnected: (account: AccountSummary) => void;
  /** Inside the workspace (adding or reconnecting), not the first-run screen. */
  readonly embedded?: boolean;
  /** Reconnecting: the account's address, filled in. */
  readonly initialBaseUrl?: string;
}

export function Welcome({ onConnected, embedded = false, initialBaseUrl = '' }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const [busy, setBusy] = useState<Way | null>(null);
  /** The failure of one way, shown inside that way's card, beside the button just pressed. */
  const [failure, setFailure] = useState<{ way: Way; error: unknown } | null>(null);
  const [baseUrl, setBaseUrl] = useState(initialBaseUrl);
  const [token, setToken] = useState('');
  const [product, setProduct] = useState<Product>('amocrm');
  const [consentBaseUrl, setConsentBaseUrl] = useState('');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [redirectUri, setRedirectUri] = useState('');
  const [code, setCode] = useState('');

  async function run(way: Way, action: () => Promise<AccountSummary>) {
    setBusy(way);
    setFailure(null);
    try {
      onConnected(await action());
    } catch (caught) {
      setFailure({ way, error: caught });
    } finally {
      setBusy(null);
    }
  }

  const submit = (way: Way, action: () => Promise<AccountSummary>) => (event: FormEvent) => {
    event.preventDefault();
    void run(way, action);
  };

  const integrationFields = (
    <>
      <label>
        {t('welcome.clientIdLabel')}
        <input value={clientId} onChange={(e) => setClientId(e.target.value)} required spellCheck={false} />
      </label>
      <label>
        {t('welcome.clientSecretLabel')}
        <input
          value={clientSecret}
          onChange={(e) => setClientSecret(e.target.value)}
          type="password"
          required
          autoComplete="off"
        />
      </label>
      <label>
        {t('welcome.redirectUriLabel')}
        <input
          value={redirectUri}
          onChange={(e) => setRedirectUri(e.target.value)}
          required
          type="url"
          spellCheck={false}
          placeholder="https://example.com/amocrm/callback"
        />
      </label>
    </>
  );

  const errorOf = (way: Way) => <ErrorNotice error={failure?.way === way ? failure.error : null} />;

  const Heading = embedded ? 'h2' : 'h1';
  return (
    <div className={embedded ? 'connect' : 'welcome'}>
      <Heading>{t('welcome.heading')}</Heading>
      <p className="lead">{t('welcome.intro')}</p>
      {!embedded && (
        <section className="card" aria-labelledby="demo-heading">
          <h2 id="demo-heading">{t('welcome.demoHeading')}</h2>
          <p className="hint">{t('welcome.demoText')}</p>
          <button
            type="button"
            className="primary"
            disabled={busy !== null}
            onClick={() => void run('demo', () => api.connectDemoAccount({}))}
          >
            {busy === 'demo' ? t('welcome.demoConnecting') : t('welcome.demoButton')}
          </button>
          {errorOf('demo')}
        </section>
      )}
      <JoinWithInvitation onConnected={onConnected} />

      <section className="card" aria-labelledby="oauth-heading">
        <h2 id="oauth-heading">{t('welcome.oauthHeading')}</h2>
        <p className="hint">{t('welcome.oauthHelp')}</p>
        <ol className="hint steps">
          <li>{t('welcome.adminStep1')}</li>
          <li>{t('welcome.adminStep2')}</li>
          <li>{t('welcome.adminStep3')}</li>
        </ol>
        <form
          className="form"
          onSubmit={submit('oauth', () =>
            api.connectWithOAuth({
              product,
              clientId,
              clientSecret,
              redirectUri,
              ...(product === 'custom' ? { consentBaseUrl } : {}),
            }),
          )}
        >
          <label>
            {t('welcome.productLabel')}
            <select value={product} onChange={(e) => setProduct(e.target.value as Product)}>
              <option value="amocrm">{t('welcome.productAmocrm')}</option>
              <option value="kommo">{t('welcome.productKommo')}</option>
              <option value="custom">{t('welcome.productCustom')}</option>
            </select>
          </label>
          {product === 'custom' && (
            <label>
              {t('welcome.consentSiteLabel')}
              <input
                value={consentBaseUrl}
                onChange={(e) => setConsentBaseUrl(e.target.value)}
                required
                spellCheck={false}
              />
            </label>
          )}
          {integrationFields}
          <button type="submit" className="primary" disabled={busy !== null}>
            {busy === 'oauth' ? t('welcome.signingIn') : t('welcome.oauthButton')}
          </button>
          {errorOf('oauth')}
        </form>
      </section>

      {/* Open when reconnecting: that account may have come in by token. */}
      <details className="card" open={initialBaseUrl !== ''}>
        <summary>{t('welcome.otherWays')}</summary>
        <section aria-labelledby="token-heading">
          <h3 id="token-heading">{t('welcome.tokenHeading')}</h3>
          <p className="hint">{t('welcome.tokenHelp')}</p>
          <form onSubmit={submit('token', () => api.addAccountWithToken({ baseUrl, token }))} className="form">
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
            {errorOf('token')}
          </form>
        </section>
        <section aria-labelledby="code-heading">
          <h3 id="code-heading">{t('welcome.codeHeading')}</h3>
          <p className="hint">{t('welcome.codeHelp')}</p>
          <form
            className="form"
            onSubmit={submit('code', () =>
              api.addAccountWithCode({ baseUrl, clientId, clientSecret, code, redirectUri }),
            )}
          >
            <label>
              {t('welcome.baseUrlLabel')}
              <input value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} required spellCheck={false} />
            </label>
            {integrationFields}
            <label>
              {t('welcome.codeLabel')}
              <input value={code} onChange={(e) => setCode(e.target.value)} required autoComplete="off" />
            </label>
            <button type="submit" disabled={busy !== null}>
              {busy === 'code' ? t('welcome.connecting') : t('welcome.connectButton')}
            </button>
            {errorOf('code')}
          </form>
        </section>
      </details>
    </div>
  );
}
