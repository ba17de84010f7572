/**
 * Exports into a real CardDAV server (Radicale), read back with plain PROPFIND/REPORT:
 * the first export, re-exports after each kind of CRM edit (R9-R12 become in-place edits
 * of the same card), deleting the export (R6), and the single-book mode of iCloud-like
 * providers (cards in the default book, an Apple group card, deletion card by card).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cardFileName } from '../../../src/main/delivery/carddav/push-cards';
import { contactUid } from '../../../src/main/export/card-from-mirror';
import { davStatus, listCollections, values } from '../../helpers/dav-reader';
import { type CardDavWorld, carddavWorld, cardOf, fn, tels } from './carddav-world';

let world: CardDavWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

describe('export into a CardDAV account (Radicale)', () => {
  it('first export: its own "amoCRM" book, one vCard 3.0 card per contact with a phone, <uid>.vcf, the UID inside', async () => {
    world = await carddavWorld();
    const { device } = await world.addTarget();
    expect(device).toMatchObject({ platform: 'carddav', carddav: { provider: 'custom', ownBook: true } });
    const result = await world.call('exportToCardDav', { deviceId: device.id, period: 'all' });
    const withPhone = world.withPhone();
    expect(result).toMatchObject({ new: withPhone.length, written: withPhone.length, conflicts: 0 });
    // Book lookup + MKCOL + two listing requests + one PUT per card, plus the first export's
    // read-back (read-back.ts): one card with an extension sent with `,` and read back (Radicale
    // cut it at the comma), then sent with `\,` and read back (kept): 2 REPORTs and 1 PUT more.
    expect(result.requests).toBe(withPhone.length + 4 + 3);
    expect(result.serverChanged).toMatch(/changed a phone number \("\+7\d+,\d+" became "\+7\d+"\)/);

    const books = await listCollections(world.home, world.radicale.authorization);
    expect([...books.values()]).toEqual([`amoCRM ${world.account.name}`]);
    const cards = await world.read(world.ownBookUrl);
    expect(cards.size).toBe(withPhone.length);
    for (const id of withPhone) {
      const card = cards.get(cardFileName(world.account.id, id));
      expect(values(card?.text ?? '', 'UID')).toEqual([contactUid(world.account.id, id)]);
      expect(values(card?.text ?? '', 'VERSION')).toEqual(['3.0']);
      expect(values(card?.text ?? '', 'CATEGORIES')).toEqual([`amoCRM ${world.account.name}`]);
    }
  });

  it('R9-R12: rename, added phone, removed phone, deleted contact: the same cards edited in place, only the changed ones sent', async () => {
    world = await carddavWorld();
    const { device } = await world.addTarget();
    const [renamed, added, removed, deleted, untouched] = world.withPhone() as [number, number, number, number, number];
    world.sandbox.editContact(added, { phones: ['+7 912 111-11-11'] });
    world.sandbox.editContact(removed, { phones: ['+7 912 333-33-33', '+7 912 444-44-44'] });
    await world.call('exportToCardDav', { deviceId: device.id, period: 'all' });
    const before = await world.read(world.ownBookUrl);
    const uid = (id: number) => contactUid(world?.account.id ?? 0, id);

    world.sandbox.editContact(renamed, { name: 'Новое Имя; с запятой, и \\ слэшем' });
    world.sandbox.editContact(added, { phones: ['+7 912 111-11-11', '+7 912 222-22-22'] });
    world.sandbox.editContact(removed, { phones: ['+7 912 444-44-44'], name: 'Убрал Телефон' });
    world.sandbox.deleteContact(deleted);
    const result = await world.call('exportToCardDav', { deviceId: device.id });
    expect(result).toMatchObject({ new: 0, updated: 3, written: 3 });
    // The book's lookup, one sync-collection REPORT, and the three changed cards.
    expect(result.requests).toBe(5);

    const after = await world.read(world.ownBookUrl);
    expect(after.size).toBe(before.size);
    expect(fn(cardOf(after, uid(renamed)))).toBe('Новое Имя\\; с запятой\\, и \\\\ слэшем');
    expect(tels(cardOf(after, uid(renamed)))).toEqual(tels(cardOf(before, uid(renamed))));
    // R9: the new number arrives, the old one stays.
    expect(tels(cardOf(after, uid(added)))).toEqual(['+79121111111', '+79122222222']);
    // R10: a removed number stays.
    expect(tels(cardOf(after, uid(removed)))).toEqual(['+79124444444', '+79123333333']);
    // R11: a deleted contact stays, untouched.
    expect(cardOf(after, uid(deleted))?.etag).toBe(cardOf(before, uid(deleted))?.etag);
    expect(cardOf(after, uid(untouched))?.etag).toBe(cardOf(before, uid(untouched))?.etag);
    // Same resource names: edited in place, never duplicated.
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  });

  it('R6: deleting the export deletes its address book in one request; the next export is a first one again', async () => {
    world = await carddavWorld();
    const { device } = await world.addTarget();
    const first = await world.call('exportToCardDav', { deviceId: device.id, period: 'all' });
    const reset = await world.call('resetExport', { deviceId: device.id, accountId: world.account.id });
    expect(reset).toMatchObject({ cleared: first.written, serverRemoved: first.written });
    expect(await davStatus(world.ownBookUrl, world.radicale.authorization)).toBe(404);
    expect(await world.codeOf(world.call('exportToCardDav', { deviceId: device.id }))).toBe('INVALID_INPUT');
    const again = await world.call('exportToCardDav', { deviceId: device.id, period: 'all' });
    expect(again.accounts[0]?.first).toBe(true);
    expect((await world.read(world.ownBookUrl)).size).toBe(first.written);
  });

  it("iCloud-like (no book of its own): the default book, an Apple group card, and R6 card by card leaving the user's own cards", async () => {
    world = await carddavWorld();
    // A fresh Radicale has no book: the user's own, with one contact of theirs in it.
    const userBook = `${world.home}contacts/`;
    const made = await fetch(userBook, {
      method: 'MKCOL',
      headers: { authorization: world.radicale.authorization, 'content-type': 'application/xml' },
      body:
        '<?xml version="1.0"?><d:mkcol xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav"><d:set><d:prop>' +
        '<d:resourcetype><d:collection/><c:addressbook/></d:resourcetype></d:prop></d:set></d:mkcol>',
    });
    expect(made.status).toBe(201);
    const mine =
      'BEGIN:VCARD\r\nVERSION:3.0\r\nUID:my-own\r\nFN:Мама\r\nN:;Мама;;;\r\nTEL:+79000000000\r\nEND:VCARD\r\n';
    await fetch(`${userBook}my-own.vcf`, {
      method: 'PUT',
      headers: { authorization: world.radicale.authorization, 'content-type': 'text/vcard' },
      body: mine,
    });

    const { device } = await world.addTarget('icloud');
    expect(device.carddav?.ownBook).toBe(false);
    const result = await world.call('exportToCardDav', { deviceId: device.id, period: 'all' });
    const cards = await world.read(userBook);
    expect(cards.size).toBe(result.written + 2);
    const group = cards.get(`amocrm-group-${world.account.id}.vcf`);
    expect(values(group?.text ?? '', 'X-ADDRESSBOOKSERVER-KIND')).toEqual(['group']);
    expect(values(group?.text ?? '', 'X-ADDRESSBOOKSERVER-MEMBER')).toHaveLength(result.written);
    expect(await listCollections(world.home, world.radicale.authorization)).toHaveProperty('size', 1);

    const reset = await world.call('resetExport', { deviceId: device.id, accountId: world.account.id });
    expect(reset.serverRemoved).toBe(result.written);
    expect([...(await world.read(userBook)).keys()]).toEqual(['my-own.vcf']);
  });

  it("a card edited on the phone is replaced by the CRM's version at the next change; one deleted there comes back with the change", async () => {
    world = await carddavWorld();
    const { device } = await world.addTarget();
    const [edited, gone] = world.withPhone() as [number, number];
    await world.call('exportToCardDav', { deviceId: device.id, period: 'all' });
    const editedUrl = `${world.ownBookUrl}${cardFileName(world.account.id, edited)}`;
    const goneUrl = `${world.ownBookUrl}${cardFileName(world.account.id, gone)}`;
    const before = await world.read(world.ownBookUrl);
    const phoneEdit = (before.get(cardFileName(world.account.id, edited))?.text ?? '').replace(
      /FN:.*\r\n/,
      'FN:Edited On Phone\r\n',
    );
    expect(
      await fetch(editedUrl, {
        method: 'PUT',
        headers: { authorization: world.radicale.authorization },
        body: phoneEdit,
      }).then((r) => r.status),
    ).toBe(201);
    expect(
      await fetch(goneUrl, { method: 'DELETE', headers: { authorization: world.radicale.authorization } }).then(
        (r) => r.status,
      ),
    ).toBe(200);

    world.sandbox.editContact(edited, { name: 'CRM Wins' });
    world.sandbox.editContact(gone, { name: 'Back Again' });
    const result = await world.call('exportToCardDav', { deviceId: device.id });
    expect(result.written).toBe(2);
    const after = await world.read(world.ownBookUrl);
    expect(fn(after.get(cardFileName(world.account.id, edited)))).toBe('CRM Wins');
    expect(fn(after.get(cardFileName(world.account.id, gone)))).toBe('Back Again');
    expect(after.size).toBe(before.size);
  });
});
