/** Fault switches, and the HTML 403 block a client earns by ignoring 429s. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FaultSpec, type SandboxHandle, startSandbox } from '../../../src/main/sandbox/server';
import { apiGet, call } from './sandbox-http';

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox({ contacts: 50, seed: 'faults', rateLimit: 0 });
});
afterAll(() => sandbox.close());

const contacts = () => apiGet(sandbox, '/api/v4/contacts?limit=5');
const inject = (spec: FaultSpec) => {
  sandbox.faults.clear();
  sandbox.faults.inject(spec);
};

describe('sandbox faults', () => {
  it('answers 500 as problem+json and 502/503 as nginx HTML, for `count` requests only', async () => {
    inject({ kind: '500', count: 2 });
    expect(sandbox.faults.pending()).toBe(2);
    const first = await contacts();
    expect(first.status).toBe(500);
    expect(first.contentType).toContain('application/problem+json');
    expect((await contacts()).status).toBe(500);
    expect((await contacts()).status).toBe(200);
    expect(sandbox.faults.pending()).toBe(0);
    for (const kind of ['502', '503'] as const) {
      inject({ kind, count: 1 });
      const answer = await contacts();
      expect(answer.status).toBe(Number(kind));
      expect(answer.contentType).toContain('text/html');
      expect(answer.text).toContain(`<title>${kind}`);
    }
  });

  it('answers an injected 429 like the limit does: HTML, no Retry-After, not counted as rejected', async () => {
    inject({ kind: '429', count: 1 });
    const response = await fetch(`${sandbox.baseUrl}/api/v4/contacts`, {
      headers: { authorization: `Bearer ${sandbox.tokens['admin']}` },
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBeNull();
    expect(await response.text()).toContain('429 Too Many Requests');
    expect(sandbox.rejectedRequests()).toBe(0);
  });

  it('drops the connection without an answer', async () => {
    inject({ kind: 'drop', count: 1 });
    await expect(contacts()).rejects.toThrow();
    expect((await contacts()).status).toBe(200);
  });

  it('sends a 200 that is not JSON, and a 200 whose contacts are not a list', async () => {
    inject({ kind: 'malformed', count: 1 });
    const malformed = await contacts();
    expect(malformed.status).toBe(200);
    expect(() => JSON.parse(malformed.text)).toThrow();
    inject({ kind: 'wrong-shape', count: 1 });
    const wrong = await contacts();
    expect(wrong.status).toBe(200);
    const embedded = (wrong.json as { _embedded: { contacts: unknown } })._embedded;
    expect(Array.isArray(embedded.contacts)).toBe(false);
  });

  it('answers slowly, then normally', async () => {
    inject({ kind: 'slow', count: 1, delayMs: 300 });
    const started = performance.now();
    expect((await contacts()).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('hits only paths under pathPrefix (default /api/v4/contacts), and clear() ends every fault', async () => {
    inject({ kind: '503', count: 5 });
    expect((await apiGet(sandbox, '/api/v4/account')).status).toBe(200);
    expect((await apiGet(sandbox, '/api/v4/contacts/custom_fields')).status).toBe(503);
    sandbox.faults.clear();
    expect(sandbox.faults.pending()).toBe(0);
    expect((await contacts()).status).toBe(200);

    inject({ kind: '500', count: 1, pathPrefix: '/api/v4/events' });
    expect((await contacts()).status).toBe(200);
    expect((await apiGet(sandbox, '/api/v4/events')).status).toBe(500);
  });

  it('plays several faults on one path in the order they were injected', async () => {
    sandbox.faults.clear();
    sandbox.faults.inject({ kind: '502', count: 1 });
    sandbox.faults.inject({ kind: '500', count: 1 });
    expect((await contacts()).status).toBe(502);
    expect((await contacts()).status).toBe(500);
    expect((await contacts()).status).toBe(200);
  });

  it('refuses a fault it does not know', () => {
    expect(() => sandbox.faults.inject({ kind: 'boom', count: 1 } as unknown as FaultSpec)).toThrow(/kind/);
    expect(() => sandbox.faults.inject({ kind: '500', count: 0 })).toThrow(/count/);
  });
});

describe('sandbox block after a 429 storm', () => {
  it('blocks every request with an nginx 403 after blockAfter429s 429s, until unblock()', async () => {
    const strict = await startSandbox({ contacts: 10, seed: 'block', rateLimit: 2, blockAfter429s: 3 });
    const consent = `${strict.baseUrl}/oauth?client_id=${strict.oauth.clientId}&state=s`;
    try {
      // The consent page is a page a person opens: not counted in the limit.
      for (let i = 0; i < 5; i++) expect((await call(consent)).status).toBe(200);
      const burst = await Promise.all(Array.from({ length: 5 }, () => apiGet(strict, '/api/v4/account')));
      expect(burst.map((a) => a.status).sort()).toEqual([200, 200, 429, 429, 429]);
      expect(strict.rejectedRequests()).toBe(3);

      for (const answer of [await apiGet(strict, '/api/v4/account'), await call(consent)]) {
        expect(answer.status).toBe(403);
        expect(answer.contentType).toContain('text/html');
        expect(answer.text).toContain('<html>');
        expect(answer.text).toContain('<title>403 Forbidden</title>');
      }
      strict.unblock();
      expect((await call(consent)).status).toBe(200);
    } finally {
      await strict.close();
    }
  });

  it('does not block below the threshold', async () => {
    const lenient = await startSandbox({ contacts: 10, seed: 'block', rateLimit: 2, blockAfter429s: 4 });
    try {
      const burst = await Promise.all(Array.from({ length: 5 }, () => apiGet(lenient, '/api/v4/account')));
      expect(burst.filter((a) => a.status === 429)).toHaveLength(3);
      const consent = await call(`${lenient.baseUrl}/oauth?client_id=${lenient.oauth.clientId}`);
      expect(consent.status).toBe(200);
    } finally {
      await lenient.close();
    }
  });
});
