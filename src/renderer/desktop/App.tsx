/** The desktop window: the welcome screen until an account is connected, then the workspace. */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSummary } from '../../shared/api/types';
import { useApi } from './api/context';
import { AccountList } from './components/AccountList';
import { ContactsView } from './components/ContactsView';
import { ErrorNotice } from './components/ErrorNotice';
import { ExportPanel } from './components/ExportPanel';
import { LanguageSwitch } from './components/LanguageSwitch';
import { SyncPanel, useSync } from './components/SyncPanel';
import { Welcome } from './components/Welcome';

export function App() {
  const { t } = useTranslation();
  const api = useApi();
  const [accounts, setAccounts] = useState<readonly AccountSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const sync = useSync(accounts ?? []);

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
      {accounts !== null && accounts.length === 0 && (
        // A freshly connected account is pulled at once: that is what the user came for.
        <Welcome onConnected={(account) => void sync.start(account.id)} />
      )}
      {accounts !== null && accounts.length > 0 && (
        <main className="workspace">
          <aside className="sidebar" aria-label={t('accounts.heading')}>
            <h2>{t('accounts.heading')}</h2>
            <AccountList accounts={accounts} onReconcile={sync.running ? undefined : (id) => void sync.reconcile(id)} />
            <SyncPanel sync={sync} />
            <ExportPanel />
          </aside>
          <ContactsView refreshKey={refreshKey} syncing={sync.running} />
        </main>
      )}
    </div>
  );
}
