/** Removing a device forgets its ledger; the contacts on the phone itself are untouched, and the dialog says so. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Device } from '../../../shared/api/types';
import { useApi } from '../api/context';
import { ErrorNotice } from '../components/ErrorNotice';
import { ConfirmDialog } from './ConfirmDialog';

interface Props {
  readonly device: Device;
  readonly onClose: (removed: boolean) => void;
}

export function RemoveDeviceDialog({ device, onClose }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await api.removeDevice({ deviceId: device.id });
      onClose(true);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <ConfirmDialog
      title={t('devices.removeDialog.heading', { name: device.name })}
      confirmLabel={t('devices.removeDialog.confirm')}
      busy={busy}
      onConfirm={() => void remove()}
      onCancel={() => onClose(false)}
    >
      <p>{t('devices.removeDialog.body')}</p>
      <ErrorNotice error={error} />
    </ConfirmDialog>
  );
}
