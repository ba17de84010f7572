/**
 * The export engine's figures: a first export of 100,000 contacts with period "all" to an
 * Android phone (delta + vCard 3.0 file), the same to an iPhone (the 5,000 freshest), and
 * the peak memory, against a baseline that only SELECTs the same contacts' names and
 * writes them to a file, in the same run. The mirror is filled directly (no HTTP): the
 * figure is the export, not the pull.
 * The mirror is filled by a child process, so the peak memory reported is the export's:
 * RSS at its peak (the kernel's high-water mark), and that minus the process's RSS at start.
 * Usage: npm run bench -- --contacts 100000
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writePlanFile } from '../../src/main/export/file-export';
import { discardPlan, planExport } from '../../src/main/export/plan-export';
import { getAccount } from '../../src/main/mirror/accounts-repo';
import { closeStore, openStore } from '../../src/main/store/open-store';
import type { Device } from '../../src/shared/api/types';
import { argNumber, report } from './bench-kit';
import { fillMirror } from './fill-mirror';

// The process's own memory before anything: the peak is reported against this.
const rssAtStart = process.memoryUsage().rss;
const contactCount = argNumber('contacts', 100_000);
const fillIndex = process.argv.indexOf('--fill');

if (fillIndex >= 0) {
  fillMirror(process.argv[fillIndex + 1] as string, contactCount);
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'amo-phonebook-bench-'));
const mirrorPath = join(dir, 'mirror.sqlite');
const filled = spawnSync(
  process.execPath,
  [...process.execArgv, fileURLToPath(import.meta.url), '--fill', mirrorPath, '--contacts', String(contactCount)],
  { stdio: 'inherit' },
);
if (filled.status !== 0) throw new Error('filling the mirror failed');
const db = openStore(mirrorPath);
try {
  const accountId = db.prepare('SELECT id FROM accounts').pluck().get() as number;
  const account = getAccount(db, accountId);
  if (!account) throw new Error('no account');

  /** One first export: plan + vCard 3.0 file, timed; then its staging discarded (untimed), as a run that is not committed. */
  const exportOnce = async (device: Device, out: string) => {
    const started = performance.now();
    const plan = planExport({
      db,
      device,
      accounts: [account],
      period: 'all',
      filters: { onlyMine: false, responsible: null },
      nowMs: Date.now(),
    });
    await writePlanFile(db, plan, 'vcard3', out);
    const ms = performance.now() - started;
    discardPlan(db, plan);
    return { ms, delivered: plan.preview.delivered };
  };
  const medianOf = async (runs: number, task: () => Promise<number>) => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(await task());
    return times.sort((x, y) => x - y)[Math.floor(runs / 2)] as number;
  };
  const android: Device = { id: 'bench-android', name: 'Android', platform: 'android', createdAt: 0 };
  const iphone: Device = { id: 'bench-iphone', name: 'iPhone', platform: 'ios', createdAt: 0 };

  // Warm up the statement caches and the page cache once, as a running app would be.
  await exportOnce(android, join(dir, 'warm.vcf'));
  const rssBefore = process.memoryUsage().rss;
  let delivered = 0;
  const androidMs = await medianOf(5, async () => {
    const run = await exportOnce(android, join(dir, 'android.vcf'));
    delivered = run.delivered;
    return run.ms;
  });
  // The kernel's high-water mark of this process's RSS (a timer cannot sample inside the
  // synchronous rendering); the process has done nothing but open the mirror and export.
  const peak = process.resourceUsage().maxRSS * 1024;
  let iosDelivered = 0;
  const iosMs = await medianOf(5, async () => {
    const run = await exportOnce(iphone, join(dir, 'iphone.vcf'));
    iosDelivered = run.delivered;
    return run.ms;
  });
  const baselineMs = await medianOf(5, () => {
    const started = performance.now();
    const names = db
      .prepare('SELECT name FROM contacts WHERE phone_count > 0 ORDER BY updated_at DESC, id DESC')
      .pluck()
      .all() as string[];
    writeFileSync(join(dir, 'names.txt'), names.join('\n'));
    return Promise.resolve(performance.now() - started);
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
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
  console.log(
    `peak memory during the Android exports: ${mb(peak)} RSS, ${mb(peak - rssAtStart)} above the process's start (${mb(rssAtStart)}); ${mb(peak - rssBefore)} above the ${mb(rssBefore)} just before the exports (the mirror is filled by a child process)`,
  );
} finally {
  closeStore(db);
  rmSync(dir, { recursive: true, force: true });
}
