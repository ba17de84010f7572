/**
 * Issue 15, item 4: the preview accounts for every contact of the account (sent, already
 * there, left out by period, by whose contacts were chosen, by rights, by the iPhone cap, for
 * want of a phone), and a device remembers whose contacts its last export took, per account,
 * so "only mine" is never silently unticked on the next export.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportCounts } from '../../../src/shared/api/types';
import { exportWorld } from './export-world';

type World = Awaited<ReturnType<typeof exportWorld>>;
let world: World;
beforeAll(async () => {
  world = await exportWorld({ contacts: 400, seed: 'preview-accounts' });
});
afterAll(() => world.close());

const accountedFor = (counts: ExportCounts) =>
  counts.new +
  counts.updated +
  counts.unchanged +
  counts.skippedNoPhone +
  counts.skippedByRights +
  counts.skippedByFilter +
  counts.skippedByPeriod +
  counts.skippedByCap;

describe('the preview accounts for every contact', () => {
  it('adds up to the account for every period, filter and device, first export and later', async () => {
    const iphone = await world.call('addDevice', { name: 'iPhone', platform: 'ios' });
    // The first preview pulls the account (R1): then the mirror holds all 400.
    await world.call('previewExport', { deviceId: iphone.id, period: 'all', onlyMine: false });
    const total = (await world.call('listAccounts', {}))[0]?.contactCount ?? 0;
    expect(total).toBe(400);
    const someone = world.sandbox.liveContact(world.sandbox.contactIds()[0] as number)?.responsible_user_id as number;
    for (const selection of [
      { period: '30d', onlyMine: false },
      { period: 'all', onlyMine: true },
      { period: '7d', onlyMine: false, accountId: world.account.id, responsible: [someone] },
      { period: 'all', onlyMine: false },
    ]) {
      const preview = await world.call('previewExport', { deviceId: iphone.id, ...selection });
      expect(preview.accountTotal, JSON.stringify(selection)).toBe(total);
      expect(accountedFor(preview), JSON.stringify(selection)).toBe(total);
      for (const account of preview.accounts) expect(accountedFor(account)).toBe(account.accountTotal);
    }
    const mine = await world.call('previewExport', { deviceId: iphone.id, period: 'all', onlyMine: true });
    expect(mine.skippedByFilter).toBeGreaterThan(0);
    const month = await world.call('previewExport', { deviceId: iphone.id, period: '30d', onlyMine: false });
    expect(month.skippedByPeriod).toBeGreaterThan(0);

    // After an export of everything, a later export: what did not change is "already there".
    await world.exportTo(iphone.id, { period: 'all' });
    const contact = world.sandbox.contactIds()[3] as number;
    world.sandbox.editContact(contact, { name: 'Renamed For The Preview' });
    const later = await world.call('previewExport', { deviceId: iphone.id, onlyMine: false });
    expect(later.updated).toBeGreaterThanOrEqual(1);
    expect(accountedFor(later)).toBe(total);
  });
});

describe('a device remembers whose contacts it took', () => {
  it('keeps the last choice per account scope, newest first; a preview remembers nothing', async () => {
    const phone = await world.call('addDevice', { name: 'Pixel', platform: 'android' });
    expect(await world.call('getExportChoices', { deviceId: phone.id })).toEqual([]);
    await world.call('previewExport', { deviceId: phone.id, period: 'all', onlyMine: true });
    expect(await world.call('getExportChoices', { deviceId: phone.id })).toEqual([]);

    await world.exportTo(phone.id, { period: '30d', onlyMine: true });
    const [onlyMine] = await world.call('getExportChoices', { deviceId: phone.id });
    expect(onlyMine).toMatchObject({ accountId: null, onlyMine: true, responsible: [] });

    const someone = world.sandbox.liveContact(world.sandbox.contactIds()[0] as number)?.responsible_user_id as number;
    await world.call('exportToFile', {
      deviceId: phone.id,
      accountId: world.account.id,
      onlyMine: false,
      responsible: [someone],
      outPath: `${world.dataDir}/choices.vcf`,
    });
    const choices = await world.call('getExportChoices', { deviceId: phone.id });
    expect(choices).toHaveLength(2);
    expect(choices[0]).toMatchObject({ accountId: world.account.id, onlyMine: false, responsible: [someone] });
    expect(choices[1]).toMatchObject({ accountId: null, onlyMine: true });

    await expect(world.call('getExportChoices', { deviceId: 'no-such-device' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    // The choices go with their device.
    await world.call('removeDevice', { deviceId: phone.id });
    const db = (await import('better-sqlite3')).default;
    const file = new db(`${world.dataDir}/mirror.sqlite`, { readonly: true });
    expect(file.prepare('SELECT count(*) FROM export_choices WHERE device_id = ?').pluck().get(phone.id)).toBe(0);
    file.close();
  });
});

describe('a file for browser mode', () => {
  it('answers the text of the written file when asked, byte for byte, and not otherwise', async () => {
    const files = await world.call('addDevice', { name: 'Google', platform: 'file' });
    const asked = await world.call('exportToFile', {
      deviceId: files.id,
      period: '30d',
      onlyMine: false,
      includeContent: true,
      outPath: `${world.dataDir}/with-content.vcf`,
    });
    expect(asked.delivered).toBeGreaterThan(0);
    expect(asked.content).toBe(readFileSync(asked.file, 'utf8'));
    const plain = await world.call('exportToFile', {
      deviceId: files.id,
      onlyMine: false,
      outPath: `${world.dataDir}/without-content.vcf`,
    });
    expect(plain.content).toBeUndefined();
  });
});
