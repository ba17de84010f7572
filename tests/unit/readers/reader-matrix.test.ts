/**
 * What the phone stores is what amoCRM has (issues 13 and 19): the files the product delivers,
 * read by five independent readers (tests/helpers/readers: Android's own importer code,
 * python-vobject, vdirsyncer, Perl Text::vCard, ical.js), compared field by field with the
 * mirror: the display name, every number (the digits before the pause are the CRM's number,
 * the extension after it), every e-mail, the job title, and on Android every messenger (as an
 * IM it keeps, or the URL or NOTE line where it drops the X- name). As many cards as written,
 * whatever the names hold.
 *
 * The data: the demo account (12,000 contacts, a quarter of them with an extension), with
 * hostile contacts edited in first (tried: U+2028 and U+2029 before BEGIN:VCARD, `;` `,` `\`
 * in names, titles and e-mails, a lone surrogate, several numbers in one field, `00` and
 * `8 10` prefixes, "вн.", "#", a number with letters after it, RTL and emoji).
 *
 * Where a reader cannot hold a field, it is named below (`deviations`), and the test checks
 * that it differs exactly there and nowhere else; the README's compatibility table says the same.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { findPhoneNumbersInText } from 'libphonenumber-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idsOfContactUid, toVCardContact } from '../../../src/main/export/card-from-mirror';
import { freshContacts } from '../../../src/main/export/delta';
import { accountLabel } from '../../../src/main/export/plan-export';
import type { VCardContact } from '../../../src/main/export/vcard-model';
import { missingReader, type ReaderCard, type ReaderName, readWith } from '../../helpers/readers/index';
import { readVCards } from '../../helpers/vcard-reader';
import { syncWorld } from '../sync/sync-world';

type World = Awaited<ReturnType<typeof syncWorld>>;
let world: World;
let accountId: number;
let label: string;
const files = new Map<string, string>();

const hostile = [
  {
    name: 'Анна\u2028BEGIN:VCARD\u2029FN:evil',
    phones: ['+7 495 947-11-73 доб. 562'],
    emails: ['anna;x@client.example'],
  },
  {
    name: 'Smith; Jr., John \\ Esq.',
    phones: ['8 916 123 45 67 / 8 495 947 11 73 доб. 12'],
    emails: ['a,b@c.example'],
  },
  { name: 'Broken \ud83d emoji 😀', phones: ['00 44 20 7946 0123', '8 10 44 20 7946 0958 ext 12'], emails: [] },
  { name: 'שלום ‏עולם', phones: ['+7 495 947-11-73 вн. 7', '+7 (495) 947-11-74 #123'], emails: [] },
  { name: 'END:VCARD', phones: ['8 912 345 67 89 w/ secretary'], emails: ['x\u2028y@z.example'] },
];

beforeAll(async () => {
  world = await syncWorld({ seed: 'demo', contacts: 12_000 });
  const ids = world.sandbox.contactIds();
  hostile.forEach((contact, i) => {
    world.sandbox.editContact(ids[i * 7] as number, contact);
  });
  const account = await world.connectAdmin();
  accountId = account.id;
  label = accountLabel(account);
  for (const platform of ['android', 'ios', 'file'] as const) {
    const device = await world.call('addDevice', { name: platform, platform });
    const out = join(world.dataDir, `${platform}.vcf`);
    await world.call('exportToFile', { deviceId: device.id, outPath: out, period: 'all' });
    files.set(platform, out);
    if (platform === 'file') {
      const four = await world.call('addDevice', { name: 'four', platform: 'file' });
      const out4 = join(world.dataDir, 'vcard4.vcf');
      await world.call('exportToFile', { deviceId: four.id, outPath: out4, period: 'all', format: 'vcard4' });
      files.set('vcard4', out4);
    }
  }
}, 180_000);

afterAll(async () => {
  await world?.close();
});

/** The cards as the writer was given them, in the file's order (read from its UIDs). */
function expectedCards(file: string): VCardContact[] {
  const text = readFileSync(file, 'utf8');
  const version = text.startsWith('BEGIN:VCARD\r\nVERSION:4.0') ? '4.0' : '3.0';
  const uids = readVCards(text, { version }).map((card) => card.text('UID') ?? '');
  const ids = uids.map((uid) => idsOfContactUid(uid)?.contactId as number);
  const db = new Database(join(world.dataDir, 'mirror.sqlite'), { readonly: true });
  try {
    const byId = new Map(freshContacts(db, accountId, ids).map((contact) => [contact.id, contact]));
    return ids.map((id) => toVCardContact(byId.get(id) as NonNullable<ReturnType<typeof byId.get>>, label));
  } finally {
    db.close();
  }
}

/** A number as a phone reads it: separators gone, the reader's pause (`p`, `,`, a tel: URI's ;ext=) as `,`. */
function dialled(number: string): string {
  return number
    .replace(/^tel:/, '')
    .replace(/;ext=/, ',')
    .replace(/(\d)[pP](\d)/, '$1,$2')
    .replace(/[\s().-]/g, '');
}

type Field = 'name' | 'numbers' | 'emails' | 'title' | 'messengers';

/** Where a reader is known not to hold a field, as measured; any other difference fails. */
interface Deviation {
  readonly reader: ReaderName;
  readonly files: readonly string[];
  readonly field: Field;
  /** The value the reader holds instead, given the expected one; null: it drops it. */
  readonly reads: (expected: string) => string | null;
  readonly when: (expected: string) => boolean;
  readonly why: string;
}

/** A reader that keeps an escape of a text value as written, in every file's name, title and e-mail. */
function keptEscape(reader: ReaderName, char: string, escaped: string, why: string): Deviation[] {
  return (['name', 'title', 'emails'] as const).map((field) => ({
    reader,
    files: ['android', 'ios', 'file', 'vcard4'],
    field,
    when: (expected) => expected.includes(char),
    reads: (expected) => expected.replaceAll(char, escaped),
    why,
  }));
}

const deviations: readonly Deviation[] = [
  ...keptEscape(
    'icaljs',
    ';',
    '\\;',
    'ical.js keeps the backslash of an escaped ";" outside N and ORG (RFC 2426 and 6350 say it is never a separator)',
  ),
  ...keptEscape('text-vcard', '\n', '\\n', 'Perl Text::vCard leaves an escaped line break as the two characters "\\n"'),
  {
    reader: 'vobject',
    files: ['ios', 'file'],
    field: 'numbers',
    when: (expected) => expected.includes(','),
    reads: (expected) => expected.split(',')[0] as string,
    why: 'python-vobject cuts TEL at an unescaped ","; the iPhone and Google Contacts read "," as their pause, and vobject is no importer of theirs (CardDAV, where it is Radicale, is read back: carddav-read-back.test.ts)',
  },
  {
    reader: 'text-vcard',
    files: ['vcard4'],
    field: 'numbers',
    when: (expected) => expected.includes(','),
    reads: () => '',
    why: 'Perl Text::vCard splits a 4.0 "tel:" URI at ";ext=" and keeps nothing of it',
  },
];

interface Difference {
  readonly index: number;
  readonly field: Field;
  readonly expected: string;
  readonly got: string;
}

function compare(
  reader: ReaderName,
  file: string,
  expected: VCardContact,
  got: ReaderCard,
  index: number,
): Difference[] {
  const out: Difference[] = [];
  const check = (field: Field, want: readonly string[], have: readonly string[]) => {
    const allowed = want.map((value) => {
      const deviation = deviations.find(
        (d) => d.reader === reader && d.field === field && d.files.includes(file) && d.when(value),
      );
      return deviation ? deviation.reads(value) : value;
    });
    const wanted = allowed.filter((value): value is string => value !== null).sort();
    const held = [...have].sort();
    if (wanted.join('\n') !== held.join('\n'))
      out.push({ index, field, expected: wanted.join(' | '), got: held.join(' | ') });
  };
  check('name', [expected.formattedName], [got.name ?? '']);
  check(
    'numbers',
    expected.phones.map((phone) => dialled(phone.number)),
    got.numbers.map(dialled),
  );
  check(
    'emails',
    expected.emails.map((email) => email.address),
    got.emails,
  );
  if (expected.title) check('title', [expected.title], [got.title ?? '']);
  if (reader === 'aosp') {
    // Android keeps a messenger as an IM row (X-SKYPE-USERNAME, X-JABBER…), a website (t.me,
    // wa.me) or a NOTE line: each must be in one of them.
    const lost = (expected.messengers ?? []).filter(
      (m) =>
        !(m.androidProperty && got.ims.includes(m.handle)) &&
        !(m.url && got.urls.includes(m.url)) &&
        !got.notes.some((note) => note.split('\n').includes(`${m.label}: ${m.handle}`)),
    );
    if (lost.length > 0)
      out.push({ index, field: 'messengers', expected: lost.map((m) => m.handle).join(' | '), got: '' });
  }
  return out;
}

const matrix: ReadonlyArray<[string, readonly ReaderName[]]> = [
  // The Android routes (file, QR download, USB) deliver the same bytes: renderPlan of the plan.
  ['android', ['aosp', 'vobject', 'vdirsyncer', 'text-vcard', 'icaljs']],
  ['ios', ['vobject', 'vdirsyncer', 'text-vcard', 'icaljs']],
  ['file', ['aosp', 'vobject', 'vdirsyncer', 'text-vcard', 'icaljs']],
  ['vcard4', ['vobject', 'vdirsyncer', 'text-vcard', 'icaljs']],
];

describe('what each reader stores is what amoCRM has', () => {
  for (const [file, readers] of matrix) {
    for (const reader of readers) {
      it(`${file} file, read by ${reader}`, () => {
        const missing = missingReader(reader);
        if (missing) throw new Error(`the ${reader} reader is not installed: ${missing}`);
        const path = files.get(file) as string;
        const expected = expectedCards(path);
        const got = readWith(reader, path);
        // As many cards as written: no hostile name made an extra card or swallowed one.
        expect(got).toHaveLength(expected.length);
        let differences = expected.flatMap((card, i) => compare(reader, file, card, got[i] as ReaderCard, i));
        if (reader === 'aosp' && file === 'file') {
          // The Google Contacts file uses "," (its dialer's pause); Android's own importer glues
          // the extension to the number, which is why an Android phone is a device of its own.
          const glued = differences.filter((d) => d.field === 'numbers');
          expect(glued.length).toBeGreaterThan(0);
          differences = differences.filter((d) => d.field !== 'numbers');
        }
        const numbers = expected.reduce((total, card) => total + card.phones.length, 0);
        console.info(
          `reader matrix: ${file} by ${reader}: ${expected.length} cards, ${numbers} numbers, ${differences.length} differences`,
        );
        expect(JSON.stringify(differences.slice(0, 6), null, 1)).toBe('[]');
      }, 120_000);
    }
  }

  it('holds every number amoCRM has (libphonenumber on the CRM text, on its own), extensions included', () => {
    const expected = expectedCards(files.get('android') as string);
    const written = new Map(expected.map((card) => [card.uid, new Set(card.phones.map((p) => dialled(p.number)))]));
    let checked = 0;
    let extensions = 0;
    const missing: string[] = [];
    const android = readWith('aosp', files.get('android') as string);
    const stored = new Set(android.flatMap((card) => card.numbers.map(dialled)));
    for (const id of world.sandbox.contactIds()) {
      const fields = world.sandbox.liveContact(id)?.custom_fields_values ?? [];
      for (const field of fields.filter((f) => f.field_code === 'PHONE')) {
        for (const value of field.values ?? []) {
          const text = String(value.value ?? '')
            .replace(/^\s*00/, '+')
            .replace(/\sвн\.\s*/, ' доб. ');
          for (const found of findPhoneNumbersInText(text, { defaultCountry: 'RU' })) {
            const number = found.number.ext ? `${found.number.number},${found.number.ext}` : found.number.number;
            checked++;
            if (found.number.ext) extensions++;
            if (!stored.has(number)) missing.push(`${id}: ${value.value} -> ${number}`);
          }
        }
      }
    }
    expect(written.size).toBe(android.length);
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(10_000);
    expect(extensions).toBeGreaterThan(1_000);
    console.info(`reader matrix: ${checked} CRM numbers checked on Android, ${extensions} with an extension`);
  });
});
