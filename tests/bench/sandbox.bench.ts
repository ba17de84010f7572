/**
 * The sandbox's own figures with 100,000 contacts (it must never be what a sync benchmark
 * measures): start-up, and a 250-contact page deep in the account by id and by updated_at,
 * against a baseline from the same run: page 1 by id.
 * Usage: npx tsx tests/bench/sandbox.bench.ts [--contacts 100000]
 */
import { startSandbox } from '../../src/main/sandbox/server';
import { argNumber, medianMs, report } from './bench-kit';

const contacts = argNumber('contacts', 100_000);
const started = performance.now();
const sandbox = await startSandbox({ contacts, seed: 'large', rateLimit: 0 });
console.log(`start with ${contacts} contacts: ${(performance.now() - started).toFixed(0)} ms`);
try {
  const get = (query: string) =>
    fetch(`${sandbox.baseUrl}/api/v4/contacts?limit=250&${query}`, {
      headers: { authorization: `Bearer ${sandbox.tokens['admin']}` },
    }).then((answer) => answer.arrayBuffer());
  const deepPage = Math.floor(contacts / 250 / 2);
  const baseline = await medianMs(9, () => get('page=1'));
  report(
    `page ${deepPage} by id (median of 9)`,
    await medianMs(9, () => get(`page=${deepPage}`)),
    'page 1 by id',
    baseline,
  );
  report(
    `page ${deepPage} by updated_at desc (median of 9)`,
    await medianMs(9, () => get(`page=${deepPage}&order[updated_at]=desc`)),
    'page 1 by id',
    baseline,
  );
} finally {
  await sandbox.close();
}
