/** Several Android phones on USB (USB_MANY_DEVICES): the user picks one; phones not ready say what they need. */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UsbDevice } from '../../../shared/api/types';
import { useApi } from '../api/context';
import { ErrorNotice } from '../components/ErrorNotice';

export function UsbPicker({ onPick }: { onPick: (serial: string) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const [phones, setPhones] = useState<readonly UsbDevice[] | null>(null);
  const [serial, setSerial] = useState('');
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api.listUsbDevices({}).then((list) => {
      setPhones(list);
      setSerial(list.find((phone) => phone.state === 'device')?.serial ?? '');
    }, setError);
  }, [api]);

  if (error) return <ErrorNotice error={error} />;
  if (phones === null) return <p className="hint">{t('wizard.usbPick.loading')}</p>;
  return (
    <fieldset className="choices">
      <legend>{t('wizard.usbPick.legend')}</legend>
      {phones.map((phone) => (
        <label key={phone.serial} className="choice">
          <input
            type="radio"
            name={`${id}-serial`}
            value={phone.serial}
            checked={serial === phone.serial}
            disabled={phone.state !== 'device'}
            onChange={() => setSerial(phone.serial)}
          />
          {t('wizard.usbPick.model', { model: phone.model ?? phone.serial, serial: phone.serial })} ·{' '}
          {t(`wizard.usbPick.state.${phone.state}`)}
        </label>
      ))}
      <div className="row">
        <button type="button" className="primary" disabled={!serial} onClick={() => onPick(serial)}>
          {t('wizard.usbPick.send')}
        </button>
      </div>
    </fieldset>
  );
}
