/** The QR handoff's checklist when no phone has come within 20 seconds. */
import type { TargetPlatform } from '../../../shared/api/types';

/**
 * What to check when no phone comes: "another address" only when the choice is there, under the
 * list; the way round it by cable only for Android (an iPhone gets the file).
 */
export function checklistFor(platform: TargetPlatform, severalAddresses: boolean) {
  return [
    'wifi',
    'isolation',
    'vpn',
    'firewall',
    ...(severalAddresses ? (['address'] as const) : []),
    platform === 'android' ? 'fallbackAndroid' : 'fallbackFile',
  ] as const;
}
