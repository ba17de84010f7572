/**
 * How long a first export of 100,000 contacts to a file (refresh, plan, render, commit)
 * blocks the process the windows live in: the core in that process, as before, against the
 * core in its own process behind the relay (core-client.ts; the child is the tests' stand-in
 * for Electron's utilityProcess, a real Node process). The figure is the longest stall of
 * the main process's event loop while the export runs; the baseline is the same measure
 * over the same time with nothing running. Both runs start from copies of one mirror.
 * The sandbox runs in its own process, so serving the refresh is not counted.
 * Usage: npm run bench -- --contacts 100000
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { connectCore } from '../../src/main/core-process/core-client';
import { createMemorySecretStore } from '../../src/main/secrets/file-secret-store';
import { createCoreService } from '../../src/main/service';
import { forkCoreStandIn } from '../helpers/core-process-stand-in';
import { argNumber, report, startSandboxProcess } from './bench-kit';

const contacts = argNumber('contacts', 100_000);
const ready = await startSandboxProcess(contacts, 1000);
const root = mkdtempSync(join(tmpdir(), 'amo-phonebook-bench-'));
const secrets = createMemorySecretStore();

/** The longest event-loop stall (ms) of this process while `task` runs, and how long it ran. */
async function stallWhile(task: () => Promise<unknown>): Promise<{ stallMs: number; wallMs: number }> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const started = performance.now();
  await task();
  const wallMs = performance.now() - started;
  delay.disable();
  return { stallMs: delay.max / 1e6, wallMs };
}

try {
  // One mirror, pulled once, then copied for each run: both export the same 100,000 contacts.
  const prepared = join(root, 'prepared');
  const setup = createCoreService({ dataDir: prepared, face: 'cli', secrets, requestsPerSecond: 1000 });
  await setup.api.addAccountWithToken({ baseUrl: ready.baseUrl, token: ready.tokens['admin'] as string });
  await setup.api.syncAccounts({});
  const device = await setup.api.addDevice({ name: 'Pixel', platform: 'android' });
  await setup.api.addDevice({ name: 'Pixel 2', platform: 'android' });
  await setup.close();
  const exportInput = (dataDir: string) => ({
    deviceId: device.id,
    period: 'all',
    format: 'vcard3' as const,
    outPath: join(dataDir, 'export.vcf'),
  });

  const inProcessDir = join(root, 'in-process');
  cpSync(prepared, inProcessDir, { recursive: true });
  const inProcess = createCoreService({ dataDir: inProcessDir, face: 'electron', secrets });
  let delivered = 0;
  const before = await stallWhile(async () => {
    delivered = (await inProcess.api.exportToFile({ ...exportInput(inProcessDir), onlyMine: false })).delivered;
  });
  await inProcess.close();

  const relayedDir = join(root, 'relayed');
  cpSync(prepared, relayedDir, { recursive: true });
  const core = connectCore({
    spawn: () => forkCoreStandIn(),
    start: { dataDir: relayedDir, uiDir: join(relayedDir, 'no-ui') },
    secrets,
    openConsentWindow: () => Promise.reject(new Error('no consent in a benchmark')),
    revealFile: () => undefined,
  });
  await core.ready;
  let relayedDelivered = 0;
  const after = await stallWhile(async () => {
    const answer = await core.dispatch('exportToFile', exportInput(relayedDir));
    if (!answer.ok) throw new Error(`the relayed export failed: ${answer.error.message}`);
    relayedDelivered = (answer.value as { delivered: number }).delivered;
  });
  await core.close();
  if (relayedDelivered !== delivered) throw new Error(`exported ${delivered} in-process, ${relayedDelivered} relayed`);

  const idle = await stallWhile(() => new Promise((resolve) => setTimeout(resolve, Math.round(after.wallMs))));
  console.log(`first export of ${delivered} contacts to a file, Android, vCard 3.0`);
  report('main-process stall, core in-process (before)', before.stallMs, 'idle, same time', idle.stallMs);
  report('main-process stall, core in its own process (now)', after.stallMs, 'idle, same time', idle.stallMs);
  report('export wall time, relayed', after.wallMs, 'in-process', before.wallMs);
} finally {
  await ready.stop();
  rmSync(root, { recursive: true, force: true });
}
