/** /__sandbox/*: faults and CRM edits from another process, behind the per-start control token. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, sandboxReadyLine, startSandbox } from '../../../src/main/sandbox/server';
import { apiGet, call } from './sandbox-http';

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox({ contacts: 30, seed: 'control', rateLimit: 0 });
});
afterAll(() => sandbox.close());

const control = (path: string, body: unknown, token: string | null = sandbox.controlToken) =>
  call(`${sandbox.baseUrl}/__sandbox/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === null ? {} : { 'x-sandbox-control': token }) },
    body: JSON.stringify(body),
  });

describe('sandbox control endpoints', () => {
  it('refuses requests without the control token, or with another', async () => {
    for (const token of [null, 'wrong', sandbox.tokens['admin'] as string]) {
      const answer = await control('faults', { kind: '500', count: 1 }, token);
      expect(answer.status).toBe(403);
      expect(answer.contentType).toContain('application/json');
    }
    expect(sandbox.faults.pending()).toBe(0);
  });

  it('switches faults on and off', async () => {
    const on = await control('faults', { kind: '503', count: 3, pathPrefix: '/api/v4/account' });
    expect(on.status).toBe(200);
    expect(on.json).toMatchObject({ ok: true, pending: 3 });
    expect((await apiGet(sandbox, '/api/v4/account')).status).toBe(503);
    expect((await control('faults', { clear: true })).json).toMatchObject({ pending: 0 });
    expect((await apiGet(sandbox, '/api/v4/account')).status).toBe(200);
    expect((await control('faults', { kind: 'nope', count: 1 })).status).toBe(400);
  });

  it('edits, adds, deletes and restores contacts', async () => {
    const id = sandbox.contactIds()[0] as number;
    const edited = await control('mutate', { op: 'edit', id, patch: { name: 'Извне' } });
    expect(edited.status).toBe(200);
    expect(edited.json).toMatchObject({ contact: { id, name: 'Извне' } });
    expect(((await apiGet(sandbox, `/api/v4/contacts/${id}`)).json as { name: string }).name).toBe('Извне');

    const added = (await control('mutate', { op: 'add', patch: { phones: ['+7 900 1'] } })).json as {
      contact: { id: number };
    };
    expect(sandbox.contactIds()).toContain(added.contact.id);
    expect((await control('mutate', { op: 'delete', id })).json).toEqual({ ok: true });
    expect((await apiGet(sandbox, `/api/v4/contacts/${id}`)).status).toBe(204);
    expect((await control('mutate', { op: 'restore', id })).status).toBe(200);
    expect(sandbox.liveContact(id)).not.toBeNull();
  });

  it('answers 404 for an unknown contact and 400 for a bad request', async () => {
    expect((await control('mutate', { op: 'delete', id: 1 })).status).toBe(404);
    expect((await control('mutate', { op: 'explode' })).status).toBe(400);
    const id = sandbox.contactIds()[1];
    expect((await control('mutate', { op: 'edit', id, patch: { phones: 'not a list' } })).status).toBe(400);
    expect((await control('mutate', { op: 'edit', id, patch: { colour: 'red' } })).status).toBe(400);
  });

  it('does not count control requests as API requests', async () => {
    const before = sandbox.receivedRequests();
    await control('faults', { clear: true });
    expect(sandbox.receivedRequests()).toBe(before);
  });

  it('prints the control token and the integration in the ready line; a new token each start', async () => {
    const line = JSON.parse(JSON.stringify(sandboxReadyLine(sandbox))) as Record<string, unknown>;
    expect(line).toEqual({
      baseUrl: sandbox.baseUrl,
      accountId: sandbox.accountId,
      tokens: sandbox.tokens,
      controlToken: sandbox.controlToken,
      oauth: { ...sandbox.oauth },
    });
    const other = await startSandbox({ contacts: 1, seed: 'control', rateLimit: 0 });
    try {
      expect(other.controlToken).not.toBe(sandbox.controlToken);
      expect(other.tokens).toEqual(sandbox.tokens);
      expect(other.oauth.clientId).toBe(sandbox.oauth.clientId);
    } finally {
      await other.close();
    }
  });
});
