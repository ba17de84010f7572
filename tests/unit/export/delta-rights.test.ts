/**
 * R7 at the heart of the delta: every export right amoCRM has (all, group, only if
 * responsible, denied), whatever the connected user's own role is in the sandbox.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeDelta } from '../../../src/main/export/delta';
import { freshContactIds } from '../../../src/main/export/fresh-cards';
import { planExport } from '../../../src/main/export/plan-export';
import { getAccount } from '../../../src/main/mirror/accounts-repo';
import type { MirrorDb } from '../../../src/main/mirror/database';
import { sandboxUsers } from '../../../src/main/sandbox/users';
import { closeStore, openStore } from '../../../src/main/store/open-store';
import { exportWorld } from './export-world';

let world: Awaited<ReturnType<typeof exportWorld>>;
let db: MirrorDb;

beforeAll(async () => {
  world = await exportWorld({ contacts: 800 });
  await world.call('syncAccounts', {});
  db = openStore(join(world.dataDir, 'mirror.sqlite'));
});
afterAll(async () => {
  closeStore(db);
  await world.close();
});

const user = (key: string) => sandboxUsers.find((u) => u.key === key) as (typeof sandboxUsers)[number];
const rows = () =>
  db
    .prepare(
      'SELECT id, responsible_user_id AS responsible, group_id AS groupId FROM contacts WHERE account_id = ? AND phone_count > 0',
    )
    .all(world.sandbox.accountId) as Array<{
    id: number;
    responsible: number;
    groupId: number;
  }>;

function deltaFor(key: string, right: 'A' | 'G' | 'M') {
  const person = user(key);
  return computeDelta({
    db,
    deviceId: 'nowhere',
    capped: false,
    accountId: world.sandbox.accountId,
    currentUserId: person.id,
    groupId: person.groupId,
    right,
    since: 0,
    filters: { onlyMine: false, responsible: null },
  });
}

describe('R7 rights in the delta', () => {
  it('all: every contact with a phone', () => {
    const delta = deltaFor('admin', 'A');
    expect(delta.counts.new).toBe(rows().length);
    expect(freshContactIds(db, delta.fresh)).toHaveLength(rows().length);
    expect(delta.counts.skippedByRights).toBe(0);
  });

  it("group: only contacts whose responsible user is in the user's group", () => {
    const person = user('group');
    const delta = deltaFor('group', 'G');
    const expected = rows().filter((row) => row.groupId === person.groupId);
    expect(expected.length).toBeGreaterThan(0);
    expect(new Set(freshContactIds(db, delta.fresh))).toEqual(new Set(expected.map((row) => row.id)));
    expect(delta.counts.new).toBe(expected.length);
    expect(delta.counts.skippedByRights).toBe(rows().length - expected.length);
  });

  it('only if responsible: only contacts where the user is responsible', () => {
    const person = user('responsible');
    const delta = deltaFor('responsible', 'M');
    const expected = rows().filter((row) => row.responsible === person.id);
    expect(new Set(freshContactIds(db, delta.fresh))).toEqual(new Set(expected.map((row) => row.id)));
    expect(delta.counts.new).toBe(expected.length);
  });

  it('denied: no export at all, and a message naming the right', () => {
    const account = getAccount(db, world.sandbox.accountId);
    if (!account) throw new Error('no account');
    const device = { id: 'd', name: 'Phone', platform: 'file' as const, createdAt: 0 };
    const denied = { ...account, exportLetter: 'D' as const };
    expect(() =>
      planExport({
        db,
        device,
        accounts: [denied],
        period: 'all',
        filters: { onlyMine: false, responsible: null },
        nowMs: Date.now(),
      }),
    ).toThrow(/"Export" right/);
    // Among several accounts, a denied one is left out with a warning; the others go.
    const plan = planExport({
      db,
      device,
      accounts: [denied, account],
      period: 'all',
      filters: { onlyMine: false, responsible: null },
      nowMs: Date.now(),
    });
    expect(plan.preview.warnings).toContainEqual({ code: 'rights-denied', accountId: account.id });
    expect(plan.preview.new).toBe(rows().length);
  });
});
