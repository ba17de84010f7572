/**
 * First a full pull, then incremental ones: every edit, addition, deletion and restoration
 * in the CRM reaches the mirror, and the mirror ends up exactly what the CRM holds.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { crmSnapshot, mirrorSnapshot, syncWorld } from './sync-world';

let world: Awaited<ReturnType<typeof syncWorld>> | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

describe('full then incremental pulls', () => {
  it('mirrors the CRM exactly after a full pull, then after edits, additions, deletions and a restore', async () => {
    world = await syncWorld();
    const { sandbox, call } = world;
    await world.connectAdmin();

    const first = await call('syncAccounts', {});
    expect(first.accounts[0]).toMatchObject({ mode: 'full', contacts: 1200, pages: 5, deleted: 0 });
    expect(mirrorSnapshot(world.dataDir, sandbox.accountId)).toEqual(crmSnapshot(sandbox));

    const ids = sandbox.contactIds();
    sandbox.editContact(ids[10] as number, { name: 'Переименованный Контакт' });
    sandbox.editContact(ids[500] as number, { phones: ['+7 999 111-22-33', '8 (495) 000-11-22'] });
    const added = sandbox.addContact({ name: 'Новый Клиент', phones: ['89161234567'] });
    sandbox.deleteContact(ids[20] as number);
    sandbox.deleteContact(ids[21] as number);
    sandbox.restoreContact(ids[21] as number);

    const requestsBefore = sandbox.receivedRequests();
    const second = await call('syncAccounts', {});
    expect(second.accounts[0]).toMatchObject({ mode: 'incremental', deleted: 1 });
    // Incremental: the setup calls, one page of recent edits, the events: not 5 pages again.
    expect(sandbox.receivedRequests() - requestsBefore).toBeLessThan(10);
    expect(mirrorSnapshot(world.dataDir, sandbox.accountId)).toEqual(crmSnapshot(sandbox));
    expect(mirrorSnapshot(world.dataDir, sandbox.accountId).get(added.id)).toMatch(/^Новый Клиент#/);

    // Nothing changed: another sync changes nothing and deletes nothing.
    const third = await call('syncAccounts', {});
    expect(third.accounts[0]).toMatchObject({ mode: 'incremental', deleted: 0 });
    expect(mirrorSnapshot(world.dataDir, sandbox.accountId)).toEqual(crmSnapshot(sandbox));
  });

  it('never relies on API filters (they are off, and silently ignored, on most accounts)', async () => {
    world = await syncWorld({ apiFilterEnabled: false });
    await world.connectAdmin();
    await world.call('syncAccounts', {});
    world.sandbox.editContact(world.sandbox.contactIds()[3] as number, { name: 'Изменён без фильтров' });
    await world.call('syncAccounts', {});
    expect(mirrorSnapshot(world.dataDir, world.sandbox.accountId)).toEqual(crmSnapshot(world.sandbox));
  });

  it('catches a contact that slipped between pages because another was deleted during the full pull', async () => {
    world = await syncWorld({ contacts: 1000 });
    const { sandbox, call, service } = world;
    await world.connectAdmin();
    const firstId = sandbox.contactIds()[0] as number;
    // After page 2 is written, delete a contact from page 1: everything after it moves up
    // one place, and the first contact of page 3 lands on page 2, already read.
    const stop = service.events.on('sync:progress', (event) => {
      if (event.phase === 'contacts' && event.pages === 2) sandbox.deleteContact(firstId);
    });
    await call('syncAccounts', {});
    stop();
    expect(mirrorSnapshot(world.dataDir, sandbox.accountId)).toEqual(crmSnapshot(sandbox));
  });
});
