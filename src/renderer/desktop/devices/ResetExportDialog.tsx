/**
 * Start an export over (R6): after a confirmation the app stops counting what it sent of one
 * account to one device, then shows how to remove those contacts from the phone, which the app
 * cannot reach by itself. A CardDAV account it can reach: the cards are deleted from the
 * server, and the result says how many.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Device, DeviceAccountState, ExportReset } from '../../../shared/api/types';
import { useApi } from '../api/context';
import { targetHost } from '../components/carddav-providers';
import { ErrorNotice } from '../components/ErrorNotice';
import { ModalDialog } from '../components/ModalDialog';
import { ConfirmDialog } from './ConfirmDialog';
import { RemovalSteps } from './RemovalSteps';

interface Props {
  readonly device: Device;
  readonly account: DeviceAccountState;
  readonly onClose: (reset: boolean) => void;
}

export function ResetExportDialog({ device, account, onClose }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<ExportReset | null>(null);

  async function reset() {
    setBusy(true);
    setError(null);
    try {
      setResult(await api.resetExport({ deviceId: device.id, accountId: account.accountId }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  if (result) return <ResetDone device={device} account={account} result={result} onClose={() => onClose(true)} />;
  const names = { account: account.accountName, device: device.name };
  return (
    <ConfirmDialog
      title={t('devices.reset.heading', names)}
      confirmLabel={t('devices.reset.confirm')}
      busy={busy}
      onConfirm={() => void reset()}
      onCancel={() => onClose(false)}
    >
      <p>
        {device.carddav
          ? t('devices.reset.carddavBody', { count: account.contacts, host: targetHost(device.carddav) })
          : t('devices.reset.body', { count: account.contacts })}
      </p>
      <ErrorNotice error={error} />
    </ConfirmDialog>
  );
}

function ResetDone({
  device,
  account,
  result,
  onClose,
}: {
  readonly device: Device;
  readonly account: DeviceAccountState;
  readonly result: ExportReset;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <ModalDialog
      title={
        result.serverRemoved !== null
          ? t('devices.reset.doneServer', { count: result.serverRemoved })
          : t('devices.reset.done', { count: result.cleared, account: account.accountName, device: device.name })
      }
      titleProps={{ className: 'notice', role: 'status' }}
      onEscape={onClose}
    >
      <RemovalSteps platform={device.platform} label={result.label} />
      <div className="row">
        <button type="button" className="primary" ref={close} onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </ModalDialog>
  );
}
