/**
 * The core service end to end, as every face uses it: a real sandbox over real HTTP, a
 * real SQLite file in a temporary folder, the dispatcher in front.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src/main/api/dispatch';
import { type SandboxHandle, startSandbox } from '../../../src/main/sandbox/server';
import { createMemorySecretStore } from '../../../src/main/secrets/file-secret-store';
import { type CoreService, createCoreService } from '../../../src/main/service';
import type { ApiOutputs } from '../../../src/shared/api/contract';
import type { ApiEvent } from '../../../src/shared/api/events';
import type { ApiInput } from '../../../src/shared/api/schemas';
import type { ApiVerb } from '../../../src/shared/api/verbs';
import { deserializeError } from '../../../src/shared/errors';
import { tempDir } from '../../helpers/temp-dir';
import { readVCards } from '../../helpers/vcard-reader';

const contactCount = 1100;
let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startSandbox({ contacts: contactCount, seed: 'core-test', rateLimit: 7 });
});
afterAll(() => sandbox.close());

function openService(dataDir = tempDir(), now?: () => number) {
  const service = createCoreService({
    dataDir,
    face: 'cli',
    secrets: createMemorySecretStore(),
    demoContacts: 300,
    ...(now ? { now } : {}),
  });
  const dispatch = createDispatcher(service.api, () => undefined);
  async function call<V extends ApiVerb>(verb: V, input: ApiInput<V>): Promise<ApiOutputs[V]> {
    const envelope = await dispatch(verb, input);
    if (!envelope.ok) throw deserializeError(envelope.error);
    return envelope.value as ApiOutputs[V];
  }
  return { service, call, dataDir };
}

/** What the sandbox itself says: contacts with at least one PHONE value. */
function sandboxContactsWithPhone(): Set<number> {
  const ids = new Set<number>();
  for (let i = 0; i < contactCount; i++) {
    const contact = sandbox.account.contactAt(i);
    if ((contact.custom_fields_values ?? []).some((f) => f.field_code === 'PHONE' && (f.values ?? []).length > 0))
      ids.add(contact.id);
  }
  return ids;
}

describe('core service against the sandbox', () => {
  let core: ReturnType<typeof openService>;
  let service: CoreService;
  const events: ApiEvent[] = [];

  beforeAll(async () => {
    core = openService();
    service = core.service;
    service.events.onAny((event) => events.push(event));
    await core.call('addAccountWithToken', { baseUrl: sandbox.baseUrl, token: sandbox.tokens['admin'] as string });
  });
  afterAll(() => service.close());

  it('connects with a long-lived token, keyed on the account id', async () => {
    const accounts = await core.call('listAccounts', {});
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({
      id: sandbox.accountId,
      baseUrl: sandbox.baseUrl,
      isDemo: false,
      contactCount: 0,
      lastSyncedAt: null,
    });
    expect(events.some((e) => e.type === 'accounts:changed')).toBe(true);
  });

  it('pulls every contact at the 7 requests/s limit without a single 429, with progress', async () => {
    const rejectedBefore = sandbox.rejectedRequests();
    const result = await core.call('syncAccounts', {});
    expect(result.accounts[0]).toMatchObject({
      accountId: sandbox.accountId,
      mode: 'full',
      contacts: contactCount,
      pages: 5,
    });
    expect(sandbox.rejectedRequests()).toBe(rejectedBefore);
    const progress = events.filter((e) => e.type === 'sync:progress');
    expect(progress.map((e) => e.phase)).toEqual([
      'account',
      'contacts',
      'contacts',
      'contacts',
      'contacts',
      'contacts',
      'deletions',
      'done',
    ]);
    const [account] = await core.call('listAccounts', {});
    expect(account?.contactCount).toBe(contactCount);
    expect(account?.contactsWithPhone).toBe(sandboxContactsWithPhone().size);
    expect(account?.lastSyncedAt).not.toBeNull();
  });

  it('syncs again to the same mirror (idempotent upserts, no duplicates)', async () => {
    await core.call('syncAccounts', { accountId: sandbox.accountId });
    const all = await core.call('searchContacts', { query: '', limit: 500 });
    expect(all.total).toBe(contactCount);
  });

  it('searches by name, by e-mail, and by a phone typed differently from the CRM', async () => {
    const sample = sandbox.account.contactAt(17);
    const lastName = sample.last_name || (sample.name ?? '').split(' ')[0] || '';
    const byName = await core.call('searchContacts', { query: lastName.toUpperCase().replaceAll('Ё', 'Е') });
    expect(byName.items.some((item) => item.id === sample.id)).toBe(true);
    expect(
      byName.items.every((item) =>
        item.name.toLowerCase().replaceAll('ё', 'е').includes(lastName.toLowerCase().replaceAll('ё', 'е')),
      ),
    ).toBe(true);

    const withRussianMobile = Array.from({ length: contactCount }, (_, i) => sandbox.account.contactAt(i)).find((c) =>
      (c.custom_fields_values ?? []).some(
        (f) => f.field_code === 'PHONE' && /^\+7 9\d\d \d{3}-\d\d-\d\d$/.test(String(f.values?.[0]?.value)),
      ),
    );
    const written = String(
      withRussianMobile?.custom_fields_values?.find((f) => f.field_code === 'PHONE')?.values?.[0]?.value,
    );
    const digits = written.replace(/\D/g, '');
    for (const typed of [`8${digits.slice(1)}`, `8 (${digits.slice(1, 4)}) ${digits.slice(4)}`, digits.slice(1)]) {
      const found = await core.call('searchContacts', { query: typed });
      expect(
        found.items.map((item) => item.id),
        typed,
      ).toContain(withRussianMobile?.id);
    }

    const detail = await core.call('getContact', { accountId: sandbox.accountId, contactId: sample.id });
    expect(detail.name).toBe((sample.name ?? '').trim());
  });

  it('pages through results with offset and limit', async () => {
    const first = await core.call('searchContacts', { query: '', offset: 0, limit: 10 });
    const second = await core.call('searchContacts', { query: '', offset: 10, limit: 10 });
    expect(first.items).toHaveLength(10);
    expect(new Set([...first.items, ...second.items].map((item) => item.id)).size).toBe(20);
  });

  it('exports exactly the contacts with a phone to a vCard 3.0 file, and none without', async () => {
    const device = await core.call('addDevice', { name: 'Google Contacts', platform: 'file' });
    expect(device.id).toBe('google-contacts');
    const out = join(tempDir(), 'contacts.vcf');
    const result = await core.call('exportToFile', { deviceId: device.id, outPath: out, period: 'all' });
    const expected = sandboxContactsWithPhone();
    expect(result).toMatchObject({
      delivered: expected.size,
      new: expected.size,
      skippedNoPhone: contactCount - expected.size,
      capRemaining: null,
      file: out,
    });

    const cards = readVCards(readFileSync(out, 'utf8'));
    expect(cards).toHaveLength(expected.size);
    for (const card of cards) {
      expect(card.text('VERSION')).toBe('3.0');
      expect(card.get('TEL').length).toBeGreaterThan(0);
      expect(card.get('TEL').every((tel) => (tel.params['TYPE'] ?? []).length > 0)).toBe(true);
      expect(card.get('N')).toHaveLength(1);
      expect(card.get('FN')).toHaveLength(1);
    }
  });

  it('caps an iPhone at 5,000 per account, freshest first (R5)', async () => {
    const big = await startSandbox({ contacts: 6000, seed: 'cap-test', rateLimit: 0 });
    const local = openService();
    try {
      await local.call('addAccountWithToken', { baseUrl: big.baseUrl, token: big.tokens['admin'] as string });
      // The cap test does not need the real limit; the sync test above covers it.
      await local.call('syncAccounts', {});
      const iphone = await local.call('addDevice', { name: 'iPhone', platform: 'ios' });
      const result = await local.call('exportToFile', {
        deviceId: iphone.id,
        outPath: join(local.dataDir, 'ios.vcf'),
        period: 'all',
      });
      expect(result.delivered).toBe(5000);
      expect(result.capRemaining).toBe(0);
      const withPhone = Array.from({ length: 6000 }, (_, i) => big.account.contactAt(i)).filter((c) =>
        (c.custom_fields_values ?? []).some((f) => f.field_code === 'PHONE'),
      );
      expect(result.skippedByCap).toBe(withPhone.length - 5000);
      const freshestExcluded = withPhone
        .sort((a, b) => (b.updated_at as number) - (a.updated_at as number) || b.id - a.id)
        .slice(5000)
        .map((c) => c.updated_at as number);
      const revs = readVCards(readFileSync(result.file, 'utf8')).map(
        (card) => Date.parse(card.text('REV') ?? '') / 1000,
      );
      expect(Math.min(...revs)).toBeGreaterThanOrEqual(Math.max(...freshestExcluded));
    } finally {
      await local.service.close();
      await big.close();
    }
  });

  it('refuses bad requests with clear codes and changes nothing', async () => {
    const codeOf = (promise: Promise<unknown>) =>
      promise.then(
        () => 'resolved',
        (e: { code?: string }) => e.code,
      );
    expect(
      await codeOf(core.call('exportToFile', { deviceId: 'no-such-phone', outPath: join(tempDir(), 'x.vcf') })),
    ).toBe('NOT_FOUND');
    expect(await codeOf(core.call('exportToFile', { deviceId: 'google-contacts', outPath: 'relative.vcf' }))).toBe(
      'INVALID_INPUT',
    );
    expect(
      await codeOf(core.call('exportToFile', { deviceId: 'google-contacts', outPath: join(tempDir(), 'x.txt') })),
    ).toBe('INVALID_INPUT');
    expect(
      await codeOf(
        core.call('exportToFile', { deviceId: 'google-contacts', outPath: '/no/such/folder/x.vcf', period: 'all' }),
      ),
    ).toBe('OUTPUT_NOT_WRITABLE');
    expect(await codeOf(core.call('addAccountWithToken', { baseUrl: sandbox.baseUrl, token: 'wrong' }))).toBe(
      'AUTH_REJECTED',
    );
    expect(await codeOf(core.call('getContact', { accountId: sandbox.accountId, contactId: 1 }))).toBe('NOT_FOUND');
    expect(await codeOf(core.call('syncAccounts', { accountId: 424242 }))).toBe('NOT_FOUND');
    expect(await core.call('listAccounts', {})).toHaveLength(1);
  });

  it('cancels a running sync, keeping the whole pages already written', async () => {
    const slow = await startSandbox({ contacts: 3000, seed: 'cancel-test', rateLimit: 7 });
    const local = openService();
    try {
      await local.call('addAccountWithToken', { baseUrl: slow.baseUrl, token: slow.tokens['admin'] as string });
      const stopAfterTwoPages = local.service.events.on('sync:progress', (event) => {
        if (event.pages === 2) void local.call('cancelSync', {});
      });
      const outcome = await local.call('syncAccounts', {}).then(
        () => 'finished',
        (e: { code?: string }) => e.code,
      );
      stopAfterTwoPages();
      expect(outcome).toBe('CANCELLED');
      const [account] = await local.call('listAccounts', {});
      expect(account?.contactCount).toBe(500);
      expect(account?.lastSyncedAt).toBeNull();
      expect(await local.call('cancelSync', {})).toEqual({ cancelled: false });
    } finally {
      await local.service.close();
      await slow.close();
    }
  });
});

describe('the demo account', () => {
  it('starts the sandbox in-process, connects, syncs, and survives a restart on a new port and a later day', async () => {
    const dataDir = tempDir();
    const connectedOn = Date.parse('2026-03-02T15:00:00Z');
    const first = openService(dataDir, () => connectedOn);
    const demo = await first.call('connectDemoAccount', {});
    expect(demo.isDemo).toBe(true);
    await first.call('syncAccounts', {});
    expect((await first.call('listAccounts', {}))[0]?.contactCount).toBe(300);
    const firstSeen = await first.call('getContact', { accountId: demo.id, contactId: 20_000_001 });
    expect(firstSeen.updatedAt).toBeLessThanOrEqual(Date.parse('2026-03-02T00:00:00Z') / 1000);
    await first.service.close();

    const second = openService(dataDir, () => connectedOn + 3 * 86_400_000);
    try {
      const result = await second.call('syncAccounts', {});
      // Nothing changed in the demo since: an incremental pull that finds nothing new.
      expect(result.accounts[0]).toMatchObject({ accountId: demo.id, mode: 'incremental', deleted: 0 });
      expect((await second.call('listAccounts', {}))[0]?.contactCount).toBe(300);
      // The same history days later, anchored on the day the demo was connected.
      expect(await second.call('getContact', { accountId: demo.id, contactId: 20_000_001 })).toEqual(firstSeen);
      const [account] = await second.call('listAccounts', {});
      expect(account?.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await second.service.close();
    }
  });
});
