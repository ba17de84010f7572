/**
 * Issue 17: the time from connecting an account (fresh data folder) to its first export on a
 * phone, at amoCRM's 7 requests/s, while the first pull goes freshest first: an iPhone's 5,000
 * freshest and a 30-day Android export. Baseline from the same run: the time the requests that
 * export made cannot go below at 7 per second (and, for scale, what the whole pull would take).
 * Also the mirror's size and this process's peak memory by the time of the export.
 * Usage: npm run bench -- --contacts 100000   (1000, 500000 for the growth)
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemorySecretStore } from '../../src/main/secrets/file-secret-store';
import { createCoreService } from '../../src/main/service';
import { argNumber, report, sampleRss, startSandboxProcess } from './bench-kit';

const contacts = argNumber('contacts', 100_000);
const ready = await startSandboxProcess(contacts, 7);
const received = async () => (await ready.stats()).received;
/** n requests at 7 a second, as the issue counts them ("20 requests are 2.9 s at 7/s"). */
const atSevenPerSecondMs = (requests: number) => (requests / 7) * 1000;
/** The mirror's file and its write-ahead log (reused up to its 40 MB checkpoint), in MB. */
const mirrorMb = (dataDir: string) =>
  ['mirror.sqlite', 'mirror.sqlite-wal']
    .map((name) => {
      try {
        return (statSync(join(dataDir, name)).size / 2 ** 20).toFixed(1);
      } catch {
        return '0';
      }
    })
    .join(' MB + WAL ');

async function firstExport(label: string, platform: 'ios' | 'android', period: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'amo-phonebook-bench-'));
  const service = createCoreService({ dataDir, face: 'cli', secrets: createMemorySecretStore(), requestsPerSecond: 7 });
  let pages = 0;
  service.events.on('sync:progress', (event) => {
    if (event.phase === 'contacts') pages = Math.max(pages, event.pages);
  });
  try {
    // The previous run's requests leave the sandbox's one-second window first.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await service.api.addAccountWithToken({ baseUrl: ready.baseUrl, token: ready.tokens['admin'] as string });
    const device = await service.api.addDevice({ name: label, platform });
    // Let the connecting requests leave the one-second window: the export starts with a full budget.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const before = await received();
    const memory = sampleRss();
    const started = performance.now();
    const result = await service.api.exportToFile({
      deviceId: device.id,
      outPath: join(dataDir, 'first.vcf'),
      period,
      onlyMine: false,
      format: 'vcard3',
    });
    const wall = performance.now() - started;
    const { before: rssBefore, peak: peakRss } = memory.stop();
    const requests = (await received()) - before - 1;
    const totalPages = Math.ceil(contacts / 250);
    report(
      `first ${label} export of ${contacts} contacts (${result.new} cards; ${pages} of ${totalPages} pages pulled, ${requests} requests)`,
      wall,
      'those requests at 7 req/s',
      atSevenPerSecondMs(requests),
    );
    const inMirror = (await service.api.listAccounts({}))[0]?.contactCount ?? 0;
    console.log(
      `  ${inMirror} contacts in the mirror then; the whole pull would be ${(atSevenPerSecondMs(totalPages + 5) / 1000).toFixed(1)} s at 7 req/s; still pulling: ${result.stillPulling}; mirror ${mirrorMb(dataDir)} MB; peak memory ${(peakRss / 2 ** 20).toFixed(0)} MB (+${((peakRss - rssBefore) / 2 ** 20).toFixed(0)} MB)`,
    );
    await service.api.cancelSync({});
  } finally {
    await service.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

try {
  await firstExport('iPhone', 'ios', 'all');
  await firstExport('30-day Android', 'android', '30d');
} finally {
  await ready.stop();
}
