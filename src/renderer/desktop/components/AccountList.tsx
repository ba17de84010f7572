/** The connected accounts with their counts and last sync time. */
import { useTranslation } from 'react-i18next';
import type { AccountSummary } from '../../../shared/api/types';

interface Props {
  readonly accounts: readonly AccountSummary[];
  /** Runs the id reconciliation for one account; absent while something else runs. */
  readonly onReconcile?: ((accountId: number) => void) | undefined;
}

export function AccountList({ accounts, onReconcile }: Props) {
  const { t, i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <ul className="account-list">
      {accounts.map((account) => (
        <li key={account.id} className="account">
          <div className="account-name">
            {account.name}
            {account.isDemo && <span className="badge">{t('accounts.demoBadge')}</span>}
          </div>
          <div className="hint">{account.subdomain}</div>
          <div className="hint">
            {t('accounts.contacts', { count: account.contactCount, withPhone: account.contactsWithPhone })}
          </div>
          <div className="hint" data-testid="export-right">
            {t(`accounts.right.${account.exportRight}`)}
          </div>
          <div className="hint">
            {account.lastSyncedAt
              ? t('accounts.lastSynced', { when: format.format(account.lastSyncedAt) })
              : t('accounts.neverSynced')}
          </div>
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
        </li>
      ))}
    </ul>
  );
}
