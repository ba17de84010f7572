/**
 * The CardDAV part of "Add a device": the provider, then what that provider signs in
 * with. App-password providers: the server (asked only where the provider has no fixed
 * one), the user and the app password, with where to make one. Google: the OAuth client,
 * and the sign-in happens in the browser.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CardDavProvider } from '../../../shared/api/types';
import { cardDavProviders, fixedHost } from '../components/carddav-providers';

export interface CardDavForm {
  readonly provider: CardDavProvider;
  readonly serverUrl: string;
  readonly username: string;
  readonly password: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

export const emptyCardDavForm: CardDavForm = {
  provider: 'icloud',
  serverUrl: '',
  username: '',
  password: '',
  clientId: '',
  clientSecret: '',
};

interface Props {
  readonly value: CardDavForm;
  readonly onChange: (patch: Partial<CardDavForm>) => void;
}

export function CardDavFields({ value, onChange }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const { provider } = value;
  const host = fixedHost[provider];
  const google = provider === 'google';
  return (
    <fieldset className="choices card" data-testid="carddav-fields">
      <legend>{t('devices.carddav.legend')}</legend>
      <p className="hint">{t('devices.carddav.intro')}</p>
      <label className="field">
        {t('devices.carddav.provider')}
        <select value={provider} onChange={(event) => onChange({ provider: event.target.value as CardDavProvider })}>
          {cardDavProviders.map((option) => (
            <option key={option} value={option}>
              {t(`devices.carddav.providers.${option}`)}
            </option>
          ))}
        </select>
      </label>
      {host === null ? (
        <div className="field">
          <label htmlFor={`${id}-server`}>{t('devices.carddav.server')}</label>
          <input
            id={`${id}-server`}
            type="url"
            value={value.serverUrl}
            onChange={(event) => onChange({ serverUrl: event.target.value })}
            placeholder="https://"
            required
            maxLength={2048}
            aria-describedby={`${id}-server-hint`}
          />
          <span className="hint" id={`${id}-server-hint`}>
            {t('devices.carddav.serverHint')}
          </span>
        </div>
      ) : (
        <p className="hint" data-testid="carddav-fixed-server">
          {t('devices.carddav.fixedServer', { host })}
        </p>
      )}
      <div className="field">
        <label htmlFor={`${id}-user`}>{t('devices.carddav.user')}</label>
        <input
          id={`${id}-user`}
          value={value.username}
          onChange={(event) => onChange({ username: event.target.value })}
          required
          maxLength={320}
          autoComplete="username"
          aria-describedby={`${id}-user-hint`}
        />
        <span className="hint" id={`${id}-user-hint`}>
          {t(`devices.carddav.userHint.${provider}`)}
        </span>
      </div>
      {google ? (
        <>
          <p className="hint">{t('devices.carddav.googleHint')}</p>
          <label className="field">
            {t('devices.carddav.clientId')}
            <input
              value={value.clientId}
              onChange={(event) => onChange({ clientId: event.target.value })}
              required
              maxLength={300}
              autoComplete="off"
            />
          </label>
          <label className="field">
            {t('devices.carddav.clientSecret')}
            <input
              type="password"
              value={value.clientSecret}
              onChange={(event) => onChange({ clientSecret: event.target.value })}
              maxLength={300}
              autoComplete="off"
            />
          </label>
        </>
      ) : (
        <div className="field">
          <label htmlFor={`${id}-password`}>{t('devices.carddav.password')}</label>
          <input
            id={`${id}-password`}
            type="password"
            value={value.password}
            onChange={(event) => onChange({ password: event.target.value })}
            required
            maxLength={1024}
            autoComplete="new-password"
            aria-describedby={`${id}-password-hint`}
          />
          <span className="hint" id={`${id}-password-hint`}>
            {t(`devices.carddav.passwordHint.${provider}`)}
          </span>
        </div>
      )}
    </fieldset>
  );
}
