/**
 * The desktop window: the welcome screen until an account is connected, then the
 * workspace: accounts and sync on the left with the sections, the chosen section beside.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSummary } from '../../shared/api/types';
import { AccountList } from './accounts/AccountList';
import { SyncPanel, useSync } from './accounts/SyncPanel';
import { useApi } from './api/context';
import { ErrorNotice } from './components/ErrorNotice';
import { LanguageSwitch } from './components/LanguageSwitch';
import { ConsentPrompt } from './connect/ConsentPrompt';
import { Welcome } from './connect/Welcome';
import { ContactsView } from './contacts/ContactsView';
import { DevicesScreen } from './devices/DevicesScreen';
import { HistoryScreen } from './history/HistoryScreen';
import { LookupScreen } from './lookup/LookupScreen';
import { type Section, sections, useSection } from './sections';
import { SettingsScreen } from './settings/SettingsScreen';

export function App() {
  const { t } = useTranslation();
  const api = useApi();
  const [accounts, setAccounts] = useState<readonly AccountSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const [section, go] = useSection();
  /** The address of the account being reconnected ('' when adding a new one). */
  const [reconnecting, setReconnecting] = useState('');
  const sync = useSync(accounts ?? []);
  const arrived = sync.running && sync.progress?.phase === 'contacts' ? sync.progress.contacts : 0;
  const lastShown = useRef(0);

  // While contacts arrive, the list shows them (at most once a second: each refresh is a query),
  // so a first sync never reads "Found: 0" next to "3 000 contacts loaded".
  useEffect(() => {
    if (arrived === 0 || Date.now() - lastShown.current < 1000) return;
    lastShown.current = Date.now();
    setRefreshKey((key) => key + 1);
  }, [arrived]);

  const reload = useCallback(() => {
    api.listAccounts({}).then((list) => {
      setAccounts(list);
      setRefreshKey((key) => key + 1);
    }, setError);
  }, [api]);

  useEffect(() => {
    reload();
    return api.on('accounts:changed', reload);
  }, [api, reload]);

  const connected = (account: AccountSummary) => {
    go('contacts');
    // A freshly connected account is pulled at once: that is what the user came for.
    void sync.start(account.id);
  };

  return (
    <div className="app">
      <header className="app-header">
        <div>
          <span className="app-title">{t('app.title')}</span>
          <span className="hint"> · {t('app.tagline')}</span>
        </div>
        <LanguageSwitch />
      </header>
      <ErrorNotice error={error} />
      <ConsentPrompt />
      {accounts !== null && accounts.length === 0 && <Welcome onConnected={connected} />}
      {accounts !== null && accounts.length > 0 && (
        <div className="workspace">
          <aside className="sidebar">
            {/* The menu and the sync stay in view however far the accounts scroll (a 640-pixel-high window). */}
            <div className="sidebar-top">
              <nav aria-label={t('nav.label')}>
                <ul className="nav">
                  {sections
                    .filter((name): name is Exclude<Section, 'connect'> => name !== 'connect')
                    .map((name) => (
                      <li key={name}>
                        <a
                          href={`#/${name}`}
                          aria-current={section === name ? 'page' : undefined}
                          onClick={(event) => {
                            event.preventDefault();
                            go(name);
                          }}
                        >
                          {t(`nav.${name}`)}
                        </a>
                      </li>
                    ))}
                </ul>
              </nav>
              {/* Sync under the menu: its progress and any failure are in view without scrolling. */}
              <SyncPanel sync={sync} />
            </div>
            <section aria-labelledby="accounts-heading">
              <h2 id="accounts-heading">{t('accounts.heading')}</h2>
              <AccountList
                accounts={accounts}
                onReconcile={sync.running ? undefined : (id) => void sync.reconcile(id)}
                onReconnect={(account) => {
                  setReconnecting(account.baseUrl);
                  go('connect');
                }}
              />
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  setReconnecting('');
                  go('connect');
                }}
              >
                {t('accounts.addAnother')}
              </button>
            </section>
          </aside>
          <main className="section">
            {section === 'contacts' && <ContactsView refreshKey={refreshKey} syncing={sync.running} />}
            {section === 'lookup' && <LookupScreen />}
            {section === 'devices' && <DevicesScreen />}
            {section === 'history' && <HistoryScreen />}
            {section === 'settings' && <SettingsScreen />}
            {section === 'connect' && (
              <Welcome key={reconnecting} onConnected={connected} embedded initialBaseUrl={reconnecting} />
            )}
          </main>
        </div>
      )}
    </div>
  );
}
