/** 100,000 contacts stay cheap: generated on demand, only edits are stored. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../../src/main/sandbox/server';
import { apiGet, type ContactRow, type Page } from './sandbox-http';

let sandbox: SandboxHandle;
let startMs: number;
beforeAll(async () => {
  const started = performance.now();
  sandbox = await startSandbox({ contacts: 100_000, seed: 'large', rateLimit: 0 });
  startMs = performance.now() - started;
});
afterAll(() => sandbox.close());

/** The fastest of a few runs: the cost of serving, not of a busy machine. */
async function fastestPageMs(query: string): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    const answer = await apiGet(sandbox, `/api/v4/contacts?limit=250&${query}`);
    best = Math.min(best, performance.now() - started);
    expect((answer.json as Page<ContactRow>)._embedded['contacts']).toHaveLength(250);
  }
  return best;
}

describe('sandbox with 100,000 contacts', () => {
  it('starts well under 2 s', () => {
    expect(startMs).toBeLessThan(2000);
  });

  it('serves a 250-contact page in a few milliseconds, by id and by updated_at', async () => {
    expect(await fastestPageMs('page=300')).toBeLessThan(30);
    expect(await fastestPageMs('page=300&order[updated_at]=desc')).toBeLessThan(30);
  });

  it('keeps serving quickly after edits, with the edits in place', async () => {
    const [a, b] = sandbox.contactIds().slice(99_000, 99_002) as [number, number];
    sandbox.editContact(a, { name: 'Правка' });
    sandbox.deleteContact(b);
    expect(await fastestPageMs('page=1&order[updated_at]=desc')).toBeLessThan(30);
    const newest = (await apiGet(sandbox, '/api/v4/contacts?limit=1&order[updated_at]=desc')).json as Page<ContactRow>;
    expect(newest._embedded['contacts']?.[0]?.id).toBe(a);
    expect(sandbox.contactIds()).toHaveLength(99_999);
  });
});
