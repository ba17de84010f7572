/**
 * A CardDAV target's secret, in the SecretStore (the OS keychain in the desktop app, a 0600
 * file for the CLI), never in the mirror: an app password, or Google's OAuth tokens, which
 * are refreshed here when they are about to expire and stored again.
 */
import { AppError } from '../../../shared/errors';
import type { SecretStore } from '../../secrets/secret-store';
import type { DavCredentials } from './dav-client';
import { type OAuthClientConfig, refreshTokens } from './google-oauth';

export type CardDavSecret =
  | { readonly kind: 'password'; readonly password: string }
  | {
      readonly kind: 'oauth';
      readonly accessToken: string;
      readonly refreshToken: string;
      readonly expiresAt: number;
      readonly client: OAuthClientConfig;
    };

export function carddavSecretKey(deviceId: string): string {
  return `device:${deviceId}:carddav`;
}

export async function saveCardDavSecret(store: SecretStore, deviceId: string, secret: CardDavSecret): Promise<void> {
  await store.set(carddavSecretKey(deviceId), JSON.stringify(secret));
}

/** The credentials to connect with, refreshing an OAuth access token that expires within a minute. */
export async function credentialsFor(
  store: SecretStore,
  deviceId: string,
  username: string,
  now: () => number,
): Promise<DavCredentials> {
  const text = await store.get(carddavSecretKey(deviceId));
  const secret = text === null ? null : (JSON.parse(text) as CardDavSecret);
  if (!secret) {
    throw new AppError(
      'CARDDAV_AUTH_REJECTED',
      `The password of ${deviceId} is no longer stored on this computer: remove the device and add it again`,
      { host: deviceId },
    );
  }
  if (secret.kind === 'password') return { kind: 'password', username, password: secret.password };
  if (secret.expiresAt - 60_000 > now()) return { kind: 'bearer', username, accessToken: secret.accessToken };
  const fresh = await refreshTokens(secret.client, secret.refreshToken, now);
  await saveCardDavSecret(store, deviceId, { ...secret, ...fresh });
  return { kind: 'bearer', username, accessToken: fresh.accessToken };
}
