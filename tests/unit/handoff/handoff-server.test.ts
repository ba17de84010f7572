/**
 * The handoff server against a phone at the protocol level (tests/helpers/handoff-phone.ts)
 * over real sockets: the happy path, then every refusal the issue lists. The page itself
 * is tested in Chromium (tests/e2e).
 */
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { randomBytes } from '../../../src/shared/handoff/crypto';
import { ackFor, connectPhone, openPayload } from '../../helpers/handoff-phone';
import { get, portRefuses, startHandoff, vcard } from '../../helpers/handoff-world';

describe('the handoff server', () => {
  it('serves the page, hands over the sealed vCard, waits for the proof, then closes its port', async () => {
    const { handoff, acknowledged, statuses, scanned } = await startHandoff();
    expect(handoff.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/p\/[A-Za-z0-9_-]{22}#k=[A-Za-z0-9_-]{43}$/);
    expect(handoff.checkCode).toMatch(/^\d{3} \d{3}$/);

    const page = await get(`${scanned.origin}/p/${scanned.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('phone page');
    expect(String(page.headers['content-security-policy'])).toContain(
      `connect-src 'self' ws://127.0.0.1:${handoff.port}`,
    );
    expect(page.headers['cache-control']).toBe('no-store');

    const phone = await connectPhone(scanned);
    phone.hello();
    const { box, encoding } = await phone.payload();
    expect(encoding).toBe('deflate-raw');
    // Compressed and sealed, the payload is far smaller than the plain file.
    expect(box.length).toBeLessThan(vcard.length * 0.5);
    const opened = openPayload(scanned, box, encoding);
    expect(opened?.vcard.equals(vcard)).toBe(true);
    expect(opened?.meta).toMatchObject({ count: 50, names: ['Анна'], fileName: 'amocrm.vcf' });
    expect(acknowledged).toEqual([]);

    phone.socket.send(ackFor(scanned));
    await phone.next('done');
    expect((await phone.closed).code).toBe(4000);
    expect(await handoff.outcome).toEqual({ kind: 'acknowledged' });
    expect(acknowledged).toHaveLength(1);
    expect(statuses).toEqual(['connected', 'sent', 'acknowledged']);
    expect(await portRefuses(handoff.port)).toBe(true);
  });

  it('sends the plain packed file to a page that cannot inflate (no DecompressionStream)', async () => {
    const { handoff, scanned } = await startHandoff();
    const phone = await connectPhone(scanned);
    phone.hello({ accepts: ['identity'] });
    const { box, encoding } = await phone.payload();
    expect(encoding).toBe('identity');
    // Sealing adds 28 bytes; the meta a few dozen: well under 5% of the file.
    expect(box.length).toBeLessThan(vcard.length * 1.05);
    expect(openPayload(scanned, box, encoding)?.vcard.equals(vcard)).toBe(true);
    await handoff.cancel();
  });

  it('refuses a second phone while the first keeps its handoff; the first can come back after a drop', async () => {
    const { handoff, scanned, acknowledged } = await startHandoff();
    const first = await connectPhone(scanned);
    first.hello({ client: 'first-phone-1' });
    await first.payload();
    const second = await connectPhone(scanned);
    second.hello({ client: 'second-phone-2' });
    expect(await second.next('refused')).toEqual({ type: 'refused', reason: 'busy' });
    expect((await second.closed).code).toBe(4409);

    first.socket.terminate();
    const again = await connectPhone(scanned);
    again.hello({ client: 'first-phone-1' });
    const { box, encoding } = await again.payload();
    expect(openPayload(scanned, box, encoding)?.vcard.equals(vcard)).toBe(true);
    again.socket.send(ackFor(scanned));
    expect(await handoff.outcome).toEqual({ kind: 'acknowledged' });
    expect(acknowledged).toHaveLength(1);
  });

  it('refuses wrong tokens, then rate-limits the address that keeps guessing', async () => {
    const { handoff, scanned } = await startHandoff();
    const wrong = await connectPhone(scanned, { token: 'AAAAAAAAAAAAAAAAAAAAAA' });
    expect(await wrong.next('refused')).toEqual({ type: 'refused', reason: 'unknown-token' });
    expect((await wrong.closed).code).toBe(4401);
    const wrongPage = await get(`${scanned.origin}/p/BBBBBBBBBBBBBBBBBBBBBB`);
    expect(wrongPage.status).toBe(404);
    expect(wrongPage.body).toContain('no longer valid');
    for (let i = 0; i < 8; i++) await get(`${scanned.origin}/p/guess${i}`);
    // Ten wrong tokens from this address: now even the right one waits.
    expect((await get(`${scanned.origin}/p/${scanned.token}`)).status).toBe(429);
    const blocked = await connectPhone(scanned);
    expect(await blocked.next('refused')).toEqual({ type: 'refused', reason: 'rate-limited' });
    await handoff.cancel();
  });

  it('refuses a proof made with another key, binary junk, and an oversized message; none is recorded', async () => {
    const { handoff, scanned, acknowledged } = await startHandoff();
    const phone = await connectPhone(scanned);
    phone.hello();
    await phone.payload();
    phone.socket.send(ackFor(scanned, randomBytes(32)));
    expect(await phone.next('refused')).toEqual({ type: 'refused', reason: 'bad-proof' });

    const junk = await connectPhone(scanned);
    junk.socket.send(Buffer.from([1, 2, 3]));
    expect(await junk.next('refused')).toEqual({ type: 'refused', reason: 'bad-message' });

    const big = await connectPhone(scanned);
    big.socket.send(JSON.stringify({ type: 'hello', padding: 'x'.repeat(10_000) }));
    expect((await big.closed).code).toBe(1009);

    const early = await connectPhone(scanned);
    early.socket.send(ackFor(scanned));
    expect(await early.next('refused')).toEqual({ type: 'refused', reason: 'bad-message' });
    expect(acknowledged).toEqual([]);
    expect(await handoff.cancel()).toEqual({ kind: 'cancelled' });
  });

  it('tells the connected phone when the handoff expires, records nothing, and closes the port', async () => {
    const { handoff, scanned, acknowledged } = await startHandoff({ ttlMs: 400 });
    const phone = await connectPhone(scanned);
    phone.hello();
    await phone.payload();
    expect(await phone.next('refused')).toEqual({ type: 'refused', reason: 'expired' });
    expect((await phone.closed).code).toBe(4410);
    expect(await handoff.outcome).toEqual({ kind: 'expired' });
    expect(acknowledged).toEqual([]);
    expect(await portRefuses(handoff.port)).toBe(true);
  });

  it('tells the phone the user cancelled', async () => {
    const { handoff, scanned } = await startHandoff();
    const phone = await connectPhone(scanned);
    phone.hello();
    await phone.payload();
    const cancelled = handoff.cancel();
    expect(await phone.next('refused')).toEqual({ type: 'refused', reason: 'cancelled' });
    expect(await cancelled).toEqual({ kind: 'cancelled' });
    expect(await portRefuses(handoff.port)).toBe(true);
  });

  it('does not accept the token of a finished handoff on a new one (replay)', async () => {
    const first = await startHandoff();
    const phone = await connectPhone(first.scanned);
    phone.hello();
    await phone.payload();
    phone.socket.send(ackFor(first.scanned));
    await first.handoff.outcome;
    const second = await startHandoff({ port: first.handoff.port });
    expect(second.handoff.port).toBe(first.handoff.port);
    const replay = await connectPhone({ ...second.scanned, token: first.scanned.token });
    expect(await replay.next('refused')).toEqual({ type: 'refused', reason: 'unknown-token' });
    await second.handoff.cancel();
  });

  it('reports a phone that could not open the payload (tampered on the way) and keeps waiting', async () => {
    const { handoff, scanned, statuses } = await startHandoff();
    const phone = await connectPhone(scanned);
    phone.hello();
    await phone.payload();
    phone.socket.send(JSON.stringify({ type: 'failed', reason: 'decrypt' }));
    await expect.poll(() => statuses.at(-1)).toBe('phone-failed');
    // "Scan the QR code again" may open another tab or browser: it gets the handoff, not "busy".
    const rescan = await connectPhone(scanned);
    rescan.hello({ client: 'another-tab-5678' });
    const { box, encoding } = await rescan.payload();
    expect(openPayload(scanned, box, encoding)?.vcard.equals(vcard)).toBe(true);
    await handoff.cancel();
  });

  it('says when no phone has come yet (time for the network checklist)', async () => {
    const { handoff, statuses } = await startHandoff({ stallAfterMs: 100 });
    await expect.poll(() => statuses).toContain('waiting+stalled');
    await handoff.cancel();
  });

  it('answers only under its own name and only its page’s files (tried: another Host, another Origin, the desktop’s assets, traversal)', async () => {
    const { handoff, scanned } = await startHandoff();
    expect((await get(`${scanned.origin}/p/${scanned.token}`, { host: `evil.example:${handoff.port}` })).status).toBe(
      421,
    );
    expect((await get(`${scanned.origin}/assets/phone-1.js`)).body).toBe('phone-1.js');
    expect((await get(`${scanned.origin}/assets/shared-1.js`)).status).toBe(200);
    expect((await get(`${scanned.origin}/assets/desktop-1.js`)).status).toBe(404);
    expect((await get(`${scanned.origin}/p/app/manifest.webmanifest`)).status).toBe(200);
    expect((await get(`${scanned.origin}/p/`)).body).toContain('phone page');
    expect((await get(`${scanned.origin}/p/share`)).body).toContain('phone page');
    const worker = await get(`${scanned.origin}/p/sw.js`);
    expect(worker.headers['service-worker-allowed']).toBe('/p/');
    for (const path of ['/p/app/..%2fsecret.txt', '/phone-app/../secret.txt', '/secret.txt', '/.vite/manifest.json']) {
      expect((await get(`${scanned.origin}${path}`)).status).toBe(404);
    }
    const foreign = new WebSocket(`${scanned.origin.replace('http', 'ws')}/ws/${scanned.token}`, {
      origin: 'http://evil.example',
    });
    const refused = await new Promise<string>((resolve) => {
      foreign.once('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
      foreign.once('error', (error) => resolve(error.message));
    });
    expect(refused).toContain('403');
    await handoff.cancel();
  });
});
