/** Browser mode over real HTTP and a real WebSocket: the API, its secret, its host check, its events. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type BrowserModeHandle, eventsProtocol, startBrowserMode } from '../../../src/main/browser-mode/server';
import { createMemorySecretStore } from '../../../src/main/secrets/file-secret-store';
import { type CoreService, createCoreService } from '../../../src/main/service';
import { tempDir } from '../../helpers/temp-dir';

let service: CoreService;
let handle: BrowserModeHandle;
let origin: string;

beforeAll(async () => {
  const uiRoot = tempDir();
  mkdirSync(join(uiRoot, 'desktop'));
  writeFileSync(join(uiRoot, 'desktop', 'index.html'), '<!doctype html><title>ui</title>');
  writeFileSync(join(tempDir(), 'outside.txt'), 'secret');
  service = createCoreService({ dataDir: tempDir(), face: 'browser', secrets: createMemorySecretStore() });
  handle = await startBrowserMode({ service, uiRoot });
  origin = `http://127.0.0.1:${handle.port}`;
});
afterAll(async () => {
  await handle.close();
  await service.close();
});

const callApi = (verb: string, body: unknown, secret = handle.secret) =>
  fetch(`${origin}/api/${verb}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
    body: JSON.stringify(body),
  });

function rawGet(path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: handle.port, path, method: 'GET', headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser mode server', () => {
  it('prints an address on loopback with the secret only in the fragment', () => {
    expect(handle.url).toBe(`${origin}/#secret=${handle.secret}`);
    expect(handle.secret.length).toBeGreaterThanOrEqual(40);
  });

  it('serves the UI with a strict CSP', async () => {
    const response = await fetch(`${origin}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await response.text()).toContain('<title>ui</title>');
  });

  it('answers API calls with envelopes, only with the secret', async () => {
    const ok = await callApi('listDevices', {});
    expect(await ok.json()).toEqual({ ok: true, value: [] });
    expect((await callApi('listDevices', {}, 'wrong')).status).toBe(401);
    const noAuth = await fetch(`${origin}/api/listDevices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(noAuth.status).toBe(401);
  });

  it('validates input and verbs through the shared schemas', async () => {
    const badInput = (await (await callApi('addDevice', { name: '', platform: 'nokia' })).json()) as {
      ok: boolean;
      error: { code: string };
    };
    expect(badInput).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const extraKey = (await (await callApi('listDevices', { sneaky: true })).json()) as {
      ok: boolean;
      error: { code: string };
    };
    expect(extraKey.error.code).toBe('INVALID_INPUT');
    const unknown = (await (await callApi('dropAllTables', {})).json()) as { ok: boolean; error: { code: string } };
    expect(unknown.error.code).toBe('INVALID_INPUT');
  });

  it('refuses requests for another host name (DNS rebinding), GETs on the API, big bodies and non-JSON', async () => {
    expect(await rawGet('/', 'evil.example')).toBe(421);
    expect(await rawGet('/', `localhost:${handle.port}`)).toBe(200);
    expect((await fetch(`${origin}/api/listDevices`)).status).toBe(405);
    const big = await fetch(`${origin}/api/addDevice`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${handle.secret}` },
      body: JSON.stringify({ name: 'x'.repeat(100_000), platform: 'file' }),
    }).then(
      (r) => r.status,
      () => 413,
    );
    expect(big).toBe(413);
    const form = await fetch(`${origin}/api/listDevices`, {
      method: 'POST',
      headers: { authorization: `Bearer ${handle.secret}`, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(form.status).toBe(415);
  });

  it('never serves files outside the UI folder', async () => {
    expect(await rawGet('/../outside.txt', `127.0.0.1:${handle.port}`)).toBe(404);
    expect(await rawGet('/%2e%2e/%2e%2e/etc/passwd', `127.0.0.1:${handle.port}`)).toBe(404);
  });

  it('streams events over a WebSocket opened with the secret, and refuses one without it', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${handle.port}/api/events`, [eventsProtocol, `secret.${handle.secret}`], {
      origin,
    });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const received = new Promise<unknown>((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))));
    service.events.emit({ type: 'accounts:changed' });
    expect(await received).toEqual({ type: 'accounts:changed' });
    ws.close();

    for (const [protocols, wsOrigin] of [
      [[eventsProtocol], origin],
      [[eventsProtocol, 'secret.wrong'], origin],
      [[eventsProtocol, `secret.${handle.secret}`], 'http://evil.example'],
    ] as const) {
      const refused = new WebSocket(`ws://127.0.0.1:${handle.port}/api/events`, [...protocols], { origin: wsOrigin });
      const outcome = await new Promise<string>((resolve) => {
        refused.once('open', () => resolve('open'));
        refused.once('error', () => resolve('refused'));
      });
      expect(outcome).toBe('refused');
    }
  });
});
