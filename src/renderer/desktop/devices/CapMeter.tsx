/**
 * The iPhone's 5,000-per-account cap as a meter: how much of it this app's contacts use.
 * The cap is derived from the two numbers the core reports, so a changed cap needs no UI change.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

export function CapMeter({ account, used, remaining }: { account: string; used: number; remaining: number }) {
  const { t } = useTranslation();
  const id = useId();
  const cap = used + remaining;
  return (
    <div className="cap">
      <label htmlFor={id}>{t('devices.cap.label', { account })}</label>
      <meter id={id} min={0} max={cap} low={cap * 0.8} high={cap * 0.95} optimum={0} value={used} />
      <span className="hint" data-testid="cap-text">
        {t('devices.cap.text', { used, cap, remaining })}
      </span>
      {remaining === 0 && <p className="hint">{t('devices.cap.full')}</p>}
    </div>
  );
}
