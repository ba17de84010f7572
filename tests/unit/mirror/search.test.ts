/**
 * Searching the mirror through the FTS5 trigram index: the same answers, in the same order,
 * as the LIKE scan it replaced, for every kind of query, including hostile ones.
 */
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { toMirrorContact } from '../../../src/main/crm/contact-mapper';
import type { WireContact } from '../../../src/main/crm/wire';
import { deleteContacts, searchContacts, upsertContacts } from '../../../src/main/mirror/contacts-repo';
import type { MirrorDb } from '../../../src/main/mirror/database';
import { likePattern, parseSearchQuery, planSearch } from '../../../src/main/mirror/search-text';
import { hasCurrentShortSearchCopy, readShortSearchCopy } from '../../../src/main/mirror/short-search';
import type { MirrorContact } from '../../../src/main/model/contact';
import { phoneRegion } from '../../../src/main/phones/normalize';
import { createSandboxAccount } from '../../../src/main/sandbox/account';
import { openStore } from '../../../src/main/store/open-store';
import type { ContactSearchResult } from '../../../src/shared/api/types';
import { tempDir } from '../../helpers/temp-dir';

const ru = phoneRegion('RU');
const accountA = 1001;
const accountB = 1002;

function addAccount(db: MirrorDb, id: number, country = 'RU'): void {
  db.prepare(
    `INSERT INTO accounts (id, name, subdomain, base_url, country, current_user_id, connected_at)
     VALUES (?, ?, ?, ?, ?, 1, 0)`,
  ).run(id, `Account ${id}`, `a${id}`, `https://a${id}.amocrm.ru`, country);
}

function person(id: number, name: string, phones: string[] = [], emails: string[] = []): MirrorContact {
  const wire: WireContact = {
    id,
    name,
    created_at: 100,
    updated_at: 200,
    custom_fields_values: [
      ...(phones.length > 0
        ? [{ field_id: 1, field_code: 'PHONE', values: phones.map((value) => ({ value, enum_code: 'MOB' })) }]
        : []),
      ...(emails.length > 0
        ? [{ field_id: 2, field_code: 'EMAIL', values: emails.map((value) => ({ value, enum_code: 'WORK' })) }]
        : []),
    ],
  };
  return toMirrorContact(wire, ru);
}

function freshMirror(): MirrorDb {
  const db = openStore(`${tempDir()}/mirror.sqlite`);
  addAccount(db, accountA);
  addAccount(db, accountB);
  return db;
}

const ids = (result: ContactSearchResult) => result.items.map((item) => item.id);
const search = (db: MirrorDb, query: string, more: { accountId?: number; offset?: number; limit?: number } = {}) =>
  searchContacts(db, { query, offset: more.offset ?? 0, limit: more.limit ?? 100, accountId: more.accountId });

/** The search as it was before the index: LIKE over search_text, the same order. The oracle. */
function likeScan(
  db: MirrorDb,
  options: { query: string; offset: number; limit: number; accountId?: number },
): ContactSearchResult {
  const terms = parseSearchQuery(options.query);
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  if (options.accountId !== undefined) {
    clauses.push('c.account_id = ?');
    params.push(options.accountId);
  }
  for (const word of terms.words) {
    clauses.push(`c.search_text LIKE ? ESCAPE '\\'`);
    params.push(likePattern(word));
  }
  if (terms.phoneDigits.length > 0) {
    clauses.push(`(${terms.phoneDigits.map(() => `c.search_text LIKE ? ESCAPE '\\'`).join(' OR ')})`);
    params.push(...terms.phoneDigits.map(likePattern));
  }
  const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
  const total = db
    .prepare(`SELECT count(*) FROM contacts c NOT INDEXED ${where}`)
    .pluck()
    .get(...params) as number;
  const items = db
    .prepare(
      `SELECT c.account_id AS accountId, c.id, c.name, c.phone_count AS phoneCount,
         (SELECT value FROM contact_channels p WHERE p.account_id = c.account_id AND p.contact_id = c.id
            AND p.kind = 'phone' ORDER BY p.position LIMIT 1) AS primaryPhone,
         (SELECT value FROM contact_channels e WHERE e.account_id = c.account_id AND e.contact_id = c.id
            AND e.kind = 'email' ORDER BY e.position LIMIT 1) AS primaryEmail
       FROM contacts c NOT INDEXED ${where}
       ORDER BY c.name = '', c.name COLLATE NOCASE, c.account_id, c.id
       LIMIT ? OFFSET ?`,
    )
    .all(...params, options.limit, options.offset);
  return { total, items } as ContactSearchResult;
}

const hostileQueries = [
  '"',
  '""',
  '"иван',
  "'",
  "O'Brien",
  'NEAR',
  'NEAR(иван петров)',
  'NEAR/2',
  '*',
  'ив*',
  '* OR *',
  'иван OR петров',
  'AND',
  'NOT иван',
  '-',
  '--',
  '-иван',
  '(',
  ')',
  '()',
  '(иван)',
  '((((',
  '^иван',
  'search_text:иван',
  '{search_text}: иван',
  '%',
  '%%%',
  '_',
  '___',
  '\\',
  "'; DROP TABLE contacts; --",
  '\u0000',
  'ива\u0000н',
  '😀',
  '😀😀😀',
  '+',
  '.',
  '...',
  'a'.repeat(200),
];

describe('search over the FTS index', () => {
  let db: MirrorDb;
  const named = {
    ivanPetrov: person(1, 'Иван Петров', ['+7 912 345-67-89'], ['ivan.petrov@example.com']),
    ivanSidorov: person(2, 'Иван Сидоров', ['8 (495) 123-45-67 доб. 12']),
    petrPetrov: person(3, 'Пётр Петров', ['+44 20 7946 0958'], ['PETR@Mail.Example']),
    fedorov: person(4, 'ФЁДОРОВ Семён', ['89031112233']),
    fedorova: person(5, 'Анна Федорова', [], ['anna_f@client.example']),
    percent: person(6, '100% Натуральный', [], ['snake_case@x.example']),
    noName: person(7, '', ['+7 999 000-00-00']),
    quoted: person(8, 'ООО "Ромашка" (NEAR) * -', []),
    latin: person(9, 'anna ivanova', ['+1 (415) 555-0101']),
    emoji: person(10, '😀 Emoji Сидоров 🚀', []),
  };

  beforeAll(() => {
    db = freshMirror();
    upsertContacts(db, accountA, Object.values(named));
    // The same people in another account, and one more there.
    upsertContacts(db, accountB, [named.ivanPetrov, person(11, 'Иван Петров-Водкин', ['8 912 345 67 89'])]);
  });

  it('folds case in every script and finds fragments of words', () => {
    for (const query of ['ИВАН', 'иван', 'Иван', 'иВаН', 'ван', 'етро', 'ван пет']) {
      expect(ids(search(db, query)), query).toContain(1);
    }
    // Latin "anna" is the name of 9 and the e-mail of 5 (Cyrillic "Анна" is other letters).
    expect(ids(search(db, 'ANNA'))).toEqual([9, 5]);
    expect(ids(search(db, 'nna'))).toEqual([9, 5]);
  });

  it('treats ё and е as the same letter, whichever side wrote which', () => {
    for (const query of ['федоров', 'ФЕДОРОВ', 'фёдоров', 'Фёдоров']) {
      expect(ids(search(db, query)).sort(), query).toEqual([4, 5]);
    }
    expect(search(db, 'ПЁТР ПЕТРОВ')).toEqual(search(db, 'петр петров'));
    expect(ids(search(db, 'пётр петров'))).toContain(3);
    expect(ids(search(db, 'семен'))).toEqual([4]);
  });

  it('needs every word (AND), in any order', () => {
    expect(search(db, 'иван петров')).toMatchObject({ total: 3 });
    expect(ids(search(db, 'петров иван', { accountId: accountA }))).toEqual([1]);
    expect(ids(search(db, 'иван водкин'))).toEqual([11]);
    expect(ids(search(db, 'иван сидоров'))).toEqual([2]);
    expect(search(db, 'иван смирнов').total).toBe(0);
  });

  it('finds a phone however either side wrote it, and fragments of its digits', () => {
    for (const query of [
      '+7 912 345-67-89',
      '8 (912) 345-67-89',
      '89123456789',
      '79123456789',
      '9123456789',
      '912 345 67 89',
      '345 678',
      '345-67-89',
      '+7 912',
      '8 912',
      '8 (912) 34',
      '8 912 345',
      '+7 912 345',
    ]) {
      expect(ids(search(db, query, { accountId: accountA })), query).toEqual([1]);
    }
    // The start of a number is its start: "+7 903" and "8 903" find 89031112233 (stored with
    // the trunk 8), and neither "+7 123" nor "8 123" finds the 123 inside +7 495 123-45-67.
    expect(ids(search(db, '+7 903'))).toEqual([4]);
    expect(ids(search(db, '8 903 111'))).toEqual([4]);
    expect(search(db, '+7 123').total).toBe(0);
    expect(search(db, '8 123').total).toBe(0);
    expect(ids(search(db, '495 123'))).toEqual([2]);
    // Digits typed together with a leading 8 are both a fragment and the trunk form.
    expect([...new Set(ids(search(db, '8912345')))].sort()).toEqual([1, 11]);
    // Stored with a trunk prefix and an extension, found in the international form.
    expect(ids(search(db, '+7 495 123 45 67'))).toEqual([2]);
    expect(ids(search(db, '4951234567'))).toEqual([2]);
    expect(ids(search(db, '+44 20 7946 0958'))).toEqual([3]);
    expect(ids(search(db, '7946 0958'))).toEqual([3]);
  });

  it('finds e-mails by any fragment, case-insensitively', () => {
    expect(ids(search(db, 'ivan.petrov@example.com', { accountId: accountA }))).toEqual([1]);
    expect(ids(search(db, 'petr@mail'))).toEqual([3]);
    expect(ids(search(db, 'MAIL.EXAMPLE'))).toEqual([3]);
    expect(ids(search(db, 'client.example'))).toEqual([5]);
  });

  it('answers queries of one or two characters, too short for the index, with the same semantics', () => {
    for (const query of ['и', 'ив', 'ё', 'Ё', 'a', '7', '12', '%', '_', '"', '*', '(']) {
      const expected = likeScan(db, { query, offset: 0, limit: 100 });
      expect(search(db, query), query).toEqual(expected);
    }
    expect(ids(search(db, 'ив пет', { accountId: accountA }))).toEqual([1]);
  });

  it('takes "%" and "_" literally', () => {
    expect(ids(search(db, '%'))).toEqual([6]);
    expect(ids(search(db, '100%'))).toEqual([6]);
    expect(ids(search(db, '_'))).toEqual([6, 5]);
    expect(ids(search(db, 'snake_case'))).toEqual([6]);
    expect(search(db, 'snakexcase').total).toBe(0);
    expect(search(db, 'anna%f').total).toBe(0);
  });

  it('never throws on hostile input and never matches everything', () => {
    const everyone = search(db, '').total;
    expect(everyone).toBe(12);
    for (const query of hostileQueries) {
      let result: ContactSearchResult | undefined;
      expect(() => {
        result = search(db, query);
      }, JSON.stringify(query)).not.toThrow();
      expect(result?.total, JSON.stringify(query)).toBeLessThan(everyone);
      // (The old scan let a NUL cut its LIKE pattern short; it is no oracle for those.)
      if (!query.includes('\u0000')) {
        expect(result, JSON.stringify(query)).toEqual(likeScan(db, { query, offset: 0, limit: 100 }));
      }
    }
    expect(search(db, '\u0000').total).toBe(0);
    expect(ids(search(db, 'ива\u0000н петров', { accountId: accountA }))).toEqual([1]);
    // FTS syntax inside a name is just text.
    expect(ids(search(db, '"ромашка"'))).toEqual([8]);
    expect(ids(search(db, '(near)'))).toEqual([8]);
    expect(ids(search(db, 'NEAR'))).toEqual([8]);
    expect(search(db, 'NEAR(иван петров)').total).toBe(0);
    expect(search(db, 'иван OR сидоров').total).toBe(0);
    expect(ids(search(db, '😀 сидоров'))).toEqual([10]);
  });

  it('lists contacts without a name last, then by name, account and id, with paging and a total', () => {
    const all = search(db, '');
    expect(all.total).toBe(12);
    expect(all.items.at(-1)).toMatchObject({ id: 7, name: '', primaryPhone: '+7 999 000-00-00' });
    expect(all).toEqual(likeScan(db, { query: '', offset: 0, limit: 100 }));
    const byPages = [0, 5, 10].flatMap((offset) => search(db, '', { offset, limit: 5 }).items);
    expect(byPages).toEqual(all.items);
    expect(search(db, '', { offset: 50 })).toEqual({ total: 12, items: [] });
    expect(search(db, 'иван', { offset: 1, limit: 1 })).toEqual(likeScan(db, { query: 'иван', offset: 1, limit: 1 }));
    expect(search(db, 'иван петров').items.map((item) => [item.accountId, item.id])).toEqual([
      [accountA, 1],
      [accountB, 1],
      [accountB, 11],
    ]);
  });

  it('returns list items with the first phone and e-mail as written', () => {
    expect(search(db, 'ivan.petrov', { accountId: accountA }).items).toEqual([
      {
        accountId: accountA,
        id: 1,
        name: 'Иван Петров',
        phoneCount: 1,
        primaryPhone: '+7 912 345-67-89',
        primaryEmail: 'ivan.petrov@example.com',
      },
    ]);
  });

  it('plans: fragments of three or more characters go to the index, quoted; shorter ones to LIKE', () => {
    expect(planSearch(parseSearchQuery('Иван Пе NEAR'))).toEqual({
      match: '"иван" AND "near"',
      likeGroups: [['%пе%']],
      fragmentGroups: [['пе']],
    });
    expect(planSearch(parseSearchQuery('"Пе"'))).toEqual({ match: '"""пе"""', likeGroups: [], fragmentGroups: [] });
    expect(planSearch(parseSearchQuery('\u0000'))).toEqual({ match: null, likeGroups: [[]], fragmentGroups: [[]] });
    // The in-memory scan gets the fragment as typed; LIKE gets it escaped.
    expect(planSearch(parseSearchQuery('5%'))).toMatchObject({ likeGroups: [['%5\\%%']], fragmentGroups: [['5%']] });
    expect(planSearch(parseSearchQuery('8 (912) 345-67-89'))).toEqual({
      match: '(" 79123456789" OR "9123456789")',
      likeGroups: [],
      fragmentGroups: [],
    });
    expect(planSearch(parseSearchQuery('a"b'))).toEqual({ match: '"a""b"', likeGroups: [], fragmentGroups: [] });
    expect(planSearch(parseSearchQuery(''))).toEqual({ match: null, likeGroups: [], fragmentGroups: [] });
    expect(planSearch(parseSearchQuery('иван'), { useIndex: false })).toEqual({
      match: null,
      likeGroups: [['%иван%']],
      fragmentGroups: [['иван']],
    });
  });
});

describe('the index follows every write', () => {
  it('re-indexes a renamed contact and forgets deleted ones, whoever deletes them', () => {
    const db = freshMirror();
    upsertContacts(db, accountA, [person(1, 'Иван Петров'), person(2, 'Анна Смирнова'), person(3, 'Олег Ким')]);
    expect(ids(search(db, 'петров'))).toEqual([1]);

    upsertContacts(db, accountA, [person(1, 'Иван Орлов')]);
    expect(search(db, 'петров').total).toBe(0);
    expect(ids(search(db, 'орлов'))).toEqual([1]);

    // Written again unchanged: still found once.
    upsertContacts(db, accountA, [person(1, 'Иван Орлов')]);
    expect(search(db, 'орлов').total).toBe(1);

    expect(deleteContacts(db, accountA, [2, 99])).toBe(1);
    expect(search(db, 'смирнова').total).toBe(0);

    db.prepare('DELETE FROM contacts WHERE account_id = ? AND id = ?').run(accountA, 3);
    expect(search(db, 'ким').total).toBe(0);

    // INSERT OR REPLACE (its implicit delete fires no trigger) still leaves one, current entry.
    db.prepare(
      `INSERT OR REPLACE INTO contacts (account_id, id, name, first_name, last_name, created_at, updated_at, search_text)
       VALUES (?, 1, 'Иван Зайцев', '', '', 0, 0, 'иван зайцев')`,
    ).run(accountA);
    expect(search(db, 'орлов').total).toBe(0);
    expect(ids(search(db, 'зайцев'))).toEqual([1]);
    expect(search(db, 'иван').total).toBe(1);

    db.prepare('DELETE FROM accounts WHERE id = ?').run(accountA);
    expect(search(db, 'иван').total).toBe(0);
    expect(search(db, '').total).toBe(0);
  });

  it('short searches follow every write: rename, delete, a removed account, another process', async () => {
    const path = `${tempDir()}/mirror.sqlite`;
    const db = openStore(path);
    addAccount(db, accountA);
    addAccount(db, accountB);
    // Each question twice: right after the write (the copy is stale: LIKE answers), and from the
    // in-memory copy read again (what the app does once the mirror is quiet).
    const both = (query: string) => {
      const stale = search(db, query);
      readShortSearchCopy(db);
      expect(search(db, query), query).toEqual(stale);
      return stale;
    };
    upsertContacts(db, accountA, [person(1, 'Юрий Щукин'), person(2, 'Анна Смирнова')]);
    upsertContacts(db, accountB, [person(3, 'Юлия Ким')]);
    expect(new Set(ids(both('ю')))).toEqual(new Set([1, 3]));
    expect(both('щу').total).toBe(1);
    upsertContacts(db, accountA, [person(1, 'Пётр Иванов')]);
    expect(both('щу').total).toBe(0);
    expect(ids(both('пё'))).toEqual([1]);
    expect(both('см').total).toBe(1);
    deleteContacts(db, accountA, [2]);
    expect(both('см').total).toBe(0);
    db.prepare('DELETE FROM accounts WHERE id = ?').run(accountB);
    expect(both('юл').total).toBe(0);
    // Another process (the CLI beside the app) writes: this connection sees it at the next search.
    const other = openStore(path);
    upsertContacts(other, accountA, [person(9, 'Юрген Шульц')]);
    other.close();
    expect(ids(both('юр'))).toEqual([9]);
    // Left alone, the copy is read again by itself once the mirror is quiet.
    upsertContacts(db, accountA, [person(10, 'Юна Ли')]);
    expect(ids(search(db, 'юн'))).toEqual([10]);
    expect(hasCurrentShortSearchCopy(db)).toBe(false);
    await expect.poll(() => hasCurrentShortSearchCopy(db), { timeout: 3000 }).toBe(true);
    expect(ids(search(db, 'юн'))).toEqual([10]);
    db.close();
  });

  it('writes a page inside an outer transaction, and a rolled-back page leaves no trace in the index', () => {
    const db = freshMirror();
    db.transaction(() => {
      upsertContacts(db, accountA, [person(1, 'Иван Петров')]);
      upsertContacts(db, accountA, [person(2, 'Анна Смирнова')]);
    })();
    expect(ids(search(db, 'иван'))).toEqual([1]);
    expect(ids(search(db, 'смирнова'))).toEqual([2]);

    expect(() =>
      db.transaction(() => {
        upsertContacts(db, accountA, [person(3, 'Олег Ким'), person(1, 'Иван Орлов')]);
        throw new Error('the sync was cancelled');
      })(),
    ).toThrow(/cancelled/);
    expect(search(db, 'олег').total).toBe(0);
    expect(search(db, 'орлов').total).toBe(0);
    expect(ids(search(db, 'петров'))).toEqual([1]);
  });

  it('keeps the last of a contact that comes twice in one page, and replaces its channels', () => {
    const db = freshMirror();
    upsertContacts(db, accountA, [
      person(1, 'Иван Петров', ['+7 912 345-67-89']),
      person(2, 'Анна'),
      person(1, 'Иван Орлов', ['+7 912 000-00-01', '+7 912 000-00-02']),
    ]);
    expect(search(db, '').items.map((item) => [item.id, item.name, item.primaryPhone, item.phoneCount])).toEqual([
      [2, 'Анна', null, 0],
      [1, 'Иван Орлов', '+7 912 000-00-01', 2],
    ]);
    upsertContacts(db, accountA, [person(1, 'Иван Орлов', ['+7 912 000-00-03'])]);
    expect(
      db.prepare('SELECT value FROM contact_channels WHERE account_id = ? AND contact_id = 1').pluck().all(accountA),
    ).toEqual(['+7 912 000-00-03']);
    expect(ids(search(db, '000-00-03'))).toEqual([1]);
    expect(search(db, '000-00-01').total).toBe(0);
  });

  it('writes pages longer than one statement holds', () => {
    const db = freshMirror();
    const many = Array.from({ length: 620 }, (_, i) => person(i + 1, `Контакт ${i + 1}`, [`+7 912 ${1_000_000 + i}`]));
    upsertContacts(db, accountA, many);
    expect(search(db, 'контакт').total).toBe(620);
    expect(ids(search(db, 'контакт 617'))).toContain(617);
    expect(search(db, 'контакт 617', { limit: 500 })).toEqual(
      likeScan(db, { query: 'контакт 617', offset: 0, limit: 500 }),
    );
    expect(db.prepare('SELECT count(*) FROM contact_channels').pluck().get()).toBe(620);
  });
});

describe('the same answers as the LIKE scan, on a generated account', () => {
  let db: MirrorDb;
  const queries: string[] = [];

  beforeAll(() => {
    db = freshMirror();
    const big = createSandboxAccount({ seed: 'search-test', contactCount: 3000, anchorTime: 1_750_000_000 });
    const small = createSandboxAccount({ seed: 'search-test-b', contactCount: 400, anchorTime: 1_750_000_000 });
    const mapped = Array.from({ length: big.contactCount }, (_, i) => toMirrorContact(big.contactAt(i), ru));
    for (let start = 0; start < mapped.length; start += 250)
      upsertContacts(db, accountA, mapped.slice(start, start + 250));
    upsertContacts(
      db,
      accountB,
      Array.from({ length: small.contactCount }, (_, i) => toMirrorContact(small.contactAt(i), ru)),
    );
    for (let i = 0; i < 40; i++) {
      const wire = big.contactAt(i * 71);
      const name = wire.name ?? '';
      const [first = '', last = ''] = name.split(' ');
      const phone = String(wire.custom_fields_values?.find((f) => f.field_code === 'PHONE')?.values?.[0]?.value ?? '');
      const email = String(wire.custom_fields_values?.find((f) => f.field_code === 'EMAIL')?.values?.[0]?.value ?? '');
      queries.push(name, last, last.slice(1, 4), `${first.slice(0, 3)} ${last.slice(0, 2)}`, last.toUpperCase());
      if (phone) queries.push(phone, phone.replace(/\D/g, '').slice(-7), phone.slice(0, 6));
      if (email) queries.push(email, email.slice(0, 5), email.split('@')[1] ?? '');
    }
    // Dense ones, so the pages come from walking the list in order rather than from sorting matches.
    queries.push('', 'ова', 'ов', 'а', 'example', '.example', '79', '9', 'ан', 'ина', 'zz', 'ё');
  });

  it('matches the scan for every query, every page, with and without an account', () => {
    let compared = 0;
    for (const query of [...queries, ...hostileQueries.filter((query) => !query.includes('\u0000'))]) {
      for (const accountId of [undefined, accountA, accountB]) {
        for (const [offset, limit] of [
          [0, 50],
          [37, 10],
          [400, 100],
        ] as const) {
          const options = { query, offset, limit, ...(accountId === undefined ? {} : { accountId }) };
          expect(searchContacts(db, options), JSON.stringify(options)).toEqual(likeScan(db, options));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
    expect(search(db, 'ова').total).toBeGreaterThan(500);
  });
});

describe('the index itself', () => {
  it('is contentless, keyed on (account, id), and holds one entry per contact', () => {
    const path = `${tempDir()}/mirror.sqlite`;
    const db = openStore(path);
    addAccount(db, accountA);
    upsertContacts(db, accountA, [person(1, 'Иван Петров'), person(4_294_967_295, 'Последний Номер')]);
    db.close();
    const raw = new Database(path, { readonly: true });
    raw.defaultSafeIntegers(true);
    expect(raw.prepare('SELECT rowid FROM contacts_fts ORDER BY rowid').pluck().all()).toEqual([
      (BigInt(accountA) << 32n) + 1n,
      (BigInt(accountA) << 32n) + 4_294_967_295n,
    ]);
    raw.close();
    const again = openStore(path);
    expect(ids(search(again, 'номер'))).toEqual([4_294_967_295]);
    again.close();
  });
});
