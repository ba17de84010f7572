/**
 * The export rules, one test each, named after them (export-rules.md), end to end: a
 * sandbox CRM over real HTTP, the mirror, the ledger, and the .vcf read back by an
 * independent reader.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { contactUid } from '../../../src/main/export/card-from-mirror';
import { exportWorld, phonesOf } from './export-world';

type World = Awaited<ReturnType<typeof exportWorld>>;
let world: World | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

const phonesInCrm = (w: World, id: number) =>
  (w.sandbox.liveContact(id)?.custom_fields_values ?? [])
    .filter((f) => f.field_code === 'PHONE')
    .flatMap((f) => f.values ?? []);
const withPhone = (w: World) => w.sandbox.contactIds().filter((id) => phonesInCrm(w, id).length > 0);
const uid = (w: World, id: number) => contactUid(w.sandbox.accountId, id);

describe('export rules', () => {
  it('R1: an export first refreshes the mirror from the CRM', async () => {
    world = await exportWorld();
    const device = await world.call('addDevice', { name: 'File', platform: 'file' });
    const id = withPhone(world)[0] as number;
    world.sandbox.editContact(id, { name: 'Свежее Имя' });
    // No sync was run by hand: the export pulls first.
    const { byId } = await world.exportTo(device.id, { period: 'all' });
    expect(byId.get(uid(world, id))?.text('FN')).toBe('Свежее Имя');
  });

  it('R2: only contacts with a phone, and those without are counted', async () => {
    world = await exportWorld();
    const device = await world.call('addDevice', { name: 'File', platform: 'file' });
    const { result, cards } = await world.exportTo(device.id, { period: 'all' });
    expect(cards).toHaveLength(withPhone(world).length);
    expect(result.skippedNoPhone).toBe(world.sandbox.contactIds().length - withPhone(world).length);
    expect(result.skippedNoPhone).toBeGreaterThan(0);
    expect(cards.every((card) => card.get('TEL').length > 0)).toBe(true);
  });

  it('R3: e-mails ride along with the phone', async () => {
    world = await exportWorld();
    const device = await world.call('addDevice', { name: 'File', platform: 'file' });
    const id = withPhone(world)[5] as number;
    world.sandbox.editContact(id, { emails: ['Client@Example.com', 'second@example.org'] });
    const { byId } = await world.exportTo(device.id, { period: 'all' });
    expect(
      byId
        .get(uid(world, id))
        ?.get('EMAIL')
        .map((e) => e.raw),
    ).toEqual(['Client@Example.com', 'second@example.org']);
  });

  it('R4: a first export takes a period; later ones add only what changed since', async () => {
    world = await exportWorld();
    const device = await world.call('addDevice', { name: 'File', platform: 'file' });
    expect(
      await world.codeOf(world.call('exportToFile', { deviceId: device.id, outPath: `${world.dataDir}/x.vcf` })),
    ).toBe('INVALID_INPUT');
    expect(await world.codeOf(world.call('previewExport', { deviceId: device.id, period: '2025-02-31' }))).toBe(
      'INVALID_INPUT',
    );

    const monthAgo = Date.now() / 1000 - 30 * 86_400;
    const recent = withPhone(world).filter((id) => (world?.sandbox.liveContact(id)?.updated_at ?? 0) >= monthAgo);
    const first = await world.exportTo(device.id, { period: '30d' });
    // The period is measured against this computer's clock: allow the seconds between the two reads.
    expect(Math.abs(first.cards.length - recent.length)).toBeLessThanOrEqual(1);
    expect(first.result.accounts[0]?.first).toBe(true);

    const edited = withPhone(world)[0] as number;
    world.sandbox.editContact(edited, { name: 'Изменён После Выгрузки' });
    const added = world.sandbox.addContact({ name: 'Новый После Выгрузки', phones: ['+7 916 000-11-22'] });
    const second = await world.exportTo(device.id, { period: 'all' }); // the period is ignored now
    expect(second.result.accounts[0]?.first).toBe(false);
    expect([...second.byId.keys()].sort()).toEqual([uid(world, edited), uid(world, added.id)].sort());

    // Nothing changed: nothing to deliver.
    const third = await world.exportTo(device.id);
    expect(third.cards).toHaveLength(0);
  });

  it('R5: an iPhone takes 5,000 per account, the freshest, cumulatively; updates take no slot', async () => {
    world = await exportWorld({ contacts: 6000 });
    const iphone = await world.call('addDevice', { name: 'iPhone', platform: 'ios' });
    const phoned = withPhone(world);
    const first = await world.exportTo(iphone.id, { period: 'all' });
    expect(first.result).toMatchObject({ new: 5000, skippedByCap: phoned.length - 5000, capRemaining: 0 });
    const freshest = [...phoned]
      .sort(
        (a, b) =>
          (world?.sandbox.liveContact(b)?.updated_at ?? 0) - (world?.sandbox.liveContact(a)?.updated_at ?? 0) || b - a,
      )
      .slice(0, 5000);
    expect(new Set(first.byId.keys())).toEqual(new Set(freshest.map((id) => uid(world as World, id))));

    const delivered = freshest[100] as number;
    world.sandbox.editContact(delivered, { name: 'Обновлённый На iPhone' });
    world.sandbox.addContact({ name: 'Не Поместится', phones: ['+7 903 555-44-33'] });
    const second = await world.exportTo(iphone.id);
    expect(second.result).toMatchObject({ new: 0, updated: 1, skippedByCap: 1, capRemaining: 0 });
    expect(second.byId.get(uid(world, delivered))?.text('FN')).toBe('Обновлённый На iPhone');

    // Each account has its own 5,000; an Android phone has no cap at all.
    const android = await world.call('addDevice', { name: 'Android', platform: 'android' });
    const all = await world.exportTo(android.id, { period: 'all' });
    expect(all.result).toMatchObject({ skippedByCap: 0, capRemaining: null });
    expect(all.cards.length).toBe(phoned.length + 1);
  });

  it('R5a: a file that would take a Google account past 25,000 contacts warns', async () => {
    world = await exportWorld({ contacts: 27_500 });
    const file = await world.call('addDevice', { name: 'Google', platform: 'file' });
    const preview = await world.call('previewExport', { deviceId: file.id, period: 'all' });
    expect(preview.new).toBeGreaterThan(25_000);
    expect(preview.warnings).toContainEqual({ code: 'google-limit', total: preview.new });
    const small = await world.call('previewExport', { deviceId: file.id, period: '7d' });
    expect(small.warnings.some((w) => w.code === 'google-limit')).toBe(false);
  });

  it('R6: deleting the export clears the ledger of one account on one device; the next export starts over', async () => {
    world = await exportWorld();
    const device = await world.call('addDevice', { name: 'File', platform: 'file' });
    const other = await world.call('addDevice', { name: 'Other', platform: 'file' });
    const first = await world.exportTo(device.id, { period: 'all' });
    await world.exportTo(other.id, { period: 'all' });
    const reset = await world.call('resetExport', { deviceId: device.id, accountId: world.sandbox.accountId });
    expect(reset).toMatchObject({ cleared: first.cards.length, label: `amoCRM ${world.account.name}` });
    // First export again: it asks for a period and sends everything.
    expect(await world.codeOf(world.call('previewExport', { deviceId: device.id }))).toBe('INVALID_INPUT');
    expect((await world.exportTo(device.id, { period: 'all' })).cards).toHaveLength(first.cards.length);
    // The other device kept its ledger.
    expect((await world.exportTo(other.id)).cards).toHaveLength(0);
    // Every card carries the label the reset tells the user to select.
    expect(first.cards.every((card) => card.text('CATEGORIES') === reset.label)).toBe(true);
  });

  it('R7: a non-admin (rights unknown) exports only contacts where responsible, with a warning', async () => {
    world = await exportWorld({}, 'responsible');
    const device = await world.call('addDevice', { name: 'File', platform: 'file' });
    const me = world.account.currentUserId;
    const mine = withPhone(world).filter((id) => world?.sandbox.liveContact(id)?.responsible_user_id === me);
    const { result, byId } = await world.exportTo(device.id, { period: 'all' });
    expect(new Set(byId.keys())).toEqual(new Set(mine.map((id) => uid(world as World, id))));
    expect(result.skippedByRights).toBe(withPhone(world).length - mine.length);
    expect(result.warnings).toContainEqual({ code: 'rights-unknown', accountId: world.sandbox.accountId });
    expect(result.accounts[0]?.exportRight).toBe('unknown');
  });

  it('R8: "only mine" and a set of responsible users, always inside the rights', async () => {
    world = await exportWorld();
    const device = await world.call('addDevice', { name: 'File', platform: 'file' });
    const responsibleOf = (id: number) => world?.sandbox.liveContact(id)?.responsible_user_id;
    const me = world.account.currentUserId;
    const preview = await world.call('previewExport', { deviceId: device.id, period: 'all', onlyMine: true });
    expect(preview.new).toBe(withPhone(world).filter((id) => responsibleOf(id) === me).length);
    const chosen = [5_000_002, 5_000_003];
    const chosenPreview = await world.call('previewExport', {
      deviceId: device.id,
      period: 'all',
      responsible: chosen,
    });
    expect(chosenPreview.new).toBe(withPhone(world).filter((id) => chosen.includes(responsibleOf(id) ?? 0)).length);
    // Intersected: only mine AND those users (the admin is neither) gives nothing.
    const none = await world.call('previewExport', {
      deviceId: device.id,
      period: 'all',
      onlyMine: true,
      responsible: chosen,
    });
    expect(none.new).toBe(0);
  });

  it('R9: a phone added in the CRM reaches the phone with the old one kept', async () => {
    world = await exportWorld();
    const device = await world.call('addDevice', { name: 'File', platform: 'file' });
    const id = withPhone(world)[3] as number;
    world.sandbox.editContact(id, { phones: ['+7 912 111-11-11'] });
    await world.exportTo(device.id, { period: 'all' });
    world.sandbox.editContact(id, { phones: ['+7 912 111-11-11', '+7 912 222-22-22'] });
    const { byId } = await world.exportTo(device.id);
    expect(phonesOf(byId.get(uid(world, id)))).toEqual(['+79121111111', '+79122222222']);
  });

  it('R10: a phone removed in the CRM stays on the phone (and alone it sends nothing)', async () => {
    world = await exportWorld();
    const device = await world.call('addDevice', { name: 'File', platform: 'file' });
    const id = withPhone(world)[4] as number;
    world.sandbox.editContact(id, { phones: ['+7 912 333-33-33', '+7 912 444-44-44'] });
    await world.exportTo(device.id, { period: 'all' });
    world.sandbox.editContact(id, { phones: ['+7 912 444-44-44'] });
    expect((await world.exportTo(device.id)).cards).toHaveLength(0);
    world.sandbox.editContact(id, { name: 'Переименован Без Телефона', phones: ['+7 912 444-44-44'] });
    const { byId } = await world.exportTo(device.id);
    expect(phonesOf(byId.get(uid(world, id)))).toEqual(['+79124444444', '+79123333333']);
  });

  it('R11: a contact deleted in the CRM is never sent again', async () => {
    world = await exportWorld();
    const device = await world.call('addDevice', { name: 'File', platform: 'file' });
    await world.exportTo(device.id, { period: 'all' });
    const id = withPhone(world)[6] as number;
    world.sandbox.deleteContact(id);
    const other = withPhone(world)[7] as number;
    world.sandbox.editContact(other, { name: 'Другой Изменён' });
    const { byId } = await world.exportTo(device.id);
    expect([...byId.keys()]).toEqual([uid(world, other)]);
  });

  it('R12: a contact renamed in the CRM arrives under its new name, same UID, numbers kept', async () => {
    world = await exportWorld();
    const device = await world.call('addDevice', { name: 'File', platform: 'file' });
    const id = withPhone(world)[8] as number;
    const first = await world.exportTo(device.id, { period: 'all' });
    world.sandbox.editContact(id, { name: 'Новое Имя' });
    const { byId } = await world.exportTo(device.id);
    const card = byId.get(uid(world, id));
    expect(card?.text('FN')).toBe('Новое Имя');
    expect(phonesOf(card)).toEqual(phonesOf(first.byId.get(uid(world, id))));
  });

  it('R15: a delivery that fails leaves the ledger as it was; the next export sends the same', async () => {
    world = await exportWorld();
    const device = await world.call('addDevice', { name: 'File', platform: 'file' });
    const failed = await world.codeOf(
      world.call('exportToFile', { deviceId: device.id, period: 'all', outPath: '/no/such/folder/x.vcf' }),
    );
    expect(failed).toBe('OUTPUT_NOT_WRITABLE');
    const { result } = await world.exportTo(device.id, { period: 'all' });
    expect(result.accounts[0]?.first).toBe(true);
    expect(result.delivered).toBe(withPhone(world).length);
  });
});
