/** Rename in place: the device keeps its id, so what it has received stays known. */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Device } from '../../../shared/api/types';
import { useApi } from '../api/context';
import { ErrorNotice } from '../components/ErrorNotice';

interface Props {
  readonly device: Device;
  readonly onDone: (renamed: boolean) => void;
}

export function RenameDeviceForm({ device, onDone }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const [name, setName] = useState(device.name);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.select(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.renameDevice({ deviceId: device.id, name });
      onDone(true);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <form className="row" onSubmit={(event) => void submit(event)}>
      <label>
        {t('devices.renameForm.label', { name: device.name })}
        <input
          ref={input}
          value={name}
          onChange={(event) => setName(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') onDone(false);
          }}
          required
          maxLength={100}
        />
      </label>
      <button type="submit" className="primary" disabled={busy}>
        {t('common.save')}
      </button>
      <button type="button" disabled={busy} onClick={() => onDone(false)}>
        {t('common.cancel')}
      </button>
      <ErrorNotice error={error} />
    </form>
  );
}
