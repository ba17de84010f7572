/**
 * Exporting every contact with a phone to a vCard 3.0 file, against a baseline that only
 * SELECTs the same contacts' names and writes them to a file, in the same run.
 * Usage: npm run bench -- --contacts 100000
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openMirror } from '../../src/main/mirror/database';
import { argNumber, benchWorld, medianMs, report } from './bench-kit';

const contacts = argNumber('contacts', 12_000);
// The pull is not what this measures: no rate limit on either side.
const world = await benchWorld(contacts, { rateLimit: 0, requestsPerSecond: 10_000 });
try {
  await world.service.api.syncAccounts({});
  const device = await world.service.api.addDevice({ name: 'Bench', platform: 'android' });
  const out = join(world.dataDir, 'export.vcf');
  let delivered = 0;
  const exportMs = await medianMs(5, async () => {
    delivered = (await world.service.api.exportToFile({ deviceId: device.id, outPath: out })).delivered;
  });

  const db = openMirror(join(world.dataDir, 'mirror.sqlite'));
  const baselineOut = join(world.dataDir, 'names.txt');
  const baselineMs = await medianMs(5, () => {
    const names = db
      .prepare('SELECT name FROM contacts WHERE phone_count > 0 ORDER BY updated_at DESC, id DESC')
      .pluck()
      .all() as string[];
    writeFileSync(baselineOut, names.join('\n'));
  });
  db.close();

  report(
    `export ${delivered} of ${contacts} contacts to a .vcf (median of 5)`,
    exportMs,
    'SELECT names + write file',
    baselineMs,
  );
} finally {
  await world.close();
}
