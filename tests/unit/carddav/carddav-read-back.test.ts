/**
 * The server's copy is what the phone gets (issue 19): the first export to a server reads one
 * card back and keeps the form of the numbers the server keeps. Against a real Radicale,
 * which stores every card through python-vobject: `TEL:+74959471173,562` comes back as
 * `+74959471173`, and `\,` survives. Every number of the account, extensions included, is
 * then read back from the server (independent PROPFIND/REPORT reader) and compared with
 * what amoCRM holds, parsed on its own here with libphonenumber.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { findPhoneNumbersInText } from 'libphonenumber-js';
import { afterEach, describe, expect, it } from 'vitest';
import { cardFields, compareReadBack, hasExtension } from '../../../src/main/delivery/carddav/read-back';
import { values } from '../../helpers/dav-reader';
import { type CardDavWorld, carddavWorld } from './carddav-world';

let world: CardDavWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

/** What amoCRM holds for a contact: each number as E.164 with its extension, `+7…,562`. */
function crmNumbers(world: CardDavWorld, id: number): string[] {
  const fields = world.sandbox.liveContact(id)?.custom_fields_values ?? [];
  const numbers = fields
    .filter((field) => field.field_code === 'PHONE')
    .flatMap((field) => field.values ?? [])
    .flatMap((value) =>
      findPhoneNumbersInText(String(value.value ?? '').replace(/^\s*00/, '+'), { defaultCountry: 'RU' }).map((found) =>
        found.number.ext ? `${found.number.number},${found.number.ext}` : found.number.number,
      ),
    );
  return [...new Set(numbers)].sort();
}

/** A server TEL as a phone reads it: escapes undone, `p` (a pause, as Android stores it) as `,`. */
const asDialled = (raw: string) => raw.replace(/\\,/g, ',').replace(/(\d)[pP](\d)/, '$1,$2');

describe('the server keeps what the phone must get (Radicale)', () => {
  it('reads one card back at the first export, moves to the form Radicale keeps, and every number arrives whole', async () => {
    world = await carddavWorld({ contacts: 60, seed: 'read-back' });
    const { device } = await world.addTarget();
    const result = await world.call('exportToCardDav', { deviceId: device.id, period: 'all' });
    expect(result.written).toBe(world.withPhone().length);
    expect(result.serverChanged).toContain('changed a phone number');
    // The form is recorded: a second export to the same server reads nothing back.
    const mirror = new Database(join(world.dataDir, 'mirror.sqlite'), { readonly: true });
    const form = mirror.prepare('SELECT tel_form FROM carddav_targets WHERE device_id = ?').pluck().get(device.id);
    mirror.close();
    expect(form).toBe('escaped-comma');

    const cards = await world.read(world.ownBookUrl);
    let numbers = 0;
    let extensions = 0;
    const differences: string[] = [];
    for (const id of world.withPhone()) {
      const uid = [...cards.values()].find((card) =>
        values(card.text, 'UID')[0]?.endsWith(id.toString(16).padStart(12, '0')),
      );
      const kept = (uid ? values(uid.text, 'TEL') : []).map(asDialled).sort();
      const expected = crmNumbers(world, id);
      numbers += expected.length;
      extensions += expected.filter((number) => number.includes(',')).length;
      if (kept.join(' ') !== expected.join(' ')) differences.push(`${id}: ${kept.join(' ')} != ${expected.join(' ')}`);
    }
    expect(differences).toEqual([]);
    expect(extensions).toBeGreaterThan(0);
    expect(numbers).toBeGreaterThanOrEqual(world.withPhone().length);

    world.sandbox.editContact(world.withPhone()[0] as number, { phones: ['+7 495 947-11-73 доб. 562'] });
    const again = await world.call('exportToCardDav', { deviceId: device.id });
    expect(again).toMatchObject({ updated: 1, written: 1, serverChanged: null });
    // The book's lookup, one sync-collection REPORT and the one card: no read-back any more.
    expect(again.requests).toBe(3);
  }, 60_000);
});

describe('comparing a card with the server copy (pure)', () => {
  const sent =
    'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Анна\\, Смирнова\r\nTEL;TYPE=WORK:+74959471173,562\r\nEMAIL:a@b.c\r\nEND:VCARD\r\n';

  it('sees a number cut at its comma, and nothing where only the order, the case of parameters or the escapes differ', () => {
    const cut = sent.replace('+74959471173,562', '+74959471173');
    expect(compareReadBack(sent, cut)).toEqual([{ field: 'number', sent: '+74959471173,562', kept: '+74959471173' }]);
    const rewritten =
      'BEGIN:VCARD\r\nVERSION:3.0\r\nEMAIL:a@b.c\r\nFN:Анна\\, Смирнова\r\ntel;type=work:+74959471173\\,562\r\nEND:VCARD\r\n';
    expect(compareReadBack(sent, rewritten)).toEqual([]);
  });

  it('sees a changed name and a lost e-mail, reads folded lines, and finds an extension in each form', () => {
    const changed = 'BEGIN:VCARD\r\nFN:Анна\r\n Смирнова\r\nTEL:+74959471173,562\r\nEND:VCARD\r\n';
    expect(compareReadBack(sent, changed).map((difference) => difference.field)).toEqual(['name', 'email']);
    expect(cardFields(changed).names).toEqual(['АннаСмирнова']);
    expect(hasExtension(sent, ',')).toBe(true);
    expect(hasExtension(sent.replace(',562', 'p562'), 'p')).toBe(true);
    expect(hasExtension(sent.replace(',562', '\\,562'), '\\,')).toBe(true);
    expect(hasExtension(sent.replace(',562', ''), ',')).toBe(false);
  });
});
