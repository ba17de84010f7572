/**
 * Pulling an account at amoCRM's 7 requests/s, the way a user's first sync does: wall time
 * against the bound the limit sets, the 429s the server had to send (a polite client sends
 * none), and the peak memory of the syncing process. The sandbox runs in its own process,
 * so its memory is not counted.
 * Usage: npm run bench -- --contacts 100000
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemorySecretStore } from '../../src/main/secrets/file-secret-store';
import { createCoreService } from '../../src/main/service';
import { argNumber, report, sampleRss, startSandboxProcess } from './bench-kit';

const contacts = argNumber('contacts', 12_000);
const ready = await startSandboxProcess(contacts, 7);
const dataDir = mkdtempSync(join(tmpdir(), 'amo-phonebook-bench-'));
const service = createCoreService({ dataDir, face: 'cli', secrets: createMemorySecretStore(), requestsPerSecond: 7 });
try {
  await service.api.addAccountWithToken({ baseUrl: ready.baseUrl, token: ready.tokens['admin'] as string });
  // Let the connecting requests leave the one-second window, so the sync starts with a full budget.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const before = await ready.stats();
  const memory = sampleRss();
  const started = performance.now();
  const result = await service.api.syncAccounts({});
  const wall = performance.now() - started;
  const { before: rssBefore, peak: peakRss } = memory.stop();
  const after = await ready.stats();
  const requests = after.received - before.received;
  // n requests at 7 per second cannot take less than (n - 7) / 7 s: 7 go at once, then 7 a second.
  const boundMs = (Math.max(0, requests - 7) / 7) * 1000;
  report(
    `sync ${contacts} contacts (${result.accounts[0]?.pages} pages, ${requests} requests) at 7 req/s`,
    wall,
    'the 7 req/s bound',
    boundMs,
  );
  console.log(`429 answers: ${after.rejected - before.rejected}`);
  console.log(
    `peak memory of the syncing process: ${(peakRss / 2 ** 20).toFixed(0)} MB (${((peakRss - rssBefore) / 2 ** 20).toFixed(0)} MB above its ${(rssBefore / 2 ** 20).toFixed(0)} MB at the start)`,
  );
} finally {
  await service.close();
  await ready.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
