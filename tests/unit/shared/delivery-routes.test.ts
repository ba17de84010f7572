/** Which routes reach which device: declared once (src/shared/delivery-routes.ts), read by the window, the CLI and the core. */
import { describe, expect, it } from 'vitest';
import { allowsRoute, routeRefusal, routesFor } from '../../../src/shared/delivery-routes';

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
    expect(routeRefusal({ name: 'iPhone', platform: 'ios' }, 'usb')).toMatch(/USB cable route works with Android/);
    expect(routeRefusal({ name: 'Google', platform: 'file' }, 'lan')).toMatch(/^Google receives a \.vcf file/);
    expect(routeRefusal({ name: 'iCloud', platform: 'carddav' }, 'file')).toMatch(
      /CardDAV account: export to it directly, not to a file/,
    );
    expect(routeRefusal({ name: 'iCloud', platform: 'carddav' }, 'lan')).toMatch(/address-book account/);
    expect(routeRefusal({ name: 'Pixel', platform: 'android' }, 'carddav')).toMatch(/not a CardDAV account/);
  });
});
