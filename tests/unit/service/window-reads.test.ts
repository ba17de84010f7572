/**
 * What the window reads beside the contacts: who is responsible (by name), which devices a
 * contact reached, each device's state per account (with the iPhone cap), and the history
 * of export runs. The demo account, a real SQLite mirror, the dispatcher in front.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src/main/api/dispatch';
import { createMemorySecretStore } from '../../../src/main/secrets/file-secret-store';
import { createCoreService } from '../../../src/main/service';
import type { ApiOutputs } from '../../../src/shared/api/contract';
import type { ApiInput } from '../../../src/shared/api/schemas';
import type { ApiVerb } from '../../../src/shared/api/verbs';
import { deserializeError } from '../../../src/shared/errors';
import { tempDir } from '../../helpers/temp-dir';
import { readVCards } from '../../helpers/vcard-reader';

async function openService() {
  const dataDir = tempDir();
  const service = createCoreService({ dataDir, face: 'cli', secrets: createMemorySecretStore(), demoContacts: 150 });
  const dispatch = createDispatcher(service.api, () => undefined);
  async function call<V extends ApiVerb>(verb: V, input: ApiInput<V>): Promise<ApiOutputs[V]> {
    const envelope = await dispatch(verb, input);
    if (!envelope.ok) throw deserializeError(envelope.error);
    return envelope.value as ApiOutputs[V];
  }
  const account = await call('connectDemoAccount', {});
  await call('syncAccounts', {});
  return { service, call, account, dataDir };
}

describe('what the window reads', () => {
  it('names the responsible users (the demo user is an administrator) with their contact counts', async () => {
    const { service, call, account } = await openService();
    const users = await call('listResponsibleUsers', { accountId: account.id });
    expect(users.length).toBeGreaterThan(1);
    for (const user of users) {
      expect(user.name, `user ${user.id} has no name`).toMatch(/\p{L}/u);
      expect(user.contacts).toBeGreaterThan(0);
    }
    const counts = users.map((user) => user.contacts);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const first = (await call('searchContacts', { query: '', limit: 1 })).items[0];
    if (!first) throw new Error('no contact');
    const detail = await call('getContact', { accountId: account.id, contactId: first.id });
    expect(detail.responsibleUserName).toBe(users.find((u) => u.id === detail.responsibleUserId)?.name ?? null);
    expect(detail.deliveries).toEqual([]);
    await service.close();
  });

  it('after an export: the contact knows the device, the device its count and cap, the history the run', async () => {
    const { service, call, account, dataDir } = await openService();
    const iphone = await call('addDevice', { name: 'iPhone Анны', platform: 'ios' });
    expect(await call('listDeviceOverview', {})).toEqual([{ device: iphone, accounts: [], lastRun: null }]);
    const result = await call('exportToFile', { deviceId: iphone.id, period: 'all', outPath: join(dataDir, 'a.vcf') });
    const [card] = readVCards(readFileSync(result.file, 'utf8'));
    const uid = card?.text('UID') ?? '';
    const contactId = Number.parseInt(uid.slice(-12), 16);

    const detail = await call('getContact', { accountId: account.id, contactId });
    expect(detail.deliveries).toEqual([
      expect.objectContaining({ deviceId: iphone.id, deviceName: 'iPhone Анны', platform: 'ios' }),
    ]);
    const [overview] = await call('listDeviceOverview', {});
    expect(overview?.accounts).toEqual([
      expect.objectContaining({
        accountId: account.id,
        contacts: result.delivered,
        capRemaining: 5000 - result.delivered,
      }),
    ]);
    expect(overview?.lastRun).toMatchObject({ delivery: 'file', outcome: 'delivered', delivered: result.delivered });
    expect(overview?.lastRun?.counts).toMatchObject({ new: result.new, skippedNoPhone: result.skippedNoPhone });

    // A failed delivery is history too, with its reason in words.
    await expect(
      call('exportToFile', { deviceId: iphone.id, outPath: join(dataDir, 'missing-folder', 'b.vcf') }),
    ).rejects.toMatchObject({ code: 'OUTPUT_NOT_WRITABLE' });
    const runs = await call('listExportRuns', { deviceId: iphone.id });
    expect(runs.map((run) => run.outcome)).toEqual(['failed', 'delivered']);
    expect(runs[0]?.reason).toMatch(/missing-folder/);
    expect(await call('listExportRuns', { limit: 1 })).toHaveLength(1);
    await service.close();
  });
});
