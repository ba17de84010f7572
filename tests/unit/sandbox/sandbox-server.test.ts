/** The sandbox answers like amoCRM's API v4, over real HTTP on loopback. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../../src/main/sandbox/server';

let sandbox: SandboxHandle;
let admin: string;

beforeAll(async () => {
  sandbox = await startSandbox({ contacts: 600, seed: 'sandbox-test', rateLimit: 0, anchorTime: 1_780_000_000 });
  admin = sandbox.tokens['admin'] as string;
});
afterAll(() => sandbox.close());

const get = (path: string, token: string | null = admin) =>
  fetch(`${sandbox.baseUrl}${path}`, token === null ? {} : { headers: { authorization: `Bearer ${token}` } });

describe('sandbox amoCRM API', () => {
  it('answers 401 problem+json without a token or with a wrong one', async () => {
    for (const token of [null, 'not-a-token', `${admin}x`]) {
      const response = await get('/api/v4/account', token);
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect((await response.json()) as object).toMatchObject({ status: 401, title: 'Unauthorized' });
    }
  });

  it('tells each token who its user is, with groups on request', async () => {
    const response = await get('/api/v4/account?with=users_groups');
    expect(response.headers.get('content-type')).toContain('application/hal+json');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ id: sandbox.accountId, country: 'RU' });
    expect((body['_embedded'] as { users_groups: unknown[] }).users_groups.length).toBeGreaterThanOrEqual(2);
    const adminUser = body['current_user_id'];
    const manager = (await (await get('/api/v4/account', sandbox.tokens['responsible'] as string)).json()) as Record<
      string,
      unknown
    >;
    expect(manager['current_user_id']).not.toBe(adminUser);
    expect(manager['id']).toBe(sandbox.accountId);
  });

  it('pages 250 at most, with HAL links, a `next` on a full page and 204 past the end', async () => {
    const ids: number[] = [];
    let page = 1;
    for (;;) {
      const response = await get(`/api/v4/contacts?limit=250&page=${page}`);
      if (response.status === 204) {
        expect(await response.text()).toBe('');
        break;
      }
      const body = (await response.json()) as {
        _page: number;
        _links: Record<string, { href: string }>;
        _embedded: { contacts: { id: number }[] };
      };
      expect(body._page).toBe(page);
      expect(body._links['self']?.href).toContain(`page=${page}`);
      const count = body._embedded.contacts.length;
      if (count === 250) expect(body._links['next']?.href).toContain(`page=${page + 1}`);
      else expect(body._links['next']).toBeUndefined();
      ids.push(...body._embedded.contacts.map((c) => c.id));
      page++;
    }
    expect(ids).toHaveLength(600);
    expect(new Set(ids).size).toBe(600);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('refuses a limit over 250 with a validation error', async () => {
    const response = await get('/api/v4/contacts?limit=251');
    expect(response.status).toBe(400);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body['validation-errors']).toBeDefined();
  });

  it('orders by updated_at descending when asked', async () => {
    const response = await get('/api/v4/contacts?limit=250&order[updated_at]=desc');
    const { _embedded } = (await response.json()) as { _embedded: { contacts: { updated_at: number; id: number }[] } };
    const stamps = _embedded.contacts.map((c) => c.updated_at);
    expect(stamps).toEqual([...stamps].sort((a, b) => b - a));
  });

  it('answers unknown routes with 404 and writes with 405', async () => {
    expect((await get('/api/v4/leads')).status).toBe(404);
    const post = await fetch(`${sandbox.baseUrl}/api/v4/contacts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(post.status).toBe(405);
  });
});

describe('sandbox rate limit', () => {
  it('answers 429 with an HTML body and no Retry-After past 7 requests in a second', async () => {
    const limited = await startSandbox({ contacts: 10, seed: 'limit', rateLimit: 7 });
    try {
      const responses = await Promise.all(
        Array.from({ length: 12 }, () =>
          fetch(`${limited.baseUrl}/api/v4/account`, {
            headers: { authorization: `Bearer ${limited.tokens['admin']}` },
          }),
        ),
      );
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(7);
      const refused = responses.find((r) => r.status === 429);
      expect(refused?.headers.get('content-type')).toContain('text/html');
      expect(refused?.headers.get('retry-after')).toBeNull();
      expect(await refused?.text()).toContain('429 Too Many Requests');
      expect(limited.rejectedRequests()).toBe(5);
    } finally {
      await limited.close();
    }
  });
});
