/**
 * What the window needs to know of each CardDAV provider to ask the right questions: the
 * core's table (src/main/model/carddav-providers.ts) says where each one lives; the
 * window only needs which ones the user must give an address for, and the host to show
 * for the others.
 */
import type { CardDavProvider, CardDavTarget } from '../../../shared/api/types';

export const cardDavProviders: readonly CardDavProvider[] = [
  'icloud',
  'google',
  'yandex',
  'nextcloud',
  'fastmail',
  'custom',
];

/** The provider's own server (shown, not asked for), or null where the user gives the address. */
export const fixedHost: Readonly<Record<CardDavProvider, string | null>> = {
  icloud: 'contacts.icloud.com',
  google: 'www.googleapis.com',
  yandex: 'carddav.yandex.ru',
  nextcloud: null,
  fastmail: 'carddav.fastmail.com',
  custom: null,
};

/** Set-up steps per provider (i18n devices.carddav.setup.steps.<phone>.<provider>.s1..). */
export const setupStepCount: Readonly<Record<'iphone' | 'android', Readonly<Record<CardDavProvider, number>>>> = {
  iphone: { icloud: 2, google: 2, yandex: 2, nextcloud: 3, fastmail: 2, custom: 3 },
  android: { icloud: 1, google: 1, yandex: 1, nextcloud: 1, fastmail: 1, custom: 1 },
};

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function targetHost(target: CardDavTarget): string {
  return hostOf(target.serverUrl);
}
