/** Export to a device: pick or add a device, write the .vcf, see what was and was not exported. */
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Device, DevicePlatform, ExportResult, TargetPlatform } from '../../../shared/api/types';
import { useApi } from '../api/context';
import { ErrorNotice } from './ErrorNotice';
import { HandoffDialog } from './HandoffDialog';
import { useHandoff } from './use-handoff';

export function ExportPanel() {
  const { t } = useTranslation();
  const api = useApi();
  const [devices, setDevices] = useState<readonly Device[]>([]);
  const [deviceId, setDeviceId] = useState('');
  const [name, setName] = useState('');
  const [platform, setPlatform] = useState<DevicePlatform>('file');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ExportResult | null>(null);
  const [period, setPeriod] = useState('all');
  const [onlyMine, setOnlyMine] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const handoff = useHandoff();
  const device = devices.find((candidate) => candidate.id === deviceId);

  const reload = useCallback(async () => {
    const list = await api.listDevices({});
    setDevices(list);
    setDeviceId((current) => current || list[0]?.id || '');
  }, [api]);

  useEffect(() => {
    reload().catch(setError);
  }, [reload]);

  async function addDevice(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const device = await api.addDevice({ name, platform });
      setName('');
      await reload();
      setDeviceId(device.id);
    } catch (caught) {
      setError(caught);
    }
  }

  async function exportFile() {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      // The period counts only for a device's first export of an account (R4).
      setResult(await api.exportToFile({ deviceId, period, onlyMine }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const platformLabel: Record<TargetPlatform, string> = {
    ios: t('export.platformIos'),
    android: t('export.platformAndroid'),
    file: t('export.platformFile'),
    // Issue 9 widened Device.platform; the CardDAV screens (components/carddav/) bring their own words.
    carddav: 'CardDAV',
  };

  return (
    <section className="export card" aria-labelledby="export-heading">
      <h2 id="export-heading">{t('export.heading')}</h2>
      {devices.length === 0 ? (
        <p className="hint">{t('export.noDevice')}</p>
      ) : (
        <div className="row">
          <label>
            {t('export.device')}
            <select value={deviceId} onChange={(event) => setDeviceId(event.target.value)}>
              {devices.map((device) => (
                <option key={device.id} value={device.id}>
                  {device.name} ({platformLabel[device.platform]})
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('export.period')}
            <select value={period} onChange={(event) => setPeriod(event.target.value)}>
              {(['7d', '30d', '90d', '180d', '365d', 'all'] as const).map((value) => (
                <option key={value} value={value}>
                  {t(`export.periods.${value}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={onlyMine} onChange={(event) => setOnlyMine(event.target.checked)} />
            {t('export.onlyMine')}
          </label>
          <div className="row">
            {device && device.platform !== 'file' && (
              <button
                type="button"
                className="primary"
                disabled={busy || handoff.starting}
                onClick={() => void handoff.start({ deviceId, period, onlyMine, route: 'lan' })}
              >
                {t('export.sendByQr')}
              </button>
            )}
            {device?.platform === 'android' && (
              <button
                type="button"
                disabled={busy || handoff.starting}
                onClick={() => void handoff.start({ deviceId, period, onlyMine, route: 'usb' })}
              >
                {t('export.sendByUsb')}
              </button>
            )}
            <button
              type="button"
              className={device?.platform === 'file' ? 'primary' : undefined}
              disabled={busy || !deviceId}
              onClick={() => void exportFile()}
            >
              {busy ? t('export.exporting') : t('export.exportButton')}
            </button>
          </div>
        </div>
      )}
      <HandoffDialog handoff={handoff} />
      <ErrorNotice error={error} />
      {result && (
        <div className="notice" role="status">
          <p>{t('export.result', { delivered: result.delivered, file: result.file })}</p>
          {result.skippedNoPhone > 0 && (
            <p className="hint">{t('export.skippedNoPhone', { count: result.skippedNoPhone })}</p>
          )}
          {result.skippedByCap > 0 && (
            <p className="hint">{t('export.skippedByCap', { count: result.skippedByCap })}</p>
          )}
        </div>
      )}
      <details>
        <summary>{t('export.addDevice')}</summary>
        <form className="form" onSubmit={(event) => void addDevice(event)}>
          <label>
            {t('export.deviceName')}
            <input
              value={name}
              onChange={(event) => setName(event.target.value)}
              placeholder={t('export.deviceNamePlaceholder')}
              required
              maxLength={100}
            />
          </label>
          <label>
            {t('export.platform')}
            <select value={platform} onChange={(event) => setPlatform(event.target.value as DevicePlatform)}>
              {(['ios', 'android', 'file'] as const).map((value) => (
                <option key={value} value={value}>
                  {platformLabel[value]}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t('export.add')}</button>
        </form>
      </details>
    </section>
  );
}
