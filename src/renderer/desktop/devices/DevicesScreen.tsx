/**
 * The devices: what each holds per account (with the iPhone cap), the last run, add,
 * rename, remove, delete an export, and the export wizard for one device.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Device } from '../../../shared/api/types';
import { ErrorNotice } from '../components/ErrorNotice';
import { ExportWizard } from '../export/ExportWizard';
import { AddDeviceForm } from './AddDeviceForm';
import { DeviceCard } from './DeviceCard';
import { useDeviceOverview } from './use-device-overview';
import '../sections.css';

export function DevicesScreen() {
  const { t } = useTranslation();
  const { devices, error, reload } = useDeviceOverview();
  const [exporting, setExporting] = useState<Device | null>(null);
  const [said, setSaid] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const returning = useRef(false);

  // Back from the wizard, the focus lands on the screen's heading rather than on nothing.
  useEffect(() => {
    if (!exporting && returning.current) heading.current?.focus();
    returning.current = exporting !== null;
  }, [exporting]);

  if (exporting) {
    const overview = devices?.find((entry) => entry.device.id === exporting.id);
    return (
      <ExportWizard
        device={exporting}
        exportedAccounts={overview?.accounts.map((state) => state.accountId) ?? []}
        onClose={() => {
          setExporting(null);
          void reload();
        }}
      />
    );
  }

  const changed = async (message?: string) => {
    await reload();
    setSaid(message ?? '');
  };

  return (
    <section className="screen" aria-labelledby="devices-heading">
      <h2 id="devices-heading" ref={heading} tabIndex={-1}>
        {t('devices.heading')}
      </h2>
      <p className="hint">{t('devices.intro')}</p>
      <ErrorNotice error={error} />
      <p role="status" className="hint">
        {said}
      </p>
      {devices === null && !error && <p className="hint">{t('devices.loading')}</p>}
      {devices?.length === 0 && <p>{t('devices.empty')}</p>}
      <div className="device-list">
        {devices?.map((overview) => (
          <DeviceCard
            key={overview.device.id}
            overview={overview}
            onExport={() => setExporting(overview.device)}
            onChanged={changed}
          />
        ))}
      </div>
      <AddDeviceForm onAdded={() => changed()} />
    </section>
  );
}
