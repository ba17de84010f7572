/**
 * Sending an export to a phone through the core service: the demo account, a real SQLite
 * mirror, the real handoff server on this machine's LAN address, and a phone at the
 * protocol level (the page itself is exercised in Chromium by tests/e2e). The ledger is
 * written only after the phone's proof (R15); every other ending leaves it as it was.
 */
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src/main/api/dispatch';
import { createUsbRoute, type UsbRoute } from '../../../src/main/delivery/usb';
import { createMemorySecretStore } from '../../../src/main/secrets/file-secret-store';
import { createCoreService } from '../../../src/main/service';
import { openStore } from '../../../src/main/store/open-store';
import type { ApiOutputs } from '../../../src/shared/api/contract';
import type { HandoffStatusEvent } from '../../../src/shared/api/events';
import type { ApiInput } from '../../../src/shared/api/schemas';
import type { ApiVerb } from '../../../src/shared/api/verbs';
import { deserializeError } from '../../../src/shared/errors';
import { createAdbStandIn } from '../../helpers/adb-stand-in';
import { ackFor, connectPhone, openPayload, scan } from '../../helpers/handoff-phone';
import { tempDir } from '../../helpers/temp-dir';
import { readVCards } from '../../helpers/vcard-reader';

async function openService(options: { usbRoute?: UsbRoute } = {}) {
  const dataDir = tempDir();
  const service = createCoreService({
    dataDir,
    face: 'cli',
    secrets: createMemorySecretStore(),
    demoContacts: 120,
    ...options,
  });
  const dispatch = createDispatcher(service.api, () => undefined);
  async function call<V extends ApiVerb>(verb: V, input: ApiInput<V>): Promise<ApiOutputs[V]> {
    const envelope = await dispatch(verb, input);
    if (!envelope.ok) throw deserializeError(envelope.error);
    return envelope.value as ApiOutputs[V];
  }
  const statuses: HandoffStatusEvent[] = [];
  service.events.on('handoff:status', (event) => statuses.push(event));
  await call('connectDemoAccount', {});
  const android = await call('addDevice', { name: 'Pixel', platform: 'android' });
  const count = (sql: string) => {
    const db = openStore(`${dataDir}/mirror.sqlite`);
    try {
      return db.prepare(sql).pluck().get(android.id) as number;
    } finally {
      db.close();
    }
  };
  const ledgerCount = () => count('SELECT count(*) FROM export_ledger WHERE device_id = ?');
  /** Renderings staged and neither committed nor discarded. */
  const stagedPlans = () => count('SELECT count(*) FROM export_plans WHERE device_id = ?');
  const ended = (handoffId: string) =>
    expect
      .poll(() =>
        statuses.find((s) => s.handoffId === handoffId && !['waiting', 'connected', 'sent'].includes(s.phase)),
      )
      .toBeTruthy();
  return { service, call, android, statuses, count, ledgerCount, stagedPlans, ended };
}

describe('export to a phone by QR code', () => {
  it('hands the phone exactly the previewed contacts and records them only after its proof', async () => {
    const { service, call, android, statuses, ledgerCount, ended } = await openService();
    const { addresses } = await call('listLanAddresses', {});
    expect(addresses.length, 'this test needs a non-loopback IPv4 address').toBeGreaterThan(0);

    const started = await call('startHandoff', { deviceId: android.id, period: 'all' });
    expect(started.url.startsWith(`http://${addresses[0]?.address}:`)).toBe(true);
    expect(started.qrSvg).toContain('<svg');
    expect(started.preview.delivered).toBeGreaterThan(50);

    const scanned = scan(started.url);
    const phone = await connectPhone(scanned);
    phone.hello();
    const { box, encoding } = await phone.payload();
    const opened = openPayload(scanned, box, encoding);
    const cards = readVCards(opened?.vcard.toString('utf8') ?? '');
    expect(cards).toHaveLength(started.preview.delivered);
    expect(opened?.meta['count']).toBe(started.preview.delivered);
    expect(opened?.meta['names']).toEqual(cards.slice(0, 200).map((card) => card.text('FN')));
    expect(ledgerCount()).toBe(0);

    phone.socket.send(ackFor(scanned));
    await phone.next('done');
    await ended(started.handoffId);
    expect(statuses.at(-1)).toMatchObject({ phase: 'delivered', delivered: started.preview.delivered });
    expect(ledgerCount()).toBe(started.preview.delivered);
    await expect(call('startHandoff', { deviceId: android.id })).rejects.toMatchObject({ code: 'NOTHING_TO_EXPORT' });
    await service.close();
  });

  it('leaves the ledger as it was when the handoff is cancelled, or the phone drops off and it expires', async () => {
    const { service, call, android, ledgerCount, ended } = await openService();
    const first = await call('startHandoff', { deviceId: android.id, period: 'all' });
    const phone = await connectPhone(scan(first.url));
    phone.hello();
    await phone.payload();
    expect(await call('cancelHandoff', { handoffId: first.handoffId })).toEqual({ cancelled: true });
    await ended(first.handoffId);
    expect(ledgerCount()).toBe(0);
    // Nothing was recorded, so the next export offers the same contacts again.
    const again = await call('previewExport', { deviceId: android.id, period: 'all' });
    expect(again.new).toBe(first.preview.new);

    const second = await call('startHandoff', { deviceId: android.id, period: 'all' });
    const dropped = await connectPhone(scan(second.url));
    dropped.hello();
    await dropped.payload();
    dropped.socket.terminate();
    await service.close();
    expect(ledgerCount()).toBe(0);
  });

  it('refuses what cannot work, in words (tried: a file device, USB to an iPhone, an address not of this machine)', async () => {
    const { service, call, android } = await openService();
    const file = await call('addDevice', { name: 'Google', platform: 'file' });
    const iphone = await call('addDevice', { name: 'iPhone', platform: 'ios' });
    await expect(call('startHandoff', { deviceId: file.id, period: 'all' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(call('startHandoff', { deviceId: iphone.id, period: 'all', route: 'usb' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(
      call('startHandoff', { deviceId: android.id, period: 'all', address: '203.0.113.77' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(call('chooseLanAddress', { address: '203.0.113.77' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(call('cancelHandoff', { handoffId: 'ffffffffffffffff' })).resolves.toEqual({ cancelled: false });
    await service.close();
  });

  it('remembers the address chosen for this network and the port, so the page keeps one origin', async () => {
    const { service, call, android } = await openService();
    const { addresses } = await call('listLanAddresses', {});
    const chosen = addresses.at(-1);
    if (!chosen) throw new Error('no LAN address');
    expect(await call('chooseLanAddress', { address: chosen.address })).toEqual(chosen);
    expect((await call('listLanAddresses', {})).addresses[0]).toEqual(chosen);
    const first = await call('startHandoff', { deviceId: android.id, period: 'all' });
    await call('cancelHandoff', { handoffId: first.handoffId });
    const second = await call('startHandoff', { deviceId: android.id, period: 'all' });
    expect(second.port).toBe(first.port);
    expect(second.address).toBe(chosen.address);
    await service.close();
  });
});

describe('the history of handoffs (one export pipeline for every route)', () => {
  it('records how each handoff ended, and what a failed start staged never reaches the ledger', async () => {
    const { service, call, android, ledgerCount, ended, statuses, count } = await openService();
    const cancelled = await call('startHandoff', { deviceId: android.id, period: 'all' });
    await call('cancelHandoff', { handoffId: cancelled.handoffId });
    await ended(cancelled.handoffId);
    // The terminal status is sent once the run is recorded: a window reacting to it sees the row.
    expect(statuses.at(-1)).toMatchObject({ handoffId: cancelled.handoffId, phase: 'cancelled' });
    expect(await call('listExportRuns', { deviceId: android.id })).toMatchObject([
      { delivery: 'lan', outcome: 'cancelled', delivered: 0 },
    ]);
    // Tried: quitting the app while a phone is expected. Closing waits until that run is recorded.
    await call('startHandoff', { deviceId: android.id, period: 'all' });
    await service.close();
    expect(count("SELECT count(*) FROM export_runs WHERE device_id = ? AND outcome = 'cancelled'")).toBe(2);

    // Tried: a phone on the cable that never accepted USB debugging. The handoff had opened
    // and staged the file; the run is recorded as failed, in words, and nothing is committed.
    const adb = createAdbStandIn({ devices: [{ serial: 'R58N12ABCDE', state: 'unauthorized' }] });
    const usb = await openService({ usbRoute: createUsbRoute({ adbPath: adb.adbPath }) });
    await expect(
      usb.call('startHandoff', { deviceId: usb.android.id, period: 'all', route: 'usb' }),
    ).rejects.toMatchObject({ code: 'USB_UNAUTHORIZED' });
    const [failed] = await usb.call('listExportRuns', { deviceId: usb.android.id });
    expect(failed).toMatchObject({ delivery: 'usb', outcome: 'failed', delivered: 0 });
    expect(failed?.reason).toMatch(/USB|debugging/i);
    expect(usb.ledgerCount()).toBe(0);
    expect(usb.stagedPlans()).toBe(0);
    const again = await usb.call('previewExport', { deviceId: usb.android.id, period: 'all' });
    expect(again.new).toBe(cancelled.preview.new);
    expect(ledgerCount()).toBe(0);
    await usb.service.close();
  });
});

describe('export to an Android phone on a USB cable (adb stand-in: no phone on this machine)', () => {
  it('reverses the port, opens the page on the phone, and removes the reverse once the phone acknowledged', async () => {
    const adb = createAdbStandIn({
      devices: [{ serial: 'R58N12ABCDE', state: 'device', fields: 'usb:1-1 product:panther model:Pixel_7' }],
    });
    const { service, call, android, ledgerCount, ended } = await openService({
      usbRoute: createUsbRoute({ adbPath: adb.adbPath }),
    });
    expect(await call('listUsbDevices', {})).toEqual([{ serial: 'R58N12ABCDE', state: 'device', model: 'Pixel_7' }]);
    const started = await call('startHandoff', { deviceId: android.id, period: 'all', route: 'usb' });
    expect(started.url).toMatch(new RegExp(`^http://localhost:${started.port}/p/`));
    expect(started.serial).toBe('R58N12ABCDE');
    expect(adb.reverses()).toEqual([
      { serial: 'R58N12ABCDE', remote: `tcp:${started.port}`, local: `tcp:${started.port}` },
    ]);
    const opened = adb.invocations().find((invocation) => invocation.argv.includes('shell'));
    expect(opened?.argv.join(' ')).toContain(started.url);

    // The phone's browser reaches us through the reverse: on this machine, loopback.
    const scanned = scan(started.url);
    const phone = await connectPhone(
      { ...scanned, origin: `http://127.0.0.1:${started.port}` },
      {
        origin: `http://localhost:${started.port}`,
      },
    );
    phone.hello();
    await phone.payload();
    phone.socket.send(ackFor(scanned));
    await ended(started.handoffId);
    expect(ledgerCount()).toBe(started.preview.delivered);
    await expect.poll(() => adb.reverses()).toEqual([]);
    await service.close();
  });

  it('explains a phone that has not accepted USB debugging, and leaves nothing open', async () => {
    const adb = createAdbStandIn({ devices: [{ serial: 'R58N12ABCDE', state: 'unauthorized' }] });
    const { service, call, android, ledgerCount } = await openService({
      usbRoute: createUsbRoute({ adbPath: adb.adbPath }),
    });
    await expect(call('startHandoff', { deviceId: android.id, period: 'all', route: 'usb' })).rejects.toMatchObject({
      code: 'USB_UNAUTHORIZED',
    });
    expect(adb.reverses()).toEqual([]);
    expect(ledgerCount()).toBe(0);
    await service.close();
  });
});
