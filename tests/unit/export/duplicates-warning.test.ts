/**
 * Duplicates, told (issue 13): a phone's own import ignores UID, so a changed contact sent
 * again by file or QR becomes a second card. The preview says how many of the contacts are
 * already on that phone (and which phone, for the merge steps); the ledger stays exact; a
 * first export and a CardDAV device (updated in place) get no such warning.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { exportWorld } from './export-world';

type World = Awaited<ReturnType<typeof exportWorld>>;
let world: World | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

describe('the duplicates warning', () => {
  it('counts the contacts already on the phone that are sent again, per platform, and nothing on a first export', async () => {
    world = await exportWorld();
    const iphone = await world.call('addDevice', { name: 'iPhone', platform: 'ios' });
    const android = await world.call('addDevice', { name: 'Android', platform: 'android' });
    for (const device of [iphone, android]) {
      const first = await world.exportTo(device.id, { period: 'all' });
      expect(first.result.warnings.filter((w) => w.code === 'duplicates-on-phone')).toEqual([]);
    }
    const ids = world.sandbox
      .contactIds()
      .filter((id) =>
        (world?.sandbox.liveContact(id)?.custom_fields_values ?? []).some((f) => f.field_code === 'PHONE'),
      );
    world.sandbox.editContact(ids[0] as number, { name: 'Переименован' });
    world.sandbox.editContact(ids[1] as number, { phones: ['+7 912 000-00-01'] });
    for (const [device, platform] of [
      [iphone, 'ios'],
      [android, 'android'],
    ] as const) {
      const preview = await world.call('previewExport', { deviceId: device.id });
      expect(preview.updated).toBe(2);
      expect(preview.warnings).toContainEqual({ code: 'duplicates-on-phone', count: 2, platform });
    }
    // Nothing changed in what is recorded: after the export, the same contacts are not sent again.
    await world.exportTo(iphone.id);
    const after = await world.call('previewExport', { deviceId: iphone.id });
    expect(after).toMatchObject({ new: 0, updated: 0 });
    expect(after.warnings.filter((w) => w.code === 'duplicates-on-phone')).toEqual([]);
  });
});
