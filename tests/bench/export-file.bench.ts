/**
 * The export engine's figures: a first export of 100,000 contacts with period "all" to an
 * Android phone (delta + vCard 3.0 file), the same to an iPhone (the 5,000 freshest), and
 * the peak memory, against a baseline that only SELECTs the same contacts' names and
 * writes them to a file, in the same run. The mirror is filled directly (no HTTP): the
 * figure is the export, not the pull.
 * Usage: npm run bench -- --contacts 100000
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toMirrorContact } from '../../src/main/crm/contact-mapper';
import { writePlanFile } from '../../src/main/export/file-export';
import { planExport } from '../../src/main/export/plan-export';
import { getAccount, saveAccount, saveRights } from '../../src/main/mirror/accounts-repo';
import { upsertContacts } from '../../src/main/mirror/contacts-repo';
import { closeMirror, openMirror } from '../../src/main/mirror/database';
import { phoneRegion } from '../../src/main/phones/normalize';
import { createSandboxAccount } from '../../src/main/sandbox/account';
import type { Device } from '../../src/shared/api/types';
import { argNumber, medianMs, report } from './bench-kit';

const contactCount = argNumber('contacts', 100_000);
const dir = mkdtempSync(join(tmpdir(), 'amo-phonebook-bench-'));
const db = openMirror(join(dir, 'mirror.sqlite'));
try {
  const crm = createSandboxAccount({ seed: 'bench', contactCount, anchorTime: 1_750_000_000 });
  const admin = crm.users.find((user) => user.key === 'admin');
  saveAccount(db, {
    id: crm.id,
    name: crm.name,
    subdomain: crm.subdomain,
    baseUrl: 'https://bench.amocrm.ru',
    country: 'RU',
    currentUserId: admin?.id ?? 1,
    isDemo: false,
    authKind: 'long-lived',
    connectedAt: 0,
  });
  saveRights(db, crm.id, { known: true, exportLetter: 'A', isAdmin: true, groupId: 0 }, 0);
  const region = phoneRegion('RU');
  for (let start = 0; start < contactCount; start += 250) {
    const page = [];
    for (let i = start; i < Math.min(contactCount, start + 250); i++)
      page.push(toMirrorContact(crm.contactAt(i), region));
    upsertContacts(db, crm.id, page);
  }
  const account = getAccount(db, crm.id);
  if (!account) throw new Error('no account');

  const exportOnce = async (device: Device, out: string) => {
    const plan = planExport({
      db,
      device,
      accounts: [account],
      period: 'all',
      filters: { onlyMine: false, responsible: null },
      nowMs: Date.now(),
    });
    await writePlanFile(plan, 'vcard3', out);
    return plan.preview;
  };
  const android: Device = { id: 'bench-android', name: 'Android', platform: 'android', createdAt: 0 };
  const iphone: Device = { id: 'bench-iphone', name: 'iPhone', platform: 'ios', createdAt: 0 };

  // Warm up the statement caches and the page cache once, as a running app would be.
  await exportOnce(android, join(dir, 'warm.vcf'));
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  let delivered = 0;
  const androidMs = await medianMs(5, async () => {
    delivered = (await exportOnce(android, join(dir, 'android.vcf'))).delivered;
  });
  clearInterval(sampler);
  let iosDelivered = 0;
  const iosMs = await medianMs(5, async () => {
    iosDelivered = (await exportOnce(iphone, join(dir, 'iphone.vcf'))).delivered;
  });
  const baselineMs = await medianMs(5, () => {
    const names = db
      .prepare('SELECT name FROM contacts WHERE phone_count > 0 ORDER BY updated_at DESC, id DESC')
      .pluck()
      .all() as string[];
    writeFileSync(join(dir, 'names.txt'), names.join('\n'));
  });

  report(
    `Android first export, period "all": ${delivered} of ${contactCount} contacts, delta + vCard 3.0 file (median of 5)`,
    androidMs,
    'SELECT names + write file',
    baselineMs,
  );
  report(
    `iPhone first export: the ${iosDelivered} freshest of ${contactCount} (median of 5)`,
    iosMs,
    'SELECT names + write file',
    baselineMs,
  );
  console.log(
    `peak memory during the Android exports: ${(peak / 2 ** 20).toFixed(0)} MB (${((peak - rssBefore) / 2 ** 20).toFixed(0)} MB above the ${(rssBefore / 2 ** 20).toFixed(0)} MB before)`,
  );
} finally {
  closeMirror(db);
  rmSync(dir, { recursive: true, force: true });
}
