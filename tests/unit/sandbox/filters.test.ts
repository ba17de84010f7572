/** filter[...] on /contacts: silently ignored unless the account has API filtering switched on. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../../src/main/sandbox/server';
import { allItems, apiGet, type ContactRow, type Page } from './sandbox-http';

const anchorTime = 1_780_000_000;
let plain: SandboxHandle;
let filtering: SandboxHandle;
beforeAll(async () => {
  const common = { contacts: 700, seed: 'filters', rateLimit: 0, anchorTime, clock: () => anchorTime + 500 };
  plain = await startSandbox(common);
  filtering = await startSandbox({ ...common, apiFilterEnabled: true });
});
afterAll(async () => {
  await plain.close();
  await filtering.close();
});

const contactsOf = async (sandbox: SandboxHandle, query: string) => {
  const answer = await apiGet(sandbox, `/api/v4/contacts?${query}`);
  return answer.status === 204 ? [] : ((answer.json as Page<ContactRow>)._embedded['contacts'] ?? []);
};
const filterFlag = async (sandbox: SandboxHandle) =>
  ((await apiGet(sandbox, '/api/v4/account?with=is_api_filter_enabled')).json as Record<string, unknown>)[
    'is_api_filter_enabled'
  ];

describe('sandbox contact filters', () => {
  it('reports the flag on /account', async () => {
    expect(await filterFlag(plain)).toBe(false);
    expect(await filterFlag(filtering)).toBe(true);
  });

  it('ignores every filter without a word when filtering is off: the full, unfiltered page', async () => {
    const id = plain.contactIds()[5] as number;
    const unfiltered = (await contactsOf(plain, 'limit=250')).map((c) => c.id);
    for (const query of [
      `filter[id]=${id}`,
      `filter[id][]=${id}`,
      `filter[updated_at][from]=${anchorTime}&filter[updated_at][to]=${anchorTime}`,
      'filter[id]=not-a-number',
      'filter[responsible_user_id]=5000002',
    ]) {
      expect(
        (await contactsOf(plain, `limit=250&${query}`)).map((c) => c.id),
        query,
      ).toEqual(unfiltered);
    }
  });

  it('honours filter[id], single or as an array, when filtering is on', async () => {
    const [a, b, c] = filtering.contactIds().slice(3, 6) as [number, number, number];
    expect((await contactsOf(filtering, `filter[id]=${b}`)).map((x) => x.id)).toEqual([b]);
    expect((await contactsOf(filtering, `filter[id][]=${c}&filter[id][]=${a}`)).map((x) => x.id)).toEqual([a, c]);
    expect((await contactsOf(filtering, `filter[id][0]=${a}&filter[id][1]=${b}`)).map((x) => x.id)).toEqual([a, b]);
    expect((await apiGet(filtering, '/api/v4/contacts?filter[id]=1')).status).toBe(204);
    expect((await apiGet(filtering, '/api/v4/contacts?filter[id]=abc')).status).toBe(400);
  });

  it('honours an updated_at range (inclusive) and sees edits', async () => {
    const all = await allItems<ContactRow>(filtering, '/api/v4/contacts?limit=250', 'contacts');
    const stamps = all.map((c) => c.updated_at).sort((x, y) => x - y);
    const from = stamps[100] as number;
    const to = stamps[300] as number;
    const expected = all.filter((c) => c.updated_at >= from && c.updated_at <= to).map((c) => c.id);
    const query = `limit=250&filter[updated_at][from]=${from}&filter[updated_at][to]=${to}`;
    const got = await allItems<ContactRow>(filtering, `/api/v4/contacts?${query}`, 'contacts');
    expect(got.map((c) => c.id)).toEqual(expected);
    expect(expected.length).toBeGreaterThanOrEqual(201);

    const edited = filtering.editContact(all[0]?.id as number, { name: 'Только что' });
    const recent = await contactsOf(filtering, `filter[updated_at][from]=${anchorTime + 1}`);
    expect(recent.map((c) => c.id)).toEqual([edited.id]);
  });

  it('treats a bare filter[updated_at]=T as no range: only contacts updated exactly at T', async () => {
    const sample = filtering.liveContact(filtering.contactIds()[50] as number) as ContactRow;
    const got = await contactsOf(filtering, `filter[updated_at]=${sample.updated_at}`);
    expect(got.map((c) => c.id)).toContain(sample.id);
    expect(got.every((c) => c.updated_at === sample.updated_at)).toBe(true);
  });

  it('honours filter[responsible_user_id], one user or several, and follows a reassignment', async () => {
    const all = await allItems<ContactRow & { responsible_user_id: number }>(
      filtering,
      '/api/v4/contacts?limit=250&order[updated_at]=desc',
      'contacts',
    );
    const irina = 5_000_002;
    const pavel = 5_000_003;
    const ofIrina = all.filter((c) => c.responsible_user_id === irina).map((c) => c.id);
    expect(ofIrina.length).toBeGreaterThan(50);
    const query = `limit=250&order[updated_at]=desc&filter[responsible_user_id]=${irina}`;
    const got = await allItems<ContactRow>(filtering, `/api/v4/contacts?${query}`, 'contacts');
    expect(got.map((c) => c.id)).toEqual(ofIrina);
    const both = await allItems<ContactRow>(
      filtering,
      `/api/v4/contacts?limit=250&filter[responsible_user_id][]=${irina}&filter[responsible_user_id][]=${pavel}`,
      'contacts',
    );
    expect(both.length).toBe(all.filter((c) => [irina, pavel].includes(c.responsible_user_id)).length);
    expect((await apiGet(filtering, '/api/v4/contacts?filter[responsible_user_id]=x')).status).toBe(400);

    filtering.editContact(ofIrina[0] as number, { responsible_user_id: pavel });
    const after = await allItems<ContactRow>(filtering, `/api/v4/contacts?${query}`, 'contacts');
    expect(after.map((c) => c.id)).toEqual(ofIrina.slice(1));
  });
});
