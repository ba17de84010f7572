/** Sync with live progress (phase, counts, request rate) and a cancel button (R16). */

import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncProgressEvent } from '../../../shared/api/events';
import type { AccountSummary, SyncAccountResult } from '../../../shared/api/types';
import { AppError } from '../../../shared/errors';
import { useApi } from '../api/context';
import { ErrorNotice } from '../components/ErrorNotice';

export function useSync(accounts: readonly AccountSummary[]) {
  const api = useApi();
  const [progress, setProgress] = useState<SyncProgressEvent | null>(null);
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<SyncOutcome | null>(null);

  useEffect(() => api.on('sync:progress', setProgress), [api]);

  async function run(work: () => Promise<SyncOutcome>) {
    setRunning(true);
    setOutcome(null);
    setProgress(null);
    try {
      setOutcome(await work());
    } catch (error) {
      setOutcome(
        error instanceof AppError && error.code === 'CANCELLED' ? { kind: 'cancelled' } : { kind: 'error', error },
      );
    } finally {
      setRunning(false);
    }
  }

  const start = (accountId?: number) =>
    run(async () => {
      const result = await api.syncAccounts(accountId === undefined ? {} : { accountId });
      const sum = (pick: (account: SyncAccountResult) => number) =>
        result.accounts.reduce((total, account) => total + pick(account), 0);
      return { kind: 'done', changed: sum((account) => account.contacts), deleted: sum((account) => account.deleted) };
    });

  const reconcile = (accountId: number) =>
    run(async () => {
      const { removed, added, checked } = await api.reconcileAccount({ accountId });
      return { kind: 'reconciled', removed, added, checked };
    });

  const nameOf = (id: number) => accounts.find((account) => account.id === id)?.name ?? String(id);
  return { progress, running, outcome, start, reconcile, cancel: () => void api.cancelSync({}), nameOf };
}

type SyncOutcome =
  | { kind: 'done'; changed: number; deleted: number }
  | { kind: 'reconciled'; removed: number; added: number; checked: number }
  | { kind: 'cancelled' }
  | { kind: 'error'; error: unknown };

function progressText(t: TFunction, sync: ReturnType<typeof useSync>): string {
  const { progress } = sync;
  if (!progress) return t('sync.phaseAccount', { name: '' });
  const name = sync.nameOf(progress.accountId);
  switch (progress.phase) {
    case 'contacts':
      // Pages and request rates are the engine's words, not a sales manager's: how many arrived.
      return progress.resumed
        ? t('sync.phaseResumed', { name, count: progress.contacts })
        : t('sync.phaseContacts', { name, count: progress.contacts });
    case 'deletions':
      return t('sync.phaseDeletions', { name });
    case 'reconcile':
      return t('sync.phaseReconcile', { name, count: progress.contacts });
    default:
      return t('sync.phaseAccount', { name });
  }
}

export function SyncPanel({ sync }: { sync: ReturnType<typeof useSync> }) {
  const { t } = useTranslation();
  const { running, outcome } = sync;
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
          <span>{progressText(t, sync)}</span>
          {sync.progress?.sharingLimit && <span className="hint">{t('sync.sharingLimit')}</span>}
          {sync.progress?.source === 'team-mirror' && <span className="hint">{t('sync.fromTeamMirror')}</span>}
          {sync.progress?.source === 'amocrm-instead-of-team-mirror' && (
            <span className="hint" data-testid="team-mirror-unreachable">
              {t('sync.teamMirrorUnreachable')}
            </span>
          )}
        </div>
      )}
      {!running && outcome?.kind === 'done' && (
        <p className="notice" role="status">
          {t('sync.done', { changed: outcome.changed, deleted: outcome.deleted })}
        </p>
      )}
      {!running && outcome?.kind === 'reconciled' && (
        <p className="notice" role="status">
          {t('sync.reconciled', { checked: outcome.checked, removed: outcome.removed, added: outcome.added })}
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
