/**
 * 100,000 contacts stay cheap: generated on demand, only edits are stored. (How fast it
 * starts and serves is measured by tests/bench/sandbox.bench.ts, not asserted here.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../../src/main/sandbox/server';
import { apiGet, type ContactRow, type Page } from './sandbox-http';

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox({ contacts: 100_000, seed: 'large', rateLimit: 0 });
});
afterAll(() => sandbox.close());

async function page(query: string): Promise<ContactRow[]> {
  const answer = await apiGet(sandbox, `/api/v4/contacts?limit=250&${query}`);
  return (answer.json as Page<ContactRow>)._embedded['contacts'] ?? [];
}

describe('sandbox with 100,000 contacts', () => {
  it('serves full 250-contact pages deep in the account, by id and by updated_at', async () => {
    const byId = await page('page=300');
    expect(byId).toHaveLength(250);
    expect(byId.map((c) => c.id)).toEqual([...byId.map((c) => c.id)].sort((a, b) => a - b));
    const byUpdate = await page('page=300&order[updated_at]=desc');
    expect(byUpdate).toHaveLength(250);
    const times = byUpdate.map((c) => c.updated_at ?? 0);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('keeps the edits in place among the generated contacts', async () => {
    const [a, b] = sandbox.contactIds().slice(99_000, 99_002) as [number, number];
    sandbox.editContact(a, { name: 'Правка' });
    sandbox.deleteContact(b);
    const newest = (await apiGet(sandbox, '/api/v4/contacts?limit=1&order[updated_at]=desc')).json as Page<ContactRow>;
    expect(newest._embedded['contacts']?.[0]?.id).toBe(a);
    expect(newest._embedded['contacts']?.[0]?.name).toBe('Правка');
    expect(sandbox.contactIds()).toHaveLength(99_999);
    expect(sandbox.contactIds()).not.toContain(b);
  });
});
