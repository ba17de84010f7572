/**
 * Add a phone (iPhone, Android), a file target, or a CardDAV address-book account: a name
 * the user recognises, and a type that decides the routes. A CardDAV account is checked
 * with its server before it is added, so connecting takes a moment and can fail in words.
 */
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TargetPlatform } from '../../../shared/api/types';
import { useApi } from '../api/context';
import { fixedHost, hostOf } from '../components/carddav-providers';
import { ErrorNotice } from '../components/ErrorNotice';
import { CardDavFields, type CardDavForm, emptyCardDavForm } from './CardDavFields';

const platforms: readonly TargetPlatform[] = ['ios', 'android', 'file', 'carddav'];

export function AddDeviceForm({ onAdded }: { onAdded: () => Promise<void> }) {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const [name, setName] = useState('');
  const [platform, setPlatform] = useState<TargetPlatform>('ios');
  const [cardDav, setCardDav] = useState<CardDavForm>(emptyCardDavForm);
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState<{ name: string; carddav: boolean } | null>(null);
  const [error, setError] = useState<unknown>(null);
  // Google's sign-in page, once the core asks for it to be shown (a link too, should a popup be blocked).
  const [signInUrl, setSignInUrl] = useState<string | null>(null);
  const awaitingSignIn = useRef(false);

  useEffect(
    () =>
      api.on('oauth:open', (event) => {
        if (!awaitingSignIn.current) return;
        setSignInUrl(event.url);
        // Browser mode: a new tab. Electron: its window hands this to the system browser.
        window.open(event.url, '_blank', 'noopener,noreferrer');
      }),
    [api],
  );

  async function addCardDav() {
    const { provider, username } = cardDav;
    if (provider === 'google') {
      awaitingSignIn.current = true;
      try {
        return await api.connectGoogleCardDav({
          name,
          username,
          clientId: cardDav.clientId,
          ...(cardDav.clientSecret ? { clientSecret: cardDav.clientSecret } : {}),
        });
      } finally {
        awaitingSignIn.current = false;
        setSignInUrl(null);
      }
    }
    return api.addCardDavDevice({
      name,
      provider,
      username,
      password: cardDav.password,
      ...(fixedHost[provider] === null ? { serverUrl: cardDav.serverUrl.trim() } : {}),
    });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setAdded(null);
    try {
      if (platform === 'carddav') {
        const result = await addCardDav();
        setCardDav((current) => ({ ...current, password: '', clientSecret: '' }));
        setName('');
        await onAdded();
        setAdded({ name: result.device.name, carddav: true });
      } else {
        const device = await api.addDevice({ name, platform });
        setName('');
        await onAdded();
        setAdded({ name: device.name, carddav: false });
      }
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const google = platform === 'carddav' && cardDav.provider === 'google';
  const host = fixedHost[cardDav.provider] ?? hostOf(cardDav.serverUrl);
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
        {platform === 'carddav' && (
          <CardDavFields value={cardDav} onChange={(patch) => setCardDav((current) => ({ ...current, ...patch }))} />
        )}
        <div className="row">
          <button type="submit" className="primary" disabled={busy}>
            {platform !== 'carddav'
              ? t('devices.add.submit')
              : google
                ? t('devices.carddav.signInGoogle')
                : t('devices.carddav.connect')}
          </button>
        </div>
      </form>
      {busy && platform === 'carddav' && (
        <div role="status" className="progress" data-testid="carddav-connecting">
          <progress
            aria-label={google ? t('devices.carddav.waitingGoogle') : t('devices.carddav.connecting', { host })}
          />
          {google ? t('devices.carddav.waitingGoogle') : t('devices.carddav.connecting', { host })}
          {google && signInUrl && (
            <a href={signInUrl} target="_blank" rel="noopener noreferrer">
              {t('devices.carddav.openGoogle')}
            </a>
          )}
        </div>
      )}
      <ErrorNotice error={error} />
      <p role="status" className="hint">
        {added !== null &&
          (added.carddav
            ? t('devices.add.addedCardDav', { name: added.name })
            : t('devices.add.added', { name: added.name }))}
      </p>
    </section>
  );
}
