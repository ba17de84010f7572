/**
 * Random sequences of CRM edits and exports against a simulated phone book that updates
 * contacts in place by UID (as a CardDAV client or a careful importer does). Whatever the
 * sequence, after every export: each contact on the phone has its current CRM name and
 * every number the CRM has for it now (R9, R12) and keeps numbers removed since (R10);
 * deleted contacts stay (R11); and nothing outside the user's rights ever arrived (R7).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactUid } from '../../../src/main/export/card-from-mirror';
import { normalizePhone } from '../../../src/main/phones/normalize';
import { exportWorld } from './export-world';

type World = Awaited<ReturnType<typeof exportWorld>>;
let world: World;
let runs = 0;

beforeAll(async () => {
  // The "responsible" user: rights unknown to the CRM API, so only their own contacts may go.
  world = await exportWorld({ contacts: 60, seed: 'export-properties' }, 'responsible');
});
afterAll(() => world.close());

const step = fc.oneof(
  fc.record({ op: fc.constant('rename' as const), pick: fc.nat(), name: fc.string({ minLength: 1, maxLength: 30 }) }),
  fc.record({
    op: fc.constant('add-phone' as const),
    pick: fc.nat(),
    digits: fc.integer({ min: 1_000_000, max: 9_999_999 }),
  }),
  fc.record({ op: fc.constant('drop-phone' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('hand-over' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('export' as const) }),
);

const currentPhones = (id: number): string[] =>
  (world.sandbox.liveContact(id)?.custom_fields_values ?? [])
    .filter((field) => field.field_code === 'PHONE')
    .flatMap((field) => (field.values ?? []).map((value) => normalizePhone(String(value.value ?? ''), 'RU').e164))
    .filter((phone): phone is string => phone !== null);

describe('exports against a phone book that updates by UID', () => {
  it('keep R7 and R9-R12 for any sequence of edits and exports', async () => {
    const me = world.account.currentUserId;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        const device = await world.call('addDevice', { name: `Phone ${++runs}`, platform: 'android' });
        const phoneBook = new Map<string, { name: string; phones: Set<string> }>();
        const everDelivered = new Map<string, Set<string>>();
        const live = () => world.sandbox.contactIds();
        const pickLive = (pick: number) => live()[pick % live().length] as number;
        let exported = false;

        for (const action of [...steps, { op: 'export' as const }]) {
          if (action.op === 'export') {
            const { cards } = await world.exportTo(device.id, exported ? {} : { period: 'all' });
            exported = true;
            const idByUid = new Map(live().map((id) => [contactUid(world.sandbox.accountId, id), id]));
            for (const card of cards) {
              const uid = card.text('UID') ?? '';
              // R7: only contacts where I am responsible (rights unknown -> only mine) ever arrive.
              const id = idByUid.get(uid);
              expect(id, `an unknown or deleted contact arrived: ${uid}`).toBeDefined();
              expect(world.sandbox.liveContact(id as number)?.responsible_user_id).toBe(me);
              // An Android device: the pause before an extension is `p` (tel-form.ts); the main number is before it.
              const phones = card.get('TEL').map((tel) => tel.raw.split(/[,p]/)[0] as string);
              const entry = phoneBook.get(uid) ?? { name: '', phones: new Set<string>() };
              entry.name = card.text('FN') ?? '';
              for (const phone of phones) entry.phones.add(phone);
              phoneBook.set(uid, entry);
              const ever = everDelivered.get(uid) ?? new Set<string>();
              for (const phone of phones) ever.add(phone);
              everDelivered.set(uid, ever);
            }
            for (const id of live()) {
              const contact = world.sandbox.liveContact(id);
              const uid = contactUid(world.sandbox.accountId, id);
              const entry = phoneBook.get(uid);
              const mine = contact?.responsible_user_id === me;
              const phones = currentPhones(id);
              if (!mine || phones.length === 0) continue;
              // Every contact of mine with a phone is on the phone, current, with every number.
              expect(entry, `contact ${id} missing`).toBeDefined();
              expect(entry?.name).toBe(
                (contact?.name ?? '').trim() || `${contact?.first_name ?? ''} ${contact?.last_name ?? ''}`.trim(),
              );
              for (const phone of phones) expect(entry?.phones.has(phone), `${id} lacks ${phone}`).toBe(true);
            }
            // Nothing that was never mine arrived, and nothing delivered was ever lost.
            for (const [uid, entry] of phoneBook) {
              for (const phone of everDelivered.get(uid) ?? []) expect(entry.phones.has(phone)).toBe(true);
            }
          } else {
            if (live().length < 5) continue;
            const id = pickLive(action.pick);
            const contact = world.sandbox.liveContact(id);
            if (action.op === 'rename')
              world.sandbox.editContact(id, { name: `${action.name.replace(/\s+/g, ' ').trim() || 'X'} ${id}` });
            else if (action.op === 'add-phone')
              world.sandbox.editContact(id, { phones: [...currentPhones(id), `+7 912 ${action.digits}`] });
            else if (action.op === 'drop-phone' && currentPhones(id).length > 1)
              world.sandbox.editContact(id, { phones: currentPhones(id).slice(1) });
            else if (action.op === 'delete') world.sandbox.deleteContact(id);
            else if (action.op === 'hand-over') {
              // Responsibility moves away from me, or to me: rights decide from now on.
              world.sandbox.editContact(id, {
                responsible_user_id: contact?.responsible_user_id === me ? 5_000_001 : me,
              });
            }
          }
        }
      }),
      { numRuns: 12 },
    );
  }, 120_000);
});
