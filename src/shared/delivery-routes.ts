/**
 * Which routes reach which device, declared once: the window offers these buttons, the CLI
 * and the core refuse the others with the same words. A phone takes the QR handoff and a
 * file (and an Android phone the USB cable); a ".vcf file" device only a file; a CardDAV
 * account is written to directly and takes nothing else.
 */
import type { TargetPlatform } from './api/types';

export type DeliveryRoute = 'lan' | 'usb' | 'file' | 'carddav';

const routes: Readonly<Record<TargetPlatform, readonly DeliveryRoute[]>> = {
  ios: ['lan', 'file'],
  android: ['lan', 'usb', 'file'],
  file: ['file'],
  carddav: ['carddav'],
};

/** The routes a device of this platform takes, the first being the one to offer first. */
export function routesFor(platform: TargetPlatform): readonly DeliveryRoute[] {
  return routes[platform];
}

export function allowsRoute(platform: TargetPlatform, route: DeliveryRoute): boolean {
  return routes[platform].includes(route);
}

/** Why a route cannot reach a device: a stable key, so each face can say it in its own words. */
export type RouteRefusalReason = 'carddavNotFile' | 'carddavDirect' | 'notCarddav' | 'fileOnly' | 'usbAndroidOnly';

export interface RouteRefusal {
  readonly reason: RouteRefusalReason;
  /** The sentence in English, for the error's message. */
  readonly message: string;
}

/** Why `route` cannot reach the device, for its owner; null when it can. */
export function routeRefusal(
  device: { name: string; platform: TargetPlatform },
  route: DeliveryRoute,
): RouteRefusal | null {
  if (allowsRoute(device.platform, route)) return null;
  if (device.platform === 'carddav') {
    return route === 'file'
      ? {
          reason: 'carddavNotFile',
          message: `${device.name} is a CardDAV account: export to it directly, not to a file`,
        }
      : { reason: 'carddavDirect', message: `${device.name} is an address-book account: export to it directly` };
  }
  if (route === 'carddav') {
    return { reason: 'notCarddav', message: `${device.name} is not a CardDAV account (see: device list)` };
  }
  if (device.platform === 'file') {
    return {
      reason: 'fileOnly',
      message: `${device.name} receives a .vcf file; add the phone itself (iPhone or Android) to send it by QR code or cable`,
    };
  }
  return {
    reason: 'usbAndroidOnly',
    message: 'The USB cable route works with Android phones; scan the QR code on an iPhone',
  };
}
