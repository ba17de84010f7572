/** One device: what it holds per account, its last run, and what can be done with it (a CardDAV account: where it lives, and the phone set-up). */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceAccountState, DeviceOverview } from '../../../shared/api/types';
import { useFormatDate } from '../components/use-format-date';
import { AccountStateItem } from './AccountStateItem';
import { CardDavSetupPanel, CardDavSummary } from './CardDavSetupPanel';
import { RemoveDeviceDialog } from './RemoveDeviceDialog';
import { RenameDeviceForm } from './RenameDeviceForm';
import { ResetExportDialog } from './ResetExportDialog';

interface Props {
  readonly overview: DeviceOverview;
  readonly onExport: () => void;
  /** After a change: reload, and say what happened when it is not visible (a removed card). */
  readonly onChanged: (said?: string) => Promise<void>;
}

export function DeviceCard({ overview, onExport, onChanged }: Props) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const id = useId();
  const { device, accounts, lastRun } = overview;
  const [renaming, setRenaming] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [resetting, setResetting] = useState<DeviceAccountState | null>(null);

  return (
    <article className="card device" aria-labelledby={`${id}-name`}>
      <h3 id={`${id}-name`}>
        {device.name} <span className="badge">{t(`devices.platform.${device.platform}`)}</span>
      </h3>
      {device.carddav && <CardDavSummary target={device.carddav} />}
      {accounts.length === 0 ? (
        // After an export was deleted the history still has its run: "nothing yet" would contradict it.
        <p className="hint">{lastRun ? t('devices.emptyNow') : t('devices.nothingYet')}</p>
      ) : (
        <ul className="account-states" aria-label={t('devices.accountsLabel', { name: device.name })}>
          {accounts.map((state) => (
            <AccountStateItem
              key={state.accountId}
              device={device}
              state={state}
              onDeleteExport={() => setResetting(state)}
            />
          ))}
        </ul>
      )}
      {lastRun && (
        <p className="hint" data-testid="last-run">
          {t('devices.lastRun', {
            when: formatDate(lastRun.finishedAt),
            route: t(`history.route.${lastRun.delivery}`),
            outcome: t(`history.outcome.${lastRun.outcome}`).toLowerCase(),
          })}
        </p>
      )}
      {device.carddav && <CardDavSetupPanel device={device} target={device.carddav} />}
      {renaming ? (
        <RenameDeviceForm
          device={device}
          onDone={(renamed) => {
            setRenaming(false);
            if (renamed) void onChanged();
          }}
        />
      ) : (
        <div className="row">
          <button type="button" className="primary" onClick={onExport}>
            {t('devices.export')}
          </button>
          <button type="button" onClick={() => setRenaming(true)}>
            {t('devices.rename')}
          </button>
          <button type="button" onClick={() => setRemoving(true)}>
            {t('devices.remove')}
          </button>
        </div>
      )}
      {removing && (
        <RemoveDeviceDialog
          device={device}
          onClose={(removed) => {
            setRemoving(false);
            if (removed) void onChanged(t('devices.removeDialog.removed', { name: device.name }));
          }}
        />
      )}
      {resetting && (
        <ResetExportDialog
          device={device}
          account={resetting}
          onClose={(reset) => {
            setResetting(null);
            if (reset) void onChanged();
          }}
        />
      )}
    </article>
  );
}
