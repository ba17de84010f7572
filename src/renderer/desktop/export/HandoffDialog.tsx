/**
 * The handoff on the desktop's side: the QR code (or, over USB, "look at your phone"), the
 * check code both screens show, the time left, what the phone is doing, a cancel button,
 * another address, and, when no phone comes within 20 seconds, the network checklist.
 */
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LanAddress, TargetPlatform } from '../../../shared/api/types';
import { useApi } from '../api/context';
import { ErrorNotice } from '../components/ErrorNotice';
import { checklistFor } from './handoff-checklist';
import type { useHandoff } from './use-handoff';

interface Props {
  readonly handoff: ReturnType<typeof useHandoff>;
  /** The phone's kind: an iPhone has no USB route, so the checklist offers it the file instead. */
  readonly platform: TargetPlatform;
  /** Shown under an error that asks the user to choose (several USB phones: which one). */
  readonly children?: ReactNode;
}

export function HandoffDialog({ handoff, platform, children }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const { started, status, phase, finished } = handoff;
  const [addresses, setAddresses] = useState<readonly LanAddress[]>([]);
  const secondsLeft = useSecondsLeft(finished ? null : (started?.expiresAt ?? null));
  const primary = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (started?.route === 'lan')
      api.listLanAddresses({}).then(
        (list) => setAddresses(list.addresses),
        () => setAddresses([]),
      );
  }, [api, started]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the focus moves to the main button whenever the dialog's stage changes
  useEffect(() => primary.current?.focus(), [finished, started]);

  if (!started && !handoff.starting && !handoff.error) return null;
  return (
    <div className="dialog-backdrop">
      <div className="dialog card" role="dialog" aria-modal="true" aria-labelledby="handoff-heading">
        <h2 id="handoff-heading">{t('handoff.heading')}</h2>
        {handoff.starting && (
          <p role="status" aria-live="polite">
            <progress aria-label={t('handoff.preparing')} /> {t('handoff.preparing')}
          </p>
        )}
        <ErrorNotice error={handoff.error} />
        {started && !finished && (
          <>
            {started.route === 'lan' ? (
              <>
                <img
                  className="qr"
                  src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(started.qrSvg)}`}
                  alt={t('handoff.qrAlt')}
                  width={280}
                  height={280}
                />
                <p>{t('handoff.scan', { count: started.preview.delivered })}</p>
              </>
            ) : (
              <p>{t('handoff.usbOpened', { serial: started.serial ?? '' })}</p>
            )}
            <p className="check-code">
              {t('handoff.checkCode')} <strong data-testid="check-code">{started.checkCode}</strong>
            </p>
            <p className="hint">{t('handoff.checkCodeHint')}</p>
            <p role="status" aria-live="polite" data-testid="handoff-phase">
              {t(`handoff.phase.${phase ?? 'waiting'}`)}
              {secondsLeft !== null &&
                ` · ${t('handoff.timeLeft', { minutes: Math.floor(secondsLeft / 60), seconds: String(secondsLeft % 60).padStart(2, '0') })}`}
            </p>
            {status?.phoneFailure && <p className="notice notice-error">{t('handoff.phoneFailed')}</p>}
            {status?.stalled && started.route === 'lan' && (
              <div className="notice" role="note">
                <p>{t('handoff.checklist.heading')}</p>
                <ul>
                  {checklistFor(platform, addresses.length > 1).map((item) => (
                    <li key={item}>{t(`handoff.checklist.${item}`)}</li>
                  ))}
                </ul>
              </div>
            )}
            {started.route === 'lan' && addresses.length > 1 && (
              <label className="address-choice">
                {t('handoff.address')}
                <select value={started.address} onChange={(event) => void handoff.switchAddress(event.target.value)}>
                  {addresses.map((address) => (
                    <option key={address.address} value={address.address}>
                      {t(`settings.lan.kind.${address.kind}`, { address: address.address })}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <div className="row">
              <button type="button" ref={primary} onClick={() => void handoff.cancel()}>
                {t('handoff.cancel')}
              </button>
            </div>
          </>
        )}
        {started && finished && (
          <>
            {/* Only a failure is red: a cancel is the person's own choice, an expiry asks for another try. */}
            <p className={phase === 'failed' ? 'notice notice-error' : 'notice'} role="status">
              {phase === 'delivered'
                ? t('handoff.delivered', { count: status?.delivered ?? started.preview.delivered })
                : t(`handoff.phase.${phase ?? 'failed'}`)}
            </p>
            {phase === 'delivered' && <p className="hint">{t('handoff.deliveredHint')}</p>}
            <div className="row">
              {phase !== 'delivered' && (
                <button type="button" className="primary" onClick={() => void handoff.retry()}>
                  {t('handoff.retry')}
                </button>
              )}
              <button type="button" ref={primary} onClick={handoff.close}>
                {t('handoff.close')}
              </button>
            </div>
          </>
        )}
        {!started && handoff.error !== null && children}
        {!started && handoff.error !== null && (
          <div className="row">
            <button type="button" ref={primary} onClick={handoff.close}>
              {t('handoff.close')}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}

function useSecondsLeft(until: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  return until === null ? null : Math.max(0, Math.round((until - now) / 1000));
}
