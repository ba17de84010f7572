/**
 * The address QR codes carry. The core lists this computer's LAN addresses best first,
 * with the one chosen for the current network on top, so "checked" is simply the first.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LanAddress } from '../../../shared/api/types';
import { useApi } from '../api/context';
import { ErrorNotice } from '../components/ErrorNotice';

export function LanAddressSetting() {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const [addresses, setAddresses] = useState<readonly LanAddress[] | null>(null);
  const [saved, setSaved] = useState<LanAddress | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const reload = useCallback(async () => {
    setAddresses((await api.listLanAddresses({})).addresses);
  }, [api]);

  useEffect(() => {
    reload().catch(setError);
  }, [reload]);

  async function choose(address: string) {
    setBusy(true);
    setError(null);
    try {
      setSaved(await api.chooseLanAddress({ address }));
      await reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <fieldset className="card choices" aria-describedby={`${id}-hint`} disabled={busy}>
      <legend>{t('settings.lan.legend')}</legend>
      <p className="hint" id={`${id}-hint`}>
        {t('settings.lan.hint')}
      </p>
      {addresses === null && !error && <p className="hint">{t('settings.lan.loading')}</p>}
      {addresses?.length === 0 && <p className="notice notice-error">{t('errors.NO_LAN_ADDRESS')}</p>}
      {addresses?.map((address, index) => (
        <label key={address.address} className="choice">
          <input
            type="radio"
            name={`${id}-address`}
            value={address.address}
            checked={index === 0}
            onChange={() => void choose(address.address)}
          />
          <span title={address.interfaceName}>
            {t(`settings.lan.kind.${address.kind}`, { address: address.address })}
          </span>
        </label>
      ))}
      <ErrorNotice error={error} />
      <p role="status" className="hint">
        {saved && t('settings.lan.saved', { address: saved.address })}
      </p>
    </fieldset>
  );
}
