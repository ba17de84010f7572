/**
 * Issue 17: the first export of an account does not wait for the whole first pull. The pull
 * goes freshest first; an export whose window has arrived runs while the rest of the account is
 * still being pulled behind it, and is the export a complete mirror would give. A real sandbox
 * over HTTP, paced at 40 requests a second so the pull of 12,000 contacts (48 pages) takes
 * longer than the export needs; edits made during the pull; the mirror exact at the end.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contactUid } from '../../../src/main/export/card-from-mirror';
import { periodStart } from '../../../src/main/export/period';
import { type HostileCrm, startHostileCrm } from '../../helpers/hostile-crm';
import { readVCards } from '../../helpers/vcard-reader';
import { crmSnapshot, mirrorSnapshot, syncWorld } from '../sync/sync-world';

type World = Awaited<ReturnType<typeof syncWorld>>;
let world: World | null = null;
let crm: HostileCrm | null = null;
afterEach(async () => {
  await crm?.stop();
  await world?.close();
  world = null;
  crm = null;
});

const totalPages = 48;

async function pacedWorld(
  connect: (w: World) => Promise<unknown> = (w) => w.connectAdmin(),
): Promise<World & { pagesSoFar: () => number }> {
  const paced = await syncWorld({ contacts: totalPages * 250, seed: 'early-export' }, { requestsPerSecond: 40 });
  world = paced;
  let pages = 0;
  paced.service.events.on('sync:progress', (event) => {
    if (event.phase === 'contacts') pages = Math.max(pages, event.pages);
  });
  await connect(paced);
  return { ...paced, pagesSoFar: () => pages };
}

const hasPhone = (w: World, id: number) =>
  (w.sandbox.liveContact(id)?.custom_fields_values ?? []).some(
    (field) => field.field_code === 'PHONE' && (field.values ?? []).length > 0,
  );

/** What a complete mirror would export: the CRM's own contacts, by the same rules. */
function freshestWithPhone(w: World, count: number): Set<string> {
  const ids = w.sandbox
    .contactIds()
    .filter((id) => hasPhone(w, id))
    .sort((a, b) => (w.sandbox.liveContact(b)?.updated_at ?? 0) - (w.sandbox.liveContact(a)?.updated_at ?? 0) || b - a);
  return new Set(ids.slice(0, count).map((id) => contactUid(w.sandbox.accountId, id)));
}

async function exportFile(w: World, deviceId: string, period: string) {
  const outPath = join(w.dataDir, `${deviceId}.vcf`);
  const result = await w.call('exportToFile', { deviceId, outPath, period });
  return { result, uids: new Set(readVCards(readFileSync(outPath, 'utf8')).map((card) => card.text('UID') ?? '')) };
}

describe('the first export during the first pull', () => {
  it("an iPhone's 5,000 freshest: delivered before the pull ends, exactly those, and the pull ends exact", async () => {
    const w = await pacedWorld();
    const iphone = await w.call('addDevice', { name: 'iPhone', platform: 'ios' });
    const { result, uids } = await exportFile(w, iphone.id, 'all');
    const pagesAtExport = w.pagesSoFar();
    expect(pagesAtExport).toBeLessThan(totalPages);
    expect(result.stillPulling).toBe(true);
    expect(result.accounts[0]?.stillPulling).toBe(true);
    expect(result.new).toBe(5000);
    expect(uids).toEqual(freshestWithPhone(w, 5000));

    // The pull went on behind the export; "Sync now" joins it instead of refusing.
    await w.call('syncAccounts', {});
    expect(w.pagesSoFar()).toBe(totalPages);
    expect(mirrorSnapshot(w.dataDir, w.sandbox.accountId)).toEqual(crmSnapshot(w.sandbox));
    // The next export of the iPhone has nothing new: the first one was the complete one.
    const again = await exportFile(w, iphone.id, 'all');
    expect(again.result).toMatchObject({ new: 0, updated: 0, stillPulling: false });
  }, 60_000);

  it('an edit made during the pull, to a contact the pull had not reached, is in the export (R1)', async () => {
    const w = await pacedWorld();
    const iphone = await w.call('addDevice', { name: 'iPhone', platform: 'ios' });
    // The stalest contact, which the pull reaches last: edited once the pull is under way.
    const stalest = w.sandbox
      .contactIds()
      .filter((id) => hasPhone(w, id))
      .sort(
        (a, b) => (w.sandbox.liveContact(a)?.updated_at ?? 0) - (w.sandbox.liveContact(b)?.updated_at ?? 0),
      )[0] as number;
    const background = w.call('syncAccounts', {});
    await expect.poll(() => w.pagesSoFar(), { timeout: 20_000, interval: 10 }).toBeGreaterThanOrEqual(3);
    w.sandbox.editContact(stalest, { name: 'Правка Во Время Загрузки' });
    const { result, uids } = await exportFile(w, iphone.id, 'all');
    expect(w.pagesSoFar()).toBeLessThan(totalPages);
    expect(result.stillPulling).toBe(true);
    expect(uids.has(contactUid(w.sandbox.accountId, stalest))).toBe(true);
    expect(uids).toEqual(freshestWithPhone(w, 5000));
    await background;
    expect(mirrorSnapshot(w.dataDir, w.sandbox.accountId)).toEqual(crmSnapshot(w.sandbox));
  }, 60_000);

  it('a first export of the last 30 days runs once they have arrived; "all" waits for the whole account', async () => {
    const w = await pacedWorld();
    const android = await w.call('addDevice', { name: 'Android', platform: 'android' });
    const since = periodStart('30d', Date.now());
    const expected = new Set(
      w.sandbox
        .contactIds()
        .filter((id) => hasPhone(w, id) && (w.sandbox.liveContact(id)?.updated_at ?? 0) >= since)
        .map((id) => contactUid(w.sandbox.accountId, id)),
    );
    expect(expected.size).toBeGreaterThan(0);
    const month = await exportFile(w, android.id, '30d');
    expect(w.pagesSoFar()).toBeLessThan(totalPages);
    expect(month.result.stillPulling).toBe(true);
    expect(month.uids).toEqual(expected);

    const file = await w.call('addDevice', { name: 'Google', platform: 'file' });
    const everything = await exportFile(w, file.id, 'all');
    expect(w.pagesSoFar()).toBe(totalPages);
    expect(everything.result.stillPulling).toBe(false);
    expect(everything.uids.size).toBe(w.sandbox.contactIds().filter((id) => hasPhone(w, id)).length);
  }, 60_000);

  it('a CRM that ignores the order it was asked for: the export waits for the whole account, and is exact', async () => {
    const w = await pacedWorld(async (paced) => {
      // Every contacts page comes back by id, whatever order was asked (as some accounts' API does).
      crm = await startHostileCrm(paced.sandbox.baseUrl);
      crm.arm(
        '/api/v4/contacts',
        async (res, _upstream, req) => {
          const url = new URL(req.url ?? '/', paced.sandbox.baseUrl);
          url.searchParams.delete('order[updated_at]');
          url.searchParams.set('order[id]', 'asc');
          const answer = await fetch(url, { headers: { authorization: String(req.headers.authorization) } });
          const body = Buffer.from(await answer.arrayBuffer());
          res.writeHead(answer.status, { 'content-type': 'application/hal+json', 'content-length': body.length });
          res.end(body);
        },
        10_000,
      );
      return paced.call('addAccountWithToken', { baseUrl: crm.url, token: paced.sandbox.tokens['admin'] as string });
    });
    const iphone = await w.call('addDevice', { name: 'iPhone', platform: 'ios' });
    const { result, uids } = await exportFile(w, iphone.id, 'all');
    expect(w.pagesSoFar()).toBe(totalPages);
    expect(result.stillPulling).toBe(false);
    expect(uids).toEqual(freshestWithPhone(w, 5000));
  }, 60_000);
});
