/**
 * CardDAV figures (issue 9): a first export of about 5,000 contacts into a real Radicale
 * (its own "amoCRM" book, one PUT per card), then a re-export of 100 changed contacts,
 * with the requests counted (the re-export must send only the changed cards). Baseline in
 * the same run: the same exports to a .vcf file device. The CRM is the sandbox, pulled
 * before each measurement so the exports' own refresh is near-empty on both sides.
 * Usage: npm run bench -- --contacts 5750   (about 87% of sandbox contacts have a phone)
 */
import { join } from 'node:path';
import { startRadicale } from '../helpers/radicale';
import { argNumber, benchWorld, report } from './bench-kit';

const contacts = argNumber('contacts', 5750);
const changes = 100;
const world = await benchWorld(contacts, { rateLimit: 0, requestsPerSecond: 1000 });
const radicale = await startRadicale();
try {
  const api = world.service.api;
  await api.syncAccounts({});
  const file = await api.addDevice({ name: 'File', platform: 'file' });
  const { device } = await api.addCardDavDevice({
    name: 'Radicale',
    provider: 'custom',
    serverUrl: radicale.url,
    username: radicale.user,
    password: radicale.password,
  });

  const timed = async <T>(task: () => Promise<T>): Promise<[T, number]> => {
    const started = performance.now();
    const value = await task();
    return [value, performance.now() - started];
  };

  const [fileFirst, fileFirstMs] = await timed(() =>
    api.exportToFile({
      deviceId: file.id,
      period: 'all',
      format: 'vcard3',
      onlyMine: false,
      outPath: join(world.dataDir, 'a.vcf'),
    }),
  );
  const [first, firstMs] = await timed(() =>
    api.exportToCardDav({ deviceId: device.id, period: 'all', onlyMine: false }),
  );
  console.log(
    `first export: ${first.written} cards to Radicale (file: ${fileFirst.delivered}), ${first.requests} requests`,
  );
  report(
    `CardDAV first export of ${first.written} contacts`,
    firstMs,
    `.vcf file of the same ${fileFirst.delivered}`,
    fileFirstMs,
  );
  if (first.written !== fileFirst.delivered) throw new Error('the two first exports differ');

  // 100 CRM changes: half renamed, half with a phone added (R12, R9).
  const withPhone = world.sandbox
    .contactIds()
    .filter((id) =>
      (world.sandbox.liveContact(id)?.custom_fields_values ?? []).some((field) => field.field_code === 'PHONE'),
    );
  withPhone.slice(0, changes).forEach((id, n) => {
    if (n % 2 === 0) world.sandbox.editContact(id, { name: `Переименован ${n}` });
    else world.sandbox.editContact(id, { phones: [`+7 913 ${String(100_0000 + n).slice(1)}`] });
  });
  await api.syncAccounts({});
  const [fileAgain, fileAgainMs] = await timed(() =>
    api.exportToFile({ deviceId: file.id, format: 'vcard3', onlyMine: false, outPath: join(world.dataDir, 'b.vcf') }),
  );
  const [again, againMs] = await timed(() => api.exportToCardDav({ deviceId: device.id, onlyMine: false }));
  console.log(
    `re-export: ${again.written} cards written (updated ${again.updated}, new ${again.new}), ${again.requests} requests in all (file: ${fileAgain.delivered} cards)`,
  );
  report(
    `CardDAV re-export of ${changes} changes`,
    againMs,
    `.vcf file of the same ${fileAgain.delivered}`,
    fileAgainMs,
  );
  if (again.written !== changes) throw new Error(`expected ${changes} cards written, got ${again.written}`);
  // The book's lookup and one sync-collection REPORT, then one PUT per changed card.
  if (again.requests > changes + 2) throw new Error(`the re-export sent ${again.requests} requests`);
} finally {
  await radicale.stop();
  await world.close();
}
