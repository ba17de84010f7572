/**
 * Property: whatever the CRM does between exports (renames, phones added and removed,
 * contacts deleted and added), the CardDAV book ends as R9-R12 describe. A model of the
 * rules is the oracle: a delivered contact keeps its card; it is rewritten only when its
 * name changed or it has a number the book has not had, and then carries the current name
 * and every number ever delivered; a deleted contact's card stays as it was.
 * Real Radicale; the book read back with plain REPORT.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contactUid } from '../../../src/main/export/card-from-mirror';
import { values } from '../../helpers/dav-reader';
import { carddavWorld } from './carddav-world';

const names = ['Анна Петрова', 'Boris Smith', 'Вера Н', 'Gleb', 'Дина Олеговна', 'Emil Zola'];
const pool = ['+7 912 000-00-01', '+7 912 000-00-02', '+7 912 000-00-03', '+7 912 000-00-04'];
const e164 = (phone: string) => `+${phone.replace(/\D/g, '')}`;

type Edit =
  | { kind: 'rename'; slot: number; name: number }
  | { kind: 'phones'; slot: number; phones: boolean[] }
  | { kind: 'delete'; slot: number }
  | { kind: 'add'; name: number; phones: boolean[] };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('rename' as const), slot: fc.nat(5), name: fc.nat(names.length - 1) }),
  fc.record({
    kind: fc.constant('phones' as const),
    slot: fc.nat(5),
    phones: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), slot: fc.nat(5) }),
  fc.record({
    kind: fc.constant('add' as const),
    name: fc.nat(names.length - 1),
    phones: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
  }),
);

interface Delivered {
  name: string;
  phones: Set<string>;
}

describe('property: CRM edit sequences end in the book R9-R12 describe', () => {
  it('holds for random sequences of edits and exports', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(editArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }),
        async (steps) => {
          const world = await carddavWorld({ contacts: 6, seed: 'property' });
          try {
            const ids = world.sandbox.contactIds();
            // A known start: every contact with a name from the list and one number of the pool.
            ids.forEach((id, n) => {
              world.sandbox.editContact(id, {
                name: names[n % names.length] as string,
                phones: [pool[n % pool.length] as string],
              });
            });
            const live = new Map(
              ids.map((id, n) => [
                id,
                { name: names[n % names.length] as string, phones: [pool[n % pool.length] as string] },
              ]),
            );
            const model = new Map<number, Delivered>();
            const { device } = await world.addTarget();
            const exportAndModel = async (first: boolean) => {
              await world.call('exportToCardDav', { deviceId: device.id, ...(first ? { period: 'all' } : {}) });
              for (const [id, contact] of live) {
                if (contact.phones.length === 0) continue;
                const had = model.get(id);
                const now = contact.phones.map(e164);
                if (!had) model.set(id, { name: contact.name, phones: new Set(now) });
                else if (had.name !== contact.name || now.some((phone) => !had.phones.has(phone))) {
                  had.name = contact.name;
                  for (const phone of now) had.phones.add(phone);
                }
              }
            };
            await exportAndModel(true);
            const slots = () => [...live.keys()];
            for (const step of steps) {
              for (const edit of step) {
                const id = edit.kind === 'add' ? undefined : slots()[edit.slot % Math.max(1, slots().length)];
                const chosen = (mask: boolean[]) => pool.filter((_, n) => mask[n]);
                if (edit.kind === 'add') {
                  const contact = world.sandbox.addContact({
                    name: names[edit.name] as string,
                    phones: chosen(edit.phones),
                  });
                  live.set(contact.id, { name: names[edit.name] as string, phones: chosen(edit.phones) });
                } else if (id !== undefined && edit.kind === 'rename') {
                  world.sandbox.editContact(id, { name: names[edit.name] as string });
                  (live.get(id) as { name: string }).name = names[edit.name] as string;
                } else if (id !== undefined && edit.kind === 'phones') {
                  world.sandbox.editContact(id, { phones: chosen(edit.phones) });
                  (live.get(id) as { phones: string[] }).phones = chosen(edit.phones);
                } else if (id !== undefined && edit.kind === 'delete') {
                  world.sandbox.deleteContact(id);
                  live.delete(id);
                }
              }
              await exportAndModel(false);
            }

            const cards = await world.read(world.ownBookUrl);
            const byUid = new Map([...cards.values()].map((card) => [values(card.text, 'UID')[0], card]));
            expect(byUid.size).toBe(cards.size);
            expect(cards.size).toBe(model.size);
            for (const [id, expected] of model) {
              const card = byUid.get(contactUid(world.account.id, id));
              expect(card, `contact ${id} has no card`).toBeDefined();
              expect(values(card?.text ?? '', 'FN')).toEqual([expected.name]);
              expect(values(card?.text ?? '', 'TEL').sort()).toEqual([...expected.phones].sort());
            }
          } finally {
            await world.close();
          }
        },
      ),
      { numRuns: 6, seed: 9, endOnFailure: true },
    );
  }, 120_000);
});
