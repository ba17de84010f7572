/** What one device holds of one account: the count, when, the iPhone cap, and the way to delete that export. */
import { useTranslation } from 'react-i18next';
import type { Device, DeviceAccountState } from '../../../shared/api/types';
import { useFormatDate } from '../components/use-format-date';
import { CapMeter } from './CapMeter';

interface Props {
  readonly device: Device;
  readonly state: DeviceAccountState;
  readonly onDeleteExport: () => void;
}

export function AccountStateItem({ device, state, onDeleteExport }: Props) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  return (
    <li className="account-state">
      <div className="account-name">{state.accountName}</div>
      <div>{t('devices.contacts', { count: state.contacts })}</div>
      <div className="hint">
        {/* One "last" time per card: the last run's, below; here only since when. */}
        {t('devices.since', { first: formatDate(state.firstExportedAt) })}
      </div>
      {state.capRemaining !== null && (
        <CapMeter account={state.accountName} used={state.contacts} remaining={state.capRemaining} />
      )}
      <button
        type="button"
        className="link-button"
        onClick={onDeleteExport}
        aria-label={`${t('devices.deleteExport')} ${state.accountName} · ${device.name}`}
      >
        {t('devices.deleteExport')}
      </button>
    </li>
  );
}
