/**
 * The LAN handoff's figures: 5,000 contacts from "open handoff" (the desktop's startHandoff,
 * which plans, renders, seals and opens the server) to "the vCard in the phone page" (the
 * real companion page in Chromium has decrypted it and shows the import button), on this
 * machine (its LAN address is a local route), against a baseline from the same run: the
 * same export written to a .vcf file through the same API. Also the sizes: the plain file,
 * the sealed payload as sent (compressed, as the page asks when it can inflate), and sealed
 * without compression (a page without DecompressionStream).
 * Needs the built UI (npx electron-vite build) and Debian's chromium.
 * Usage: npx tsx tests/bench/handoff.bench.ts [--contacts 5750]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { preparePayload, sealPayload } from '../../src/main/delivery/handoff/payload';
import { formattedNames } from '../../src/main/export/vcard-names';
import { startSandbox } from '../../src/main/sandbox/server';
import { createMemorySecretStore } from '../../src/main/secrets/file-secret-store';
import { createCoreService } from '../../src/main/service';
import { randomBytes } from '../../src/shared/handoff/crypto';
import { metaNameLimit } from '../../src/shared/handoff/protocol';
import { launchChromium } from '../helpers/chromium';
import { argNumber, medianMs, report } from './bench-kit';

// About 87% of sandbox contacts have a phone: 5,750 gives about 5,000 cards, the figure.
const contacts = argNumber('contacts', 5750);
const sandbox = await startSandbox({ contacts, seed: 'bench-handoff', rateLimit: 1000 });
const dataDir = mkdtempSync(join(tmpdir(), 'amo-phonebook-bench-'));
const service = createCoreService({
  dataDir,
  face: 'cli',
  secrets: createMemorySecretStore(),
  requestsPerSecond: 1000,
});
const browser = await launchChromium();
try {
  const api = service.api;
  const account = await api.addAccountWithToken({ baseUrl: sandbox.baseUrl, token: sandbox.tokens['admin'] as string });
  await api.syncAccounts({});
  const phone = await api.addDevice({ name: 'Phone', platform: 'android' });
  const twin = await api.addDevice({ name: 'Twin', platform: 'android' });
  // The phone's browser is open already, as it is when its owner scans the code.
  const context = await browser.newContext({ viewport: { width: 412, height: 915 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();

  let delivered = 0;
  const handoffMs = await medianMs(5, async () => {
    await api.resetExport({ deviceId: phone.id, accountId: account.id });
    const started = await api.startHandoff({ deviceId: phone.id, period: 'all', onlyMine: false, route: 'lan' });
    delivered = started.preview.delivered;
    await page.goto(started.url);
    await page.getByRole('link', { name: 'Import contacts' }).waitFor({ timeout: 30_000 });
  });
  const fileMs = await medianMs(5, async () => {
    await api.resetExport({ deviceId: twin.id, accountId: account.id });
    await api.exportToFile({
      deviceId: twin.id,
      period: 'all',
      onlyMine: false,
      format: 'vcard3',
      outPath: join(dataDir, 'twin.vcf'),
    });
  });
  report(
    `${delivered} contacts, open handoff -> vCard in the phone page (Chromium, median of 5)`,
    handoffMs,
    'the same export to a .vcf file',
    fileMs,
  );

  await api.resetExport({ deviceId: twin.id, accountId: account.id });
  const file = await api.exportToFile({
    deviceId: twin.id,
    period: 'all',
    onlyMine: false,
    format: 'vcard3',
    outPath: join(dataDir, 'sizes.vcf'),
  });
  const vcard = readFileSync(file.file);
  const prepared = preparePayload({
    vcard,
    count: delivered,
    names: formattedNames(vcard, metaNameLimit),
    fileName: 'amocrm-2026-11-26.vcf',
    accounts: ['amoCRM'],
  });
  const key = randomBytes(32);
  const deflated = sealPayload(prepared, 'deflate-raw', key, 'AAAAAAAAAAAAAAAAAAAAAA').length;
  const identity = sealPayload(prepared, 'identity', key, 'AAAAAAAAAAAAAAAAAAAAAA').length;
  const percent = (bytes: number) => `${((bytes / vcard.length - 1) * 100).toFixed(1)}%`;
  console.log(
    `payload: plain vCard ${vcard.length} bytes; sealed as sent (deflate-raw) ${deflated} bytes (${percent(deflated)}); sealed uncompressed ${identity} bytes (${percent(identity)}, with the meta: the first 200 names)`,
  );
  await context.close();
} finally {
  await browser.close();
  await service.close();
  await sandbox.close();
  rmSync(dataDir, { recursive: true, force: true });
}
