/**
 * When a CardDAV export goes wrong: a clear error code and plain words, and nothing lost
 * (the ledger holds exactly the cards the server confirmed). Real Radicale, real HTTP.
 */
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { writeCard } from '../../../src/main/delivery/carddav/card-writes';
import { openDavClient } from '../../../src/main/delivery/carddav/dav-client';
import { createDavFetch } from '../../../src/main/delivery/carddav/dav-fetch';
import { cardFileName } from '../../../src/main/delivery/carddav/push-cards';
import { contactUid } from '../../../src/main/export/card-from-mirror';
import { putRaw, values } from '../../helpers/dav-reader';
import { freePort } from '../../helpers/radicale';
import { type CardDavWorld, carddavWorld, fn } from './carddav-world';

let world: CardDavWorld | null = null;
let extra: Server | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
  await new Promise((resolve) => (extra ? extra.close(resolve) : resolve(undefined)));
  extra = null;
});

async function errorOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  return promise.then(
    () => ({ code: 'resolved', message: '' }),
    (error: { code?: string; message?: string }) => ({ code: error.code ?? 'none', message: error.message ?? '' }),
  );
}

describe('CardDAV faults', () => {
  it('a wrong password: CARDDAV_AUTH_REJECTED saying to use an app password; no device is added', async () => {
    world = await carddavWorld();
    const error = await errorOf(world.addTarget('custom', 'wrong-password'));
    expect(error.code).toBe('CARDDAV_AUTH_REJECTED');
    expect(error.message).toMatch(/did not accept the user name and password.*app password/);
    expect(await world.call('listDevices', {})).toEqual([]);
  });

  it('the server down: CARDDAV_UNREACHABLE; the cards confirmed before stay recorded, the rest go next time', async () => {
    world = await carddavWorld();
    const { device } = await world.addTarget();
    const first = await world.call('exportToCardDav', { deviceId: device.id, period: 'all' });
    const [id] = world.withPhone() as [number];
    world.sandbox.editContact(id, { name: 'Пока Сервер Лежит' });
    await world.radicale.stop();
    const error = await errorOf(world.call('exportToCardDav', { deviceId: device.id }));
    expect(error.code).toBe('CARDDAV_UNREACHABLE');
    expect(error.message).toMatch(/Cannot reach the address-book server 127\.0\.0\.1:\d+/);
    // Nothing was lost: the change is still owed to the account.
    const preview = await world.call('previewExport', { deviceId: device.id });
    expect(preview).toMatchObject({ updated: 1, new: 0 });
    expect(first.written).toBeGreaterThan(0);
  });

  it('not a CardDAV server, plain http off this computer, no address for a self-hosted one: each its own clear error', async () => {
    world = await carddavWorld();
    const port = await freePort();
    extra = createServer((_request, response) => response.writeHead(404).end('nothing here'));
    await new Promise<void>((resolve) => extra?.listen(port, '127.0.0.1', resolve));
    const call = (serverUrl: string | undefined, provider: 'custom' | 'nextcloud' = 'custom') =>
      errorOf(
        world?.call('addCardDavDevice', {
          name: 'x',
          provider,
          username: 'u',
          password: 'p',
          ...(serverUrl ? { serverUrl } : {}),
        }) ?? Promise.resolve(),
      );
    expect((await call(`http://127.0.0.1:${port}/`)).code).toBe('CARDDAV_NOT_CARDDAV');
    expect((await call('http://192.0.2.10/dav/')).code).toBe('INSECURE_URL');
    expect((await call(undefined, 'nextcloud')).code).toBe('INVALID_INPUT');
    expect((await call('javascript:alert(1)')).code).toBe('INVALID_INPUT');
  });

  it('a stale ETag: the server answers 412, the card is read again and written against its new ETag', async () => {
    world = await carddavWorld();
    const { device } = await world.addTarget();
    await world.call('exportToCardDav', { deviceId: device.id, period: 'all' });
    const [id] = world.withPhone() as [number];
    const href = `${world.ownBookUrl}${cardFileName(world.account.id, id)}`;
    const cards = await world.read(world.ownBookUrl);
    const card = cards.get(cardFileName(world.account.id, id));
    const staleEtag = card?.etag ?? '';
    // Someone else (a phone) edits the card: our ETag is stale now.
    expect(
      await putRaw(href, world.radicale.authorization, (card?.text ?? '').replace(/FN:.*\r\n/, 'FN:Phone\r\n')),
    ).toBe(201);
    const http = createDavFetch();
    const client = await openDavClient(
      world.radicale.url,
      { kind: 'password', username: world.radicale.user, password: world.radicale.password },
      http,
    );
    const ours = (card?.text ?? '').replace(/FN:.*\r\n/, 'FN:From CRM\r\n');
    const written = await writeCard(client, { href, body: ours, etag: staleEtag });
    expect(written.conflicts).toBe(1);
    // The conditional PUT (412), the re-read, the PUT against the fresh ETag.
    expect(http.counts.get('PUT')).toBe(2);
    expect(http.counts.get('PROPFIND')).toBe(1);
    const after = (await world.read(world.ownBookUrl)).get(cardFileName(world.account.id, id));
    expect(fn(after)).toBe('From CRM');
    expect(after?.etag).toBe(written.etag);
  });

  it('a 412 on create (the card is there already, e.g. from a sync killed before it recorded it): replaced in place, no duplicate', async () => {
    world = await carddavWorld();
    const { device } = await world.addTarget();
    const [id] = world.withPhone() as [number];
    const uid = contactUid(world.account.id, id);
    await world.call('exportToCardDav', { deviceId: device.id, period: 'all' });
    // As a run killed after the server stored the card but before it was recorded leaves it:
    // on the server (an older copy), in neither the manifest nor the ledger, no mark yet.
    const leftover = `BEGIN:VCARD\r\nVERSION:3.0\r\nUID:${uid}\r\nFN:Old Copy\r\nN:;Old Copy;;;\r\nEND:VCARD\r\n`;
    expect(
      await putRaw(`${world.ownBookUrl}${cardFileName(world.account.id, id)}`, world.radicale.authorization, leftover),
    ).toBe(201);
    const db = new Database(join(world.dataDir, 'mirror.sqlite'));
    db.prepare('DELETE FROM carddav_manifest WHERE contact_id = ?').run(id);
    db.prepare('DELETE FROM export_ledger WHERE contact_id = ?').run(id);
    db.prepare('DELETE FROM export_marks').run();
    db.close();
    const result = await world.call('exportToCardDav', { deviceId: device.id, period: 'all' });
    expect(result).toMatchObject({ new: 1, written: 1, conflicts: 1 });
    const cards = await world.read(world.ownBookUrl);
    expect(cards.size).toBe(world.withPhone().length);
    const copies = [...cards.values()].filter((card) => values(card.text, 'UID')[0] === uid);
    expect(copies).toHaveLength(1);
    expect(fn(copies[0])).not.toBe('Old Copy');
  });

  it('429 and 503 with Retry-After are waited out, then retried; a server that stays busy ends in CARDDAV_BUSY', async () => {
    const port = await freePort();
    let calls = 0;
    const seen: number[] = [];
    extra = createServer((request, response) => {
      calls++;
      seen.push(Date.now());
      request.resume();
      if (request.url === '/always-busy') return response.writeHead(503, { 'retry-after': '0' }).end();
      if (calls === 1) return response.writeHead(429, { 'retry-after': '1' }).end();
      if (calls === 2) return response.writeHead(503).end();
      response.writeHead(201, { etag: '"e1"' }).end();
    });
    await new Promise<void>((resolve) => extra?.listen(port, '127.0.0.1', resolve));
    const http = createDavFetch({ backoffMs: () => 50, maxRetries: 3 });
    const response = await http.fetch(`http://127.0.0.1:${port}/card.vcf`, { method: 'PUT', body: 'x' });
    expect(response.status).toBe(201);
    expect(calls).toBe(3);
    // Retry-After: 1 was honoured (a second), then the back-off.
    expect((seen[1] ?? 0) - (seen[0] ?? 0)).toBeGreaterThanOrEqual(950);
    expect(http.counts.get('PUT')).toBe(3);
    const busy = await errorOf(http.fetch(`http://127.0.0.1:${port}/always-busy`, { method: 'PUT', body: 'x' }));
    expect(busy.code).toBe('CARDDAV_BUSY');
    expect(busy.message).toMatch(/busy.*nothing was lost/);
  });
});
