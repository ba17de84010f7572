/**
 * Pulling an account at amoCRM's 7 requests/s: wall time against the bound that limit
 * sets (pages / 7 s), and the 429s the sandbox had to send (a polite client sends none).
 * Usage: npm run bench -- --contacts 12000
 */
import { argNumber, benchWorld, report } from './bench-kit';

const contacts = argNumber('contacts', 12_000);
const world = await benchWorld(contacts, { rateLimit: 7, requestsPerSecond: 7 });
try {
  // Let the window of the connecting request pass, so the sync starts with a full budget.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const requestsBefore = world.sandbox.receivedRequests();
  const started = performance.now();
  const result = await world.service.api.syncAccounts({});
  const wall = performance.now() - started;
  const requests = world.sandbox.receivedRequests() - requestsBefore;
  // n requests at 7 per second cannot take less than (n - 7) / 7 s: 7 go at once, then 7 a second.
  const boundMs = (Math.max(0, requests - 7) / 7) * 1000;
  report(
    `sync ${contacts} contacts (${result.accounts[0]?.pages} pages, ${requests} requests) at 7 req/s`,
    wall,
    'the 7 req/s bound',
    boundMs,
  );
  console.log(`429 answers from the sandbox: ${world.sandbox.rejectedRequests()}`);
} finally {
  await world.close();
}
