/**
 * Issue 21, item 2: someone who may export only their own contacts pulls only those
 * (`filter[responsible_user_id]`), where the account honours API filters; and the export is
 * the same as after a full pull, through everything that can go wrong with a filter:
 * contacts given to and taken from them, a change of responsible during the pull, an account
 * that says it filters but does not, rights that widen, and a reconciliation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { contactUid } from '../../../src/main/export/card-from-mirror';
import { sandboxUserByKey } from '../../../src/main/sandbox/users';
import { readVCards } from '../../helpers/vcard-reader';
import { crmSnapshot, mirrorSnapshot, syncWorld } from './sync-world';

type World = Awaited<ReturnType<typeof syncWorld>>;
const worlds: World[] = [];
afterEach(async () => {
  await Promise.all(worlds.splice(0).map((world) => world.close()));
});

const irina = sandboxUserByKey('responsible');
const pavel = sandboxUserByKey('group');
if (!irina || !pavel) throw new Error('the sandbox lost its users');

async function world(options: Parameters<typeof syncWorld>[0] = {}) {
  const made = await syncWorld({ contacts: 3000, seed: 'own-contacts', ...options });
  worlds.push(made);
  return made;
}

/** Connects as Irina (a manager: rights unknown to her, so only her contacts are exportable). */
async function connectIrina(w: World) {
  return w.call('addAccountWithToken', {
    baseUrl: w.sandbox.baseUrl,
    token: w.sandbox.tokens['responsible'] as string,
  });
}

function pulledFor(w: World): number | null {
  const db = new Database(join(w.dataDir, 'mirror.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT pulled_for_user_id FROM sync_state').pluck().get() as number | null;
  } finally {
    db.close();
  }
}

/** The CRM's contacts of one responsible user, as mirrorSnapshot shows them. */
function crmContactsOf(w: World, userId: number): Map<number, string> {
  const all = crmSnapshot(w.sandbox);
  return new Map([...all].filter(([id]) => w.sandbox.liveContact(id)?.responsible_user_id === userId));
}

let files = 0;
/** The UIDs of the cards a first export of every period to a new Android device gets, sorted. */
async function exportedUids(w: World): Promise<string[]> {
  const device = await w.call('addDevice', { name: `Pixel ${++files}`, platform: 'android' });
  const outPath = join(w.dataDir, `export-${files}.vcf`);
  await w.call('exportToFile', { deviceId: device.id, outPath, period: 'all' });
  return readVCards(readFileSync(outPath, 'utf8'))
    .map((card) => card.text('UID') ?? '')
    .sort();
}

describe('a pull of only my contacts (filter[responsible_user_id])', () => {
  it('asks for a fraction of the pages, and the export is what a full pull gives', async () => {
    const filtering = await world({ apiFilterEnabled: true });
    const plain = await world({ apiFilterEnabled: false });
    for (const w of [filtering, plain]) {
      await connectIrina(w);
      await w.call('syncAccounts', {});
    }
    // 3,000 contacts are 12 pages; Irina's share (one of the sandbox's users) fits in 2 or 3.
    expect(plain.sandbox.contactPageRequests()).toBeGreaterThanOrEqual(12);
    expect(filtering.sandbox.contactPageRequests()).toBeLessThanOrEqual(4);
    expect(pulledFor(filtering)).toBe(irina.id);
    expect(pulledFor(plain)).toBeNull();
    // The mirror holds her contacts exactly; the export counts are the full pull's.
    expect(mirrorSnapshot(filtering.dataDir, filtering.sandbox.accountId)).toEqual(crmContactsOf(filtering, irina.id));
    const uids = await exportedUids(filtering);
    expect(uids.length).toBeGreaterThan(100);
    expect(uids).toEqual(await exportedUids(plain));
    // The preview says its counts are of her contacts: the account's others were never fetched.
    for (const [w, own] of [
      [filtering, true],
      [plain, false],
    ] as const) {
      const device = await w.call('addDevice', { name: 'iPhone', platform: 'ios' });
      const preview = await w.call('previewExport', { deviceId: device.id, period: 'all' });
      expect(preview.ownContactsOnly).toBe(own);
      expect(preview.accounts[0]?.ownContactsOnly).toBe(own);
    }
  });

  it('follows contacts given to me and taken from me after the pull, and a reconciliation stays filtered', async () => {
    const w = await world({ apiFilterEnabled: true });
    await connectIrina(w);
    await w.call('syncAccounts', {});
    const before = new Set(await exportedUids(w));
    const mine = [...crmContactsOf(w, irina.id).keys()];
    const others = w.sandbox.contactIds().filter((id) => w.sandbox.liveContact(id)?.responsible_user_id === pavel.id);
    const takenAway = mine[0] as number;
    const given = others[0] as number;
    w.sandbox.editContact(takenAway, { responsible_user_id: pavel.id });
    w.sandbox.editContact(given, { responsible_user_id: irina.id });
    await w.call('syncAccounts', {});
    const mirror = mirrorSnapshot(w.dataDir, w.sandbox.accountId);
    // The new one arrived (the unfiltered incremental pull reads every edit, reassignments too).
    expect(mirror.get(given)).toBe(crmSnapshot(w.sandbox).get(given));
    const after = new Set(await exportedUids(w));
    const added = [...after].filter((uid) => !before.has(uid));
    const removed = [...before].filter((uid) => !after.has(uid));
    const uid = (id: number) => contactUid(w.sandbox.accountId, id);
    expect(added).toEqual(phonesIn(w, given) ? [uid(given)] : []);
    expect(removed).toEqual(phonesIn(w, takenAway) ? [uid(takenAway)] : []);

    // The reconciliation lists with the same filter: the one taken away leaves the mirror, and
    // it reads Irina's pages only, not the account.
    const pagesBefore = w.sandbox.contactPageRequests();
    const outcome = await w.call('reconcileAccount', { accountId: w.sandbox.accountId });
    expect(w.sandbox.contactPageRequests() - pagesBefore).toBeLessThanOrEqual(4);
    expect(outcome.checked).toBe(crmContactsOf(w, irina.id).size);
    expect(mirrorSnapshot(w.dataDir, w.sandbox.accountId)).toEqual(crmContactsOf(w, irina.id));
  });

  it('catches a contact that slipped between pages because one of mine was given away during the pull', async () => {
    const w = await world({ apiFilterEnabled: true, contacts: 6000 });
    await connectIrina(w);
    const mine = [...crmContactsOf(w, irina.id).keys()];
    expect(mine.length).toBeGreaterThan(500);
    // After page 1 of her contacts is written, one of page 1 goes to Pavel: her later contacts move
    // up one place, and the first of page 3 lands on page 2, already read (as a deletion does).
    const freshestFirst = [...mine].sort(
      (a, b) => (w.sandbox.liveContact(b)?.updated_at ?? 0) - (w.sandbox.liveContact(a)?.updated_at ?? 0) || b - a,
    );
    const stop = w.service.events.on('sync:progress', (event) => {
      if (event.phase === 'contacts' && event.pages === 1) {
        w.sandbox.editContact(freshestFirst[5] as number, { responsible_user_id: pavel.id });
      }
    });
    await w.call('syncAccounts', {});
    stop();
    const mirror = mirrorSnapshot(w.dataDir, w.sandbox.accountId);
    for (const [id, row] of crmContactsOf(w, irina.id)) expect(mirror.get(id), `contact ${id}`).toBe(row);
  });

  it('notices an account that says it filters and does not: the pull is then a full one', async () => {
    const w = await world({ apiFilterEnabled: false, reportsApiFilterEnabled: true });
    await connectIrina(w);
    await w.call('syncAccounts', {});
    expect(pulledFor(w)).toBeNull();
    expect(mirrorSnapshot(w.dataDir, w.sandbox.accountId)).toEqual(crmSnapshot(w.sandbox));
    // Nothing pulls the account again on the next sync: the mirror is already whole.
    const pages = w.sandbox.contactPageRequests();
    await w.call('syncAccounts', {});
    expect(w.sandbox.contactPageRequests() - pages).toBeLessThanOrEqual(1);
  });

  it('pulls the whole account again when the sign-in may export more (here: the admin signs in)', async () => {
    const w = await world({ apiFilterEnabled: true });
    await connectIrina(w);
    await w.call('syncAccounts', {});
    expect(pulledFor(w)).toBe(irina.id);
    // Same account, now the administrator's sign-in: every contact is exportable.
    await w.connectAdmin();
    await w.call('syncAccounts', {});
    expect(pulledFor(w)).toBeNull();
    expect(mirrorSnapshot(w.dataDir, w.sandbox.accountId)).toEqual(crmSnapshot(w.sandbox));
  });
});

function phonesIn(w: World, id: number): boolean {
  return (w.sandbox.liveContact(id)?.custom_fields_values ?? []).some(
    (field) => field.field_code === 'PHONE' && (field.values ?? []).length > 0,
  );
}
