/**
 * Step 3: how the contacts travel. A QR code on the local network (phones), a USB cable
 * (Android), or a .vcf file (anything); a CardDAV account is written to on its server
 * instead. Then the progress and the result.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CardDavExportResult, Device, ExportPreview, ExportResult } from '../../../shared/api/types';
import { allowsRoute, routesFor } from '../../../shared/delivery-routes';
import { AppError } from '../../../shared/errors';
import { CardDavDelivery, CardDavResult } from './CardDavDelivery';
import { FileDelivery, FileResult } from './FileDelivery';
import { HandoffDialog } from './HandoffDialog';
import type { ExportSelection } from './selection';
import { UsbPicker } from './UsbPicker';
import { useFocusOnMount } from './use-focus-on-mount';
import { useHandoff } from './use-handoff';

interface Props {
  readonly device: Device;
  readonly selection: ExportSelection;
  readonly preview: ExportPreview;
  readonly onBack: () => void;
  readonly onFinish: () => void;
}

export function DeliveryStep({ device, selection, preview, onBack, onFinish }: Props) {
  const { t } = useTranslation();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const handoff = useHandoff();
  const [file, setFile] = useState<ExportResult | null>(null);
  const [delivered, setDelivered] = useState<number | null>(null);
  const [sent, setSent] = useState<CardDavExportResult | null>(null);
  const [sending, setSending] = useState(false);
  const busy = sending || handoff.starting || (handoff.started !== null && !handoff.finished);
  const done = file !== null || delivered !== null || sent !== null;

  // The dialog forgets its status when closed; the step keeps the outcome on screen.
  useEffect(() => {
    if (handoff.phase === 'delivered') setDelivered(handoff.status?.delivered ?? preview.delivered);
  }, [handoff.phase, handoff.status, preview.delivered]);

  const manyPhones = handoff.error instanceof AppError && handoff.error.code === 'USB_MANY_DEVICES';
  return (
    <section className="wizard-step" aria-labelledby="delivery-heading">
      <h3 id="delivery-heading" ref={heading} tabIndex={-1}>
        {t('wizard.delivery.heading')}
      </h3>
      {!done && device.carddav && allowsRoute(device.platform, 'carddav') && (
        <div className="routes">
          <CardDavDelivery
            device={device}
            target={device.carddav}
            selection={selection}
            onBusy={setSending}
            onDone={setSent}
          />
        </div>
      )}
      {!done && !device.carddav && (
        <div className="routes">
          {allowsRoute(device.platform, 'lan') && (
            <div className="route">
              <button
                type="button"
                className="primary"
                disabled={busy}
                aria-describedby="route-qr-hint"
                onClick={() => void handoff.start({ ...selection, route: 'lan' })}
              >
                {t('wizard.delivery.qr')}
              </button>
              <p className="hint" id="route-qr-hint">
                {t('wizard.delivery.qrHint')}
              </p>
            </div>
          )}
          {allowsRoute(device.platform, 'usb') && (
            <div className="route">
              <button
                type="button"
                disabled={busy}
                aria-describedby="route-usb-hint"
                onClick={() => void handoff.start({ ...selection, route: 'usb' })}
              >
                {t('wizard.delivery.usb')}
              </button>
              <p className="hint" id="route-usb-hint">
                {t('wizard.delivery.usbHint')}
              </p>
            </div>
          )}
          {allowsRoute(device.platform, 'file') && (
            <FileDelivery
              selection={selection}
              primary={routesFor(device.platform)[0] === 'file'}
              disabled={busy}
              onDone={setFile}
            />
          )}
        </div>
      )}
      {file && <FileResult result={file} />}
      {sent && <CardDavResult device={device} result={sent} />}
      {delivered !== null && (
        <p className="notice" role="status">
          {t('wizard.delivery.delivered', { count: delivered, name: device.name })}
        </p>
      )}
      <HandoffDialog handoff={handoff} platform={device.platform}>
        {manyPhones && <UsbPicker onPick={(serial) => void handoff.start({ ...selection, route: 'usb', serial })} />}
      </HandoffDialog>
      <div className="row">
        {done ? (
          <>
            <button type="button" className="primary" onClick={onFinish}>
              {t('common.backToDevices')}
            </button>
            <a href="#/history">{t('wizard.delivery.history')}</a>
          </>
        ) : (
          <button type="button" onClick={onBack} disabled={busy}>
            {t('common.back')}
          </button>
        )}
      </div>
    </section>
  );
}
