/**
 * The connected accounts: who you are in each, your export right in plain words (R7) and
 * what that means for the export, the counts and last sync, and reconnect / remove.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSummary } from '../../../shared/api/types';
import { useApi } from '../api/context';
import { ErrorNotice } from '../components/ErrorNotice';
import { InviteColleagues } from './InviteColleagues';

interface Props {
  readonly accounts: readonly AccountSummary[];
  /** Runs the id reconciliation for one account; absent while something else runs. */
  readonly onReconcile?: ((accountId: number) => void) | undefined;
  /** Opens the connect screen for this account (a new token or sign-in). */
  readonly onReconnect: (account: AccountSummary) => void;
}

export function AccountList({ accounts, onReconcile, onReconnect }: Props) {
  return (
    <ul className="account-list">
      {accounts.map((account) => (
        <AccountItem key={account.id} account={account} onReconcile={onReconcile} onReconnect={onReconnect} />
      ))}
    </ul>
  );
}

function AccountItem({ account, onReconcile, onReconnect }: { account: AccountSummary } & Omit<Props, 'accounts'>) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [confirming, setConfirming] = useState(false);
  const [inviting, setInviting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  async function remove() {
    setError(null);
    try {
      // The list refreshes itself on the accounts:changed event.
      await api.removeAccount({ accountId: account.id });
    } catch (caught) {
      setError(caught);
    }
  }

  return (
    <li className="account" aria-label={account.name}>
      <div className="account-name">
        {account.name}
        {account.isDemo && <span className="badge">{t('accounts.demoBadge')}</span>}
      </div>
      {/* The address people type, not amoCRM's internal subdomain; the demo has none worth showing. */}
      {!account.isDemo && <div className="hint">{new URL(account.baseUrl).host}</div>}
      <div className="hint">
        {account.currentUserName ? t('accounts.you', { name: account.currentUserName }) : t('accounts.youUnnamed')}
      </div>
      <div className="hint">
        {t('accounts.contacts', { count: account.contactCount, withPhone: account.contactsWithPhone })}
      </div>
      <div className="hint" data-testid="export-right">
        {t(`accounts.right.${account.exportRight}`)}
      </div>
      <div className="hint">{t('accounts.scope')}</div>
      <div className="hint">
        {account.lastSyncedAt
          ? t('accounts.lastSynced', { when: format.format(account.lastSyncedAt) })
          : account.contactCount > 0
            ? // A first sync stopped halfway holds contacts: "not synced yet" would contradict the count above.
              t('accounts.syncUnfinished', { count: account.contactCount })
            : t('accounts.neverSynced')}
      </div>
      <div className="row account-actions">
        {account.lastSyncedAt && (
          <button
            type="button"
            className="link-button"
            disabled={!onReconcile}
            title={t('sync.reconcileHint')}
            onClick={() => onReconcile?.(account.id)}
          >
            {t('sync.reconcile')}
          </button>
        )}
        {!account.isDemo && (
          <button type="button" className="link-button" onClick={() => setInviting(true)}>
            {t('invite.open')}
          </button>
        )}
        {!account.isDemo && (
          <button type="button" className="link-button" onClick={() => onReconnect(account)}>
            {t('accounts.reconnect')}
          </button>
        )}
        <button type="button" className="link-button" onClick={() => setConfirming(true)}>
          {t('accounts.remove')}
        </button>
      </div>
      {confirming && (
        <div className="notice" role="alertdialog" aria-labelledby={`remove-${account.id}`}>
          <p id={`remove-${account.id}`}>{t('accounts.removeConfirm', { name: account.name })}</p>
          <div className="row">
            <button type="button" className="danger" onClick={() => void remove()}>
              {t('accounts.removeYes')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('accounts.removeNo')}
            </button>
          </div>
        </div>
      )}
      {inviting && <InviteColleagues account={account} onClose={() => setInviting(false)} />}
      <ErrorNotice error={error} />
    </li>
  );
}
