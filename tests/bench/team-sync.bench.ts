/**
 * Issue 21: a sales team on one account. N colleagues, each with the app on their own
 * computer (here: one core each, its own data folder and its own request pacing, in one
 * process), connect the same account at the same moment and make a first iPhone export,
 * against a sandbox that allows 7 requests a second for the integration they all share
 * (and never blocks, so that what is counted is 429s, not a blocked account).
 * Prints, per team size: who got no export, the time to each first export (median, max),
 * 429s of all requests, and contact pages requested against one full scan of the account.
 * Baseline from the same run: one colleague alone.
 * With --full, each colleague also waits for its whole first pull (the 429s of a long pull,
 * where the start's scramble weighs less), and the time to the end of it is printed too.
 * With --api-filter, the account honours API filters: "only mine" colleagues pull only theirs.
 * With --team-mirror, the administrator's computer has pulled the whole account and serves it
 * (issue 21, item 3) before the colleagues join with its invitation; what amoCRM hears from
 * then on is counted apart (it should be the sign-in checks alone).
 * Usage: npm run bench -- --contacts 7000 [--teams 1,10,20] [--full] [--api-filter] [--team-mirror]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SandboxHandle, startSandbox } from '../../src/main/sandbox/server';
import { createMemorySecretStore } from '../../src/main/secrets/file-secret-store';
import { createCoreService } from '../../src/main/service';
import { AppError } from '../../src/shared/errors';
import { consentAs } from '../helpers/consent-as';
import { argNumber, report } from './bench-kit';

const contacts = argNumber('contacts', 7000);
const teamsArg = process.argv.indexOf('--teams');
const teams = (teamsArg >= 0 ? (process.argv[teamsArg + 1] ?? '') : '1,10,20')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const full = process.argv.includes('--full');
const apiFilter = process.argv.includes('--api-filter');
const withTeamMirror = process.argv.includes('--team-mirror');
/** Colleagues who may export (the denied user has no export right, R7). */
const users = ['admin', 'responsible', 'group', 'group2', 'english'];

interface Colleague {
  readonly ms: number | null;
  /** Until the account was connected (the sign-in, through amoCRM). */
  readonly connectedMs: number | null;
  /** With --full: until the first pull ended. */
  readonly pulledMs: number | null;
  readonly error: string | null;
}

async function colleague(sandbox: SandboxHandle, index: number, invitation: string | null): Promise<Colleague> {
  const dataDir = mkdtempSync(join(tmpdir(), 'amo-phonebook-team-'));
  const userKey = users[index % users.length] as string;
  const service = createCoreService({
    dataDir,
    face: 'cli',
    secrets: createMemorySecretStore(),
    requestsPerSecond: 7,
    openConsentWindow: consentAs(userKey),
  });
  const started = performance.now();
  try {
    if (invitation) await service.api.connectWithInvitation({ invitation });
    else await service.api.addAccountWithToken({ baseUrl: sandbox.baseUrl, token: sandbox.tokens[userKey] as string });
    const connectedMs = performance.now() - started;
    const device = await service.api.addDevice({ name: `iPhone ${index}`, platform: 'ios' });
    await service.api.exportToFile({
      deviceId: device.id,
      outPath: join(dataDir, 'first.vcf'),
      period: 'all',
      onlyMine: false,
      format: 'vcard3',
    });
    const ms = performance.now() - started;
    if (full) await service.api.syncAccounts({});
    return { ms, connectedMs, pulledMs: full ? performance.now() - started : null, error: null };
  } catch (error) {
    return {
      ms: null,
      connectedMs: null,
      pulledMs: null,
      error: error instanceof AppError ? `${error.code}: ${error.message}` : String(error),
    };
  } finally {
    await service.api.cancelSync({}).catch(() => undefined);
    await service.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const fullScanPages = Math.ceil(contacts / 250);
let aloneMs = Number.NaN;

/**
 * The administrator's computer: connected, the whole account pulled, serving it to the team.
 * Returns its invitation and a way to close it.
 */
async function teamMirrorHost(sandbox: SandboxHandle) {
  const dataDir = mkdtempSync(join(tmpdir(), 'amo-phonebook-team-mirror-'));
  const service = createCoreService({
    dataDir,
    face: 'cli',
    secrets: createMemorySecretStore(),
    requestsPerSecond: 7,
    openConsentWindow: consentAs('admin'),
  });
  const started = performance.now();
  const account = await service.api.connectWithOAuth({
    product: 'custom',
    consentBaseUrl: sandbox.baseUrl,
    ...sandbox.oauth,
  });
  await service.api.syncAccounts({});
  const mirror = await service.api.startTeamMirror({ accountId: account.id, address: '127.0.0.1' });
  const { link } = await service.api.createTeamInvitation({ accountId: account.id });
  console.log(
    `  team mirror: the whole account pulled and served in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return {
    link,
    answered: async () => (await service.api.getTeamMirror({}))?.answered ?? mirror.answered,
    close: async () => {
      await service.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

for (const size of teams) {
  const sandbox = await startSandbox({
    contacts,
    seed: 'team',
    rateLimit: 7,
    blockAfter429s: 0,
    apiFilterEnabled: apiFilter,
  });
  const host = withTeamMirror ? await teamMirrorHost(sandbox) : null;
  // What amoCRM heard before the colleagues came (the team mirror's own pull) is not theirs.
  const receivedBefore = sandbox.receivedRequests();
  const rejectedBefore = sandbox.rejectedRequests();
  const pagesBefore = sandbox.contactPageRequests();
  try {
    const results = await Promise.all(
      Array.from({ length: size }, (_, index) => colleague(sandbox, index, host?.link ?? null)),
    );
    const times = results.flatMap((result) => (result.ms === null ? [] : [result.ms]));
    const failed = results.filter((result) => result.error !== null);
    const received = sandbox.receivedRequests() - receivedBefore;
    const rejected = sandbox.rejectedRequests() - rejectedBefore;
    if (size === 1 && times[0] !== undefined) aloneMs = times[0];
    console.log(
      `${size} colleagues: ${failed.length} got no export; first export median ${(median(times) / 1000).toFixed(1)} s, max ${(Math.max(...times) / 1000).toFixed(1)} s; 429s ${rejected} of ${received} requests (${((rejected / Math.max(1, received)) * 100).toFixed(1)}%); contact pages ${sandbox.contactPageRequests() - pagesBefore} (a full scan is ${fullScanPages})${host ? `; the team mirror answered ${await host.answered()}` : ''}`,
    );
    for (const error of new Set(failed.map((result) => result.error))) console.log(`  failed: ${error}`);
    const connected = results.flatMap((result) => (result.connectedMs === null ? [] : [result.connectedMs]));
    console.log(
      `  of which connecting (the sign-in): median ${(median(connected) / 1000).toFixed(1)} s, max ${(Math.max(...connected) / 1000).toFixed(1)} s`,
    );
    const pulled = results.flatMap((result) => (result.pulledMs === null ? [] : [result.pulledMs]));
    if (full)
      console.log(
        `  whole first pull: median ${(median(pulled) / 1000).toFixed(1)} s, max ${(Math.max(...pulled) / 1000).toFixed(1)} s`,
      );
    if (size > 1 && Number.isFinite(aloneMs)) {
      report(`${size} colleagues, slowest first export`, Math.max(...times), 'one colleague alone', aloneMs);
    }
  } finally {
    await host?.close();
    await sandbox.close();
  }
}
