/**
 * Attack suite: browser mode as a local attacker (another program, or a web page through the
 * person's browser) meets it on loopback. Each attack asserts the refusal and that nothing leaked
 * or changed: no device created, the prototype of every object untouched, no byte of a file
 * outside the UI folder served. Floods are bounded (hundreds of sockets, a few seconds), with the
 * server's limits shortened for the test (lib/server-limits.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type BrowserModeHandle, eventsProtocol, startBrowserMode } from '../../../src/main/browser-mode/server';
import { createMemorySecretStore } from '../../../src/main/secrets/file-secret-store';
import { type CoreService, createCoreService } from '../../../src/main/service';
import { idleConnections, rawGet, rawRequest, slowHeaders } from '../../helpers/raw-http';
import { tempDir } from '../../helpers/temp-dir';

const outsideSecret = 'TOPSECRET-outside-the-ui-folder';
let service: CoreService;
let handle: BrowserModeHandle;
let origin: string;

beforeAll(async () => {
  const base = tempDir();
  const uiRoot = join(base, 'ui');
  mkdirSync(join(uiRoot, 'desktop'), { recursive: true });
  writeFileSync(join(uiRoot, 'desktop', 'index.html'), '<!doctype html><title>ui</title>');
  // Right beside the UI folder: what a `../` that escaped would reach first.
  writeFileSync(join(base, 'outside.txt'), outsideSecret);
  service = createCoreService({ dataDir: join(base, 'data'), face: 'browser', secrets: createMemorySecretStore() });
  handle = await startBrowserMode({
    service,
    uiRoot,
    limits: { headersMs: 600, requestMs: 1200, silentMs: 600, checkEveryMs: 100, maxConnections: 256 },
  });
  origin = `http://127.0.0.1:${handle.port}`;
});
afterAll(async () => {
  await handle.close();
  await service.close();
});

function post(verb: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${origin}/api/${verb}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${handle.secret}`, ...headers },
    body,
  });
}

async function envelope(
  verb: string,
  input: unknown,
): Promise<{ ok: boolean; error?: { code: string; message: string } }> {
  return (await post(verb, JSON.stringify(input))).json() as Promise<{
    ok: boolean;
    error?: { code: string; message: string };
  }>;
}

/** What must never change: the devices (every attack below tries to create one) and Object's prototype. */
async function expectNothingChanged(): Promise<void> {
  const devices = (await envelope('listDevices', {})) as unknown as { ok: true; value: unknown[] };
  expect(devices.value).toEqual([]);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('isAdmin');
}

const createDevice = JSON.stringify({ name: 'Attacker', platform: 'file' });

describe('attack: browser mode on loopback', () => {
  it('no secret, a wrong one, one in the query, Basic instead of Bearer: 401, nothing done', async () => {
    for (const authorization of [undefined, 'Bearer wrong', `Bearer ${handle.secret}x`, `Basic ${handle.secret}`]) {
      const response = await fetch(`${origin}/api/addDevice`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: createDevice,
      });
      expect(response.status, String(authorization)).toBe(401);
    }
    expect(
      (await fetch(`${origin}/api/addDevice?secret=${handle.secret}`, { method: 'POST', body: createDevice })).status,
    ).toBe(401);
    await expectNothingChanged();
  });

  it('a forged Host (DNS rebinding) gets 421 on the page, the API and the events socket', async () => {
    for (const host of [
      'evil.example',
      `evil.example:${handle.port}`,
      `127.0.0.1.evil.example:${handle.port}`,
      `127.0.0.1:${handle.port + 1}`,
    ]) {
      const page = await rawRequest(handle.port, `GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      expect(page.status, host).toBe(421);
      const api = await rawRequest(
        handle.port,
        `POST /api/addDevice HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${handle.secret}\r\nContent-Type: application/json\r\nContent-Length: ${createDevice.length}\r\nConnection: close\r\n\r\n${createDevice}`,
      );
      expect(api.status, host).toBe(421);
    }
    const noHost = await rawRequest(handle.port, 'GET / HTTP/1.0\r\n\r\n');
    expect(noHost.status).toBe(421);
    await expectNothingChanged();
  });

  it('a foreign Origin is refused even with the right secret', async () => {
    for (const foreign of [
      'http://evil.example',
      'null',
      `http://127.0.0.1:${handle.port + 1}`,
      `https://127.0.0.1:${handle.port}`,
    ]) {
      expect((await post('addDevice', createDevice, { origin: foreign })).status, foreign).toBe(403);
    }
    expect((await post('listDevices', '{}', { origin })).status).toBe(200);
    await expectNothingChanged();
  });

  it.each([
    '/../outside.txt',
    '/%2e%2e/outside.txt',
    '/%2E%2E%2Foutside.txt',
    '/%252e%252e/outside.txt',
    '/%252e%252e%252foutside.txt',
    '/..%2foutside.txt',
    '/..%5coutside.txt',
    '/..\\outside.txt',
    '/desktop/..%5c..%5coutside.txt',
    '/desktop/%00/../../outside.txt',
    '/outside.txt%00.html',
    '/desktop/index.html%00',
    '/..%c0%afoutside.txt',
    '/%u002e%u002e/outside.txt',
    '//etc/passwd',
    '/%2fetc%2fpasswd',
    '/desktop/../../outside.txt',
    '/./desktop/./../../outside.txt',
    `http://127.0.0.1:PORT/../outside.txt`,
  ])('path traversal on the static files (%s) serves nothing outside the UI folder', async (path) => {
    const answer = await rawGet(handle.port, path.replace('PORT', String(handle.port)));
    expect([400, 404]).toContain(answer.status);
    expect(answer.body).not.toContain(outsideSecret);
    expect(answer.body).not.toContain('root:');
  });

  it('oversize, malformed, mistyped and deeply nested bodies: refused, the server still answers', async () => {
    expect((await post('addDevice', JSON.stringify({ name: 'x'.repeat(70_000), platform: 'file' }))).status).toBe(413);
    expect((await post('addDevice', '{"name":"Attacker",')).status).toBe(400);
    expect((await post('addDevice', createDevice, { 'content-type': 'text/plain' })).status).toBe(415);
    expect(
      (await post('addDevice', createDevice, { 'content-type': 'application/x-www-form-urlencoded' })).status,
    ).toBe(415);
    for (const body of [
      '[]',
      '1',
      '"device"',
      'null',
      '[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]',
      `${'['.repeat(30_000)}${']'.repeat(30_000)}`,
    ]) {
      const answer = await post('addDevice', body);
      expect([200, 400], body.slice(0, 20)).toContain(answer.status);
      if (answer.status === 200)
        expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('INVALID_INPUT');
    }
    // A body that never ends is cut at the time limit, and it created nothing.
    const trickle = await rawRequest(
      handle.port,
      `POST /api/addDevice HTTP/1.1\r\nHost: 127.0.0.1:${handle.port}\r\nAuthorization: Bearer ${handle.secret}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"name":`,
      4000,
    );
    expect(trickle.status).toBe(408);
    await expectNothingChanged();
  });

  it.each([
    ['nope', 'nope'],
    ['__proto__', '__proto__'],
    ['constructor', 'constructor'],
    ['toString', 'toString'],
    ['hasOwnProperty', 'hasOwnProperty'],
    ['valueOf', 'valueOf'],
    ['an encoded __proto__', '%5F%5Fproto%5F%5F'],
    ['of 5,000 characters', 'a'.repeat(5000)],
  ])('an unknown verb (%s) is INVALID_INPUT, never a crash or a call', async (_what, verb) => {
    const answer = (await (await post(verb, '{}')).json()) as { ok: boolean; error: { code: string; message: string } };
    expect(answer.ok).toBe(false);
    expect(answer.error.code).toBe('INVALID_INPUT');
    expect(answer.error.message.length).toBeLessThan(120);
  });

  it('__proto__ and constructor keys are refused by the strict schemas and pollute nothing', async () => {
    for (const body of [
      '{"__proto__":{"polluted":"yes"}}',
      '{"name":"Attacker","platform":"file","__proto__":{"isAdmin":true}}',
      '{"constructor":{"prototype":{"polluted":"yes"}}}',
      '{"name":{"__proto__":{"polluted":"yes"}},"platform":"file"}',
    ]) {
      const answer = (await (await post('addDevice', body)).json()) as { ok: boolean; error: { code: string } };
      expect(answer, body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    await expectNothingChanged();
  });

  it('the events socket opens only with the secret, our Host and our Origin; an oversize frame closes it', async () => {
    const attempt = (protocols: string[], headers: Record<string, string>) =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(`ws://127.0.0.1:${handle.port}/api/events`, protocols, { headers });
        socket.once('open', () => {
          socket.close();
          resolve('open');
        });
        socket.once('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
        socket.once('error', () => resolve('error'));
      });
    const secretProtocol = `secret.${handle.secret}`;
    expect(await attempt([eventsProtocol], { origin })).toBe('403');
    expect(await attempt([eventsProtocol, 'secret.wrong'], { origin })).toBe('403');
    expect(await attempt([eventsProtocol, secretProtocol], { origin: 'http://evil.example' })).toBe('403');
    expect(await attempt([eventsProtocol, secretProtocol], {})).toBe('403');
    expect(await attempt([eventsProtocol, secretProtocol], { origin, host: `evil.example:${handle.port}` })).toBe(
      '403',
    );
    expect(await attempt([eventsProtocol, secretProtocol], { origin })).toBe('open');

    const socket = new WebSocket(`ws://127.0.0.1:${handle.port}/api/events`, [eventsProtocol, secretProtocol], {
      headers: { origin },
    });
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send('x'.repeat(10_000));
    expect(await new Promise((resolve) => socket.once('close', resolve))).toBe(1009);
  });

  it('a flood of 200 silent connections: the page still answers, and they are closed', async () => {
    const flood = await idleConnections(handle.port, 200);
    try {
      const started = Date.now();
      expect((await post('listDevices', '{}')).status).toBe(200);
      expect(Date.now() - started).toBeLessThan(1000);
      // Closed by the server after silentMs (600 ms here); on Node's defaults they stay open for good.
      await expect.poll(() => flood.open(), { timeout: 15_000, interval: 50 }).toBe(0);
    } finally {
      flood.close();
    }
  });

  it('more connections than the cap are refused, the server lives on', async () => {
    const flood = await idleConnections(handle.port, 300);
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(flood.open()).toBeLessThanOrEqual(256);
    } finally {
      flood.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await post('listDevices', '{}')).status).toBe(200);
  });

  it('slow headers (slowloris): each trickling connection is cut at the headers limit; the API answers meanwhile', async () => {
    const slow = await slowHeaders(handle.port, 30, 100);
    try {
      expect((await post('listDevices', '{}')).status).toBe(200);
      // Cut after headersMs (600 ms here); Node's default lets each trickle on for 60 s.
      await expect.poll(() => slow.closedByServer(), { timeout: 15_000, interval: 50 }).toBe(30);
    } finally {
      slow.stop();
    }
    await expectNothingChanged();
  });
});
