/**
 * A CardDAV account on its device card: who runs it, whose it is, which address book the
 * export lives in, and, on demand, how to make the contacts appear on an iPhone and on
 * Android (getCardDavSetup), with the iPhone profile to download for self-hosted servers.
 * The steps are translated here by provider and step; the core gives the provider and the
 * profile.
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CardDavSetup, CardDavTarget, Device } from '../../../shared/api/types';
import { useApi } from '../api/context';
import { setupStepCount, targetHost } from '../components/carddav-providers';
import { ErrorNotice } from '../components/ErrorNotice';

export function CardDavSummary({ target }: { target: CardDavTarget }) {
  const { t } = useTranslation();
  return (
    <div data-testid="carddav-summary">
      <p>
        {t('devices.carddav.summary', {
          provider: t(`devices.carddav.providers.${target.provider}`),
          user: target.username,
          host: targetHost(target),
        })}
      </p>
      <p className="hint">{target.ownBook ? t('devices.carddav.bookOwn') : t('devices.carddav.bookShared')}</p>
    </div>
  );
}

export function CardDavSetupPanel({ device, target }: { device: Device; target: CardDavTarget }) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  return (
    <div className="carddav-setup">
      <button type="button" aria-expanded={open} aria-controls={`${id}-setup`} onClick={() => setOpen(!open)}>
        {t('devices.carddav.setup.show')}
      </button>
      {open && (
        <div id={`${id}-setup`}>
          <SetupSteps device={device} target={target} />
        </div>
      )}
    </div>
  );
}

function SetupSteps({ device, target }: { device: Device; target: CardDavTarget }) {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const [setup, setSetup] = useState<CardDavSetup | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let current = true;
    api.getCardDavSetup({ deviceId: device.id }).then(
      (answer) => current && setSetup(answer),
      (caught: unknown) => current && setError(caught),
    );
    return () => {
      current = false;
    };
  }, [api, device.id]);

  if (error) return <ErrorNotice error={error} />;
  if (!setup) return <p className="hint">{t('devices.carddav.setup.loading')}</p>;
  const values = { user: target.username, server: target.serverUrl };
  const where = target.ownBook ? t('devices.carddav.setup.whereOwn') : t('devices.carddav.setup.whereShared');
  const steps = (phone: 'iphone' | 'android') =>
    Array.from({ length: setupStepCount[phone][setup.provider] }, (_, at) =>
      t(`devices.carddav.setup.steps.${phone}.${setup.provider}.s${at + 1}`, values),
    );
  const hint = t(`devices.carddav.passwordHint.${setup.provider}`);
  return (
    <section aria-labelledby={`${id}-heading`} data-testid="carddav-setup">
      <h4 id={`${id}-heading`}>{t('devices.carddav.setup.heading')}</h4>
      <h5>{t('devices.carddav.setup.iphone')}</h5>
      <ol data-testid="setup-iphone">
        {steps('iphone').map((step) => (
          <li key={step}>{step}</li>
        ))}
        <li>{where}</li>
      </ol>
      {setup.mobileconfig !== null && <ProfileLink profile={setup.mobileconfig} />}
      <h5>{t('devices.carddav.setup.android')}</h5>
      <ol data-testid="setup-android">
        {steps('android').map((step) => (
          <li key={step}>{step}</li>
        ))}
        <li>{where}</li>
        {hint && <li>{hint}</li>}
      </ol>
    </section>
  );
}

/** The generated .mobileconfig as a download (no password inside: the phone asks for it). */
function ProfileLink({ profile }: { profile: string }) {
  const { t } = useTranslation();
  const [href, setHref] = useState<string | null>(null);
  useEffect(() => {
    const url = URL.createObjectURL(new Blob([profile], { type: 'application/x-apple-aspen-config' }));
    setHref(url);
    return () => URL.revokeObjectURL(url);
  }, [profile]);
  if (!href) return null;
  return (
    <p>
      <a href={href} download="amoCRM.mobileconfig" data-testid="mobileconfig">
        {t('devices.carddav.setup.profile')}
      </a>
      <br />
      <span className="hint">{t('devices.carddav.setup.profileHint')}</span>
    </p>
  );
}
