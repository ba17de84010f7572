/**
 * The id reconciliation a user can run: whatever the CRM no longer shows leaves the
 * mirror (each one confirmed first), whatever the mirror lacks comes back.
 */

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { crmSnapshot, mirrorSnapshot, syncWorld } from './sync-world';

let world: Awaited<ReturnType<typeof syncWorld>> | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

/** Plants contacts the CRM never had, and removes one it has, behind the app's back. */
function tamper(dataDir: string, accountId: number, bogus: number, missing: number): void {
  const db = new Database(join(dataDir, 'mirror.sqlite'));
  const insert = db.prepare(
    "INSERT INTO contacts (account_id, id, name, first_name, last_name, created_at, updated_at, search_text) VALUES (?, ?, 'Призрак', '', '', 0, 0, 'призрак')",
  );
  for (let i = 0; i < bogus; i++) insert.run(accountId, 900_000_000 + i);
  db.prepare('DELETE FROM contacts WHERE account_id = ? AND id = ?').run(accountId, missing);
  db.close();
}

describe('reconcileAccount', () => {
  it('removes contacts the CRM does not show (confirmed one by one) and restores missing ones', async () => {
    world = await syncWorld({ contacts: 600 });
    const { sandbox, call } = world;
    await world.connectAdmin();
    await call('syncAccounts', {});
    tamper(world.dataDir, sandbox.accountId, 3, sandbox.contactIds()[42] as number);
    const requestsBefore = sandbox.receivedRequests();
    const outcome = await call('reconcileAccount', { accountId: sandbox.accountId });
    expect(outcome).toEqual({ accountId: sandbox.accountId, removed: 3, added: 1, checked: 600 });
    // Setup, three listing pages, and one question per missing contact.
    expect(sandbox.receivedRequests() - requestsBefore).toBeLessThanOrEqual(4 + 3 + 1 + 3);
    expect(mirrorSnapshot(world.dataDir, sandbox.accountId)).toEqual(crmSnapshot(sandbox));
  });

  it('when too many are missing to ask one by one, removes only what a second listing also lacks', async () => {
    world = await syncWorld({ contacts: 300 });
    const { sandbox, call } = world;
    await world.connectAdmin();
    await call('syncAccounts', {});
    tamper(world.dataDir, sandbox.accountId, 80, sandbox.contactIds()[7] as number);
    const outcome = await call('reconcileAccount', { accountId: sandbox.accountId });
    expect(outcome).toMatchObject({ removed: 80, added: 1, checked: 300 });
    expect(mirrorSnapshot(world.dataDir, sandbox.accountId)).toEqual(crmSnapshot(sandbox));
  });

  it('refuses an unknown account', async () => {
    world = await syncWorld({ contacts: 10 });
    expect(await world.codeOf(world.call('reconcileAccount', { accountId: 1 }))).toBe('NOT_FOUND');
  });
});
