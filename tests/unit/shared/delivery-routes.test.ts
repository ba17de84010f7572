/** Which routes reach which device: declared once (src/shared/delivery-routes.ts), read by the window, the CLI and the core. */
import { describe, expect, it } from 'vitest';
import { allowsRoute, type DeliveryRoute, routeRefusal, routesFor } from '../../../src/shared/delivery-routes';

describe('delivery routes', () => {
  it('offers the QR code and a file to an iPhone, the cable too to an Android phone, a file only to a file, nothing but itself to CardDAV', () => {
    expect(routesFor('ios')).toEqual(['lan', 'file']);
    expect(routesFor('android')).toEqual(['lan', 'usb', 'file']);
    expect(routesFor('file')).toEqual(['file']);
    expect(routesFor('carddav')).toEqual(['carddav']);
    expect(allowsRoute('ios', 'usb')).toBe(false);
    expect(allowsRoute('carddav', 'file')).toBe(false);
  });

  it('says in words why a route is refused, and nothing when it is allowed', () => {
    expect(routeRefusal({ name: 'Pixel', platform: 'android' }, 'usb')).toBeNull();
    // Each refusal has words and a stable reason, which the CLI says in the terminal's language.
    const refusal = (name: string, platform: 'ios' | 'android' | 'file' | 'carddav', route: DeliveryRoute) =>
      routeRefusal({ name, platform }, route);
    expect(refusal('iPhone', 'ios', 'usb')).toEqual({
      reason: 'usbAndroidOnly',
      message: expect.stringMatching(/USB cable route works with Android/),
    });
    expect(refusal('Google', 'file', 'lan')).toEqual({
      reason: 'fileOnly',
      message: expect.stringMatching(/^Google receives a \.vcf file/),
    });
    expect(refusal('iCloud', 'carddav', 'file')).toEqual({
      reason: 'carddavNotFile',
      message: expect.stringMatching(/CardDAV account: export to it directly, not to a file/),
    });
    expect(refusal('iCloud', 'carddav', 'lan')).toEqual({
      reason: 'carddavDirect',
      message: expect.stringMatching(/address-book account/),
    });
    expect(refusal('Pixel', 'android', 'carddav')).toEqual({
      reason: 'notCarddav',
      message: expect.stringMatching(/not a CardDAV account/),
    });
  });
});
