/**
 * The QR handoff's "no phone yet" checklist (issue 15, item 10): it points to "another
 * address below" only when the dialog shows that choice, and offers a USB cable only to an
 * Android phone (an iPhone has no such route: it is offered the file).
 */
import { describe, expect, it } from 'vitest';
import { checklistFor } from '../../../src/renderer/desktop/export/handoff-checklist';
import { en } from '../../../src/renderer/desktop/i18n/en';
import { ru } from '../../../src/renderer/desktop/i18n/ru';

describe('the handoff checklist', () => {
  it('names only what the person can do with this phone and this computer', () => {
    expect(checklistFor('ios', false)).toEqual(['wifi', 'isolation', 'vpn', 'firewall', 'fallbackFile']);
    expect(checklistFor('android', true)).toEqual([
      'wifi',
      'isolation',
      'vpn',
      'firewall',
      'address',
      'fallbackAndroid',
    ]);
    for (const platform of ['ios', 'android', 'file', 'carddav'] as const) {
      for (const several of [false, true]) {
        for (const item of checklistFor(platform, several)) {
          const [english, russian] = [en.handoff.checklist[item], ru.handoff.checklist[item]];
          expect(english, `${platform} ${item}`).toBeTruthy();
          expect(russian, `${platform} ${item}`).toBeTruthy();
          if (platform !== 'android') expect(`${english} ${russian}`).not.toMatch(/USB/);
        }
      }
    }
  });
});
