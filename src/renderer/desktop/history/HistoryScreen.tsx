/** The history: every export run with its route, outcome, and counts or the reason it did not deliver. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Device } from '../../../shared/api/types';
import { useApi } from '../api/context';
import { ErrorNotice } from '../components/ErrorNotice';
import { RunsTable } from './RunsTable';
import { useExportRuns } from './use-export-runs';
import '../sections.css';

export function HistoryScreen() {
  const { t } = useTranslation();
  const api = useApi();
  const [deviceId, setDeviceId] = useState('');
  const [devices, setDevices] = useState<readonly Device[]>([]);
  const { runs, error, reload } = useExportRuns(deviceId);

  useEffect(() => {
    api.listDevices({}).then(setDevices, () => setDevices([]));
  }, [api]);

  return (
    <section className="screen" aria-labelledby="history-heading">
      <h2 id="history-heading">{t('history.heading')}</h2>
      <p className="hint">{t('history.intro')}</p>
      <div className="row">
        <label>
          {t('history.device')}
          <select value={deviceId} onChange={(event) => setDeviceId(event.target.value)}>
            <option value="">{t('history.allDevices')}</option>
            {devices.map((device) => (
              <option key={device.id} value={device.id}>
                {device.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void reload()}>
          {t('history.refresh')}
        </button>
      </div>
      <ErrorNotice error={error} />
      {runs === null && !error && <p className="hint">{t('history.loading')}</p>}
      {runs?.length === 0 && <p>{t('history.empty')}</p>}
      {runs && runs.length > 0 && <RunsTable runs={runs} />}
    </section>
  );
}
