/**
 * Step 3 for a CardDAV account: no QR code, cable or file; the contacts are written into
 * the address book on its server (exportToCardDav), with the server's progress as it
 * confirms each card (carddav:progress), then what was sent. A failure says why in words;
 * what the server confirmed is kept, so sending again continues.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CardDavProgressEvent } from '../../../shared/api/events';
import type { CardDavExportResult, CardDavTarget, Device } from '../../../shared/api/types';
import { useApi } from '../api/context';
import { targetHost } from '../components/carddav-providers';
import { ErrorNotice } from '../components/ErrorNotice';
import type { ExportSelection } from './selection';

interface Props {
  readonly device: Device;
  readonly target: CardDavTarget;
  readonly selection: ExportSelection;
  readonly onBusy: (busy: boolean) => void;
  readonly onDone: (result: CardDavExportResult) => void;
}

export function CardDavDelivery({ device, target, selection, onBusy, onDone }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<CardDavProgressEvent | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(
    () =>
      api.on('carddav:progress', (event) => {
        if (event.deviceId === device.id) setProgress(event);
      }),
    [api, device.id],
  );

  async function send() {
    setBusy(true);
    onBusy(true);
    setError(null);
    setProgress(null);
    try {
      onDone(await api.exportToCardDav(selection));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
      onBusy(false);
    }
  }

  const counting = progress !== null && progress.total > 0 && progress.phase !== 'connecting';
  return (
    <div className="route">
      <button
        type="button"
        className="primary"
        disabled={busy}
        aria-describedby="route-carddav-hint"
        onClick={() => void send()}
      >
        {t('wizard.delivery.carddav')}
      </button>
      <p className="hint" id="route-carddav-hint">
        {t('wizard.delivery.carddavHint', { host: targetHost(target) })}
      </p>
      {busy && (
        <div className="progress" data-testid="carddav-progress">
          <p role="status">{t(`wizard.delivery.carddavPhase.${progress?.phase ?? 'connecting'}`)}</p>
          {counting ? (
            <progress aria-label={t('wizard.delivery.carddavProgress')} value={progress.done} max={progress.total} />
          ) : (
            <progress aria-label={t('wizard.delivery.carddavProgress')} />
          )}
          {counting && (
            <span className="hint" data-testid="carddav-count">
              {t('wizard.delivery.carddavCount', { done: progress.done, total: progress.total })}
            </span>
          )}
        </div>
      )}
      <ErrorNotice error={error} />
    </div>
  );
}

export function CardDavResult({ device, result }: { device: Device; result: CardDavExportResult }) {
  const { t } = useTranslation();
  return (
    <div className="notice" role="status" data-testid="carddav-result">
      <p>{t('wizard.delivery.carddavDone', { count: result.written, name: device.name })}</p>
      <p className="hint">
        {t('wizard.delivery.carddavCounts', {
          new: result.new,
          updated: result.updated,
          conflicts: result.conflicts,
          requests: result.requests,
        })}
      </p>
      {result.books.length > 0 && (
        <p className="hint">{t('wizard.delivery.carddavBooks', { books: result.books.join(', ') })}</p>
      )}
    </div>
  );
}
