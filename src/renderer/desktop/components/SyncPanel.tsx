/** Sync with live progress (phase, counts, request rate) and a cancel button (R16). */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncProgressEvent } from '../../../shared/api/events';
import type { AccountSummary } from '../../../shared/api/types';
import { AppError } from '../../../shared/errors';
import { useApi } from '../api/context';
import { ErrorNotice } from './ErrorNotice';

export function useSync(accounts: readonly AccountSummary[]) {
  const api = useApi();
  const [progress, setProgress] = useState<SyncProgressEvent | null>(null);
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<
    { kind: 'done'; count: number } | { kind: 'cancelled' } | { kind: 'error'; error: unknown } | null
  >(null);

  useEffect(() => api.on('sync:progress', setProgress), [api]);

  async function start(accountId?: number) {
    setRunning(true);
    setOutcome(null);
    setProgress(null);
    try {
      const result = await api.syncAccounts(accountId === undefined ? {} : { accountId });
      setOutcome({ kind: 'done', count: result.accounts.reduce((sum, account) => sum + account.contacts, 0) });
    } catch (error) {
      setOutcome(
        error instanceof AppError && error.code === 'CANCELLED' ? { kind: 'cancelled' } : { kind: 'error', error },
      );
    } finally {
      setRunning(false);
    }
  }

  const nameOf = (id: number) => accounts.find((account) => account.id === id)?.name ?? String(id);
  return { progress, running, outcome, start, cancel: () => void api.cancelSync({}), nameOf };
}

export function SyncPanel({ sync }: { sync: ReturnType<typeof useSync> }) {
  const { t } = useTranslation();
  const { progress, running, outcome } = sync;
  return (
    <div className="sync-panel">
      <div className="row">
        <button type="button" className="primary" onClick={() => void sync.start()} disabled={running}>
          {t('sync.button')}
        </button>
        {running && (
          <button type="button" onClick={sync.cancel}>
            {t('sync.cancel')}
          </button>
        )}
      </div>
      {running && (
        <div className="progress" role="status" aria-live="polite">
          <progress aria-label={t('sync.button')} />
          <span>
            {progress?.phase === 'contacts'
              ? t('sync.phaseContacts', {
                  name: sync.nameOf(progress.accountId),
                  count: progress.contacts,
                  pages: progress.pages,
                  rate: progress.requestsPerSecond,
                })
              : t('sync.phaseAccount', { name: progress ? sync.nameOf(progress.accountId) : '' })}
          </span>
        </div>
      )}
      {!running && outcome?.kind === 'done' && (
        <p className="notice" role="status">
          {t('sync.done', { count: outcome.count })}
        </p>
      )}
      {!running && outcome?.kind === 'cancelled' && (
        <p className="notice" role="status">
          {t('sync.cancelled')}
        </p>
      )}
      {!running && outcome?.kind === 'error' && <ErrorNotice error={outcome.error} />}
    </div>
  );
}
