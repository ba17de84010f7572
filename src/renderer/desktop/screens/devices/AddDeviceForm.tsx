/** Add a phone (iPhone, Android) or a file target: a name the user recognises, and a type that decides the routes. */
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DevicePlatform } from '../../../../shared/api/types';
import { useApi } from '../../api/context';
import { ErrorNotice } from '../../components/ErrorNotice';

const platforms: readonly DevicePlatform[] = ['ios', 'android', 'file'];

export function AddDeviceForm({ onAdded }: { onAdded: () => Promise<void> }) {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const [name, setName] = useState('');
  const [platform, setPlatform] = useState<DevicePlatform>('ios');
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setAdded(null);
    try {
      const device = await api.addDevice({ name, platform });
      setName('');
      await onAdded();
      setAdded(device.name);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('devices.add.heading')}</h3>
      <form className="form" onSubmit={(event) => void submit(event)}>
        <label>
          {t('devices.add.name')}
          <input
            value={name}
            onChange={(event) => setName(event.target.value)}
            placeholder={t('devices.add.namePlaceholder')}
            required
            maxLength={100}
          />
        </label>
        <fieldset className="choices">
          <legend>{t('devices.add.platform')}</legend>
          {platforms.map((value) => (
            <label key={value} className="choice">
              <input
                type="radio"
                name={`${id}-platform`}
                value={value}
                checked={platform === value}
                onChange={() => setPlatform(value)}
              />
              {t(`devices.add.${value}`)}
            </label>
          ))}
        </fieldset>
        <div className="row">
          <button type="submit" className="primary" disabled={busy}>
            {t('devices.add.submit')}
          </button>
        </div>
      </form>
      <ErrorNotice error={error} />
      <p role="status" className="hint">
        {added !== null && t('devices.add.added', { name: added })}
      </p>
    </section>
  );
}
