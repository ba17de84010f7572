/**
 * Attack suite: a hostile amoCRM. The account is reached through a proxy that answers some
 * requests itself (tests/helpers/hostile-crm.ts), with an honest sandbox behind it. After an
 * honest first sync, each attack answers the next sync's contacts page. What every attack must
 * leave: one clear line of error (no stack, no "Something went wrong"), the mirror exactly as it
 * was (`PRAGMA integrity_check`, every contact unchanged), and no forged card in an export.
 * Names that try to break a vCard arrive through the honest sandbox as real contacts instead.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { wellFormed } from '../../../src/main/lib/well-formed';
import type { AccountSummary } from '../../../src/shared/api/types';
import { type HostileCrm, plays, startHostileCrm } from '../../helpers/hostile-crm';
import { readVCards } from '../../helpers/vcard-reader';
import { mirrorSnapshot, syncWorld } from '../sync/sync-world';

const contactsPage = '/api/v4/contacts';

interface Attacked {
  world: Awaited<ReturnType<typeof syncWorld>>;
  crm: HostileCrm;
  account: AccountSummary;
}
let attacked: Attacked | null = null;
afterEach(async () => {
  await attacked?.crm.stop();
  await attacked?.world.close();
  attacked = null;
});

/** An honest first sync of 300 contacts through the proxy; attacks then meet the next sync. */
async function syncedThroughHostileCrm(): Promise<Attacked> {
  const world = await syncWorld(
    { contacts: 300, seed: 'hostile-crm' },
    { httpTuning: { backoffMs: () => 5, timeoutMs: 1500, maxRetries: 2 } },
  );
  const crm = await startHostileCrm(world.sandbox.baseUrl);
  const account = await world.call('addAccountWithToken', {
    baseUrl: crm.url,
    token: world.sandbox.tokens['admin'] as string,
  });
  await world.call('syncAccounts', {});
  attacked = { world, crm, account };
  return attacked;
}

function integrity(dataDir: string): string {
  const db = new Database(join(dataDir, 'mirror.sqlite'), { readonly: true });
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}

/** Syncs, expecting a refusal: its code and its one line. */
async function syncRefused({ world }: Attacked): Promise<{ code: string; message: string }> {
  const error = await world.call('syncAccounts', {}).then(
    () => ({ code: 'resolved', message: '' }),
    (failure: { code?: string; message?: string }) => ({ code: failure.code ?? '?', message: failure.message ?? '' }),
  );
  expect(error.message).not.toContain('\n');
  expect(error.message).not.toMatch(/Something went wrong|TypeError|at .*\.ts:\d+/);
  return error;
}

function expectMirrorIntact({ world }: Attacked, before: Map<number, string>): void {
  expect(integrity(world.dataDir)).toBe('ok');
  expect(mirrorSnapshot(world.dataDir, world.sandbox.accountId)).toEqual(before);
}

/** The next contacts page with the first contact's `field` set to `value` (JSON). */
const firstContactWith = (field: string, value: unknown) =>
  plays.rewrite((page) => {
    const contacts = (page['_embedded'] as { contacts: Array<Record<string, unknown>> }).contacts;
    contacts[0] = { ...contacts[0], [field]: value };
    return page;
  });

describe('attack: a hostile amoCRM', () => {
  it.each([
    ['a name that is a number', firstContactWith('name', 123)],
    ['an id that is a string', firstContactWith('id', '17')],
    ['an id of zero', firstContactWith('id', 0)],
    ['an updated_at in words', firstContactWith('updated_at', 'yesterday')],
    ['custom fields that are a string', firstContactWith('custom_fields_values', 'PHONE')],
    [
      'a phone value that is an object',
      firstContactWith('custom_fields_values', [{ field_id: 1, values: [{ value: {} }] }]),
    ],
    ['contacts that are an object', plays.rewrite((page) => ({ ...page, _embedded: { contacts: { 0: {} } } }))],
    ['no _embedded at all', plays.rewrite(({ _embedded, ...page }) => page)],
    ['_embedded: null', plays.rewrite((page) => ({ ...page, _embedded: null }))],
    ['a list instead of a page', plays.rewrite(() => [])],
    ['null instead of a page', plays.rewrite(() => null)],
  ])('wrong JSON types (%s): a malformed-page line, nothing saved', async (_what, play) => {
    const world = await syncedThroughHostileCrm();
    const before = mirrorSnapshot(world.world.dataDir, world.world.sandbox.accountId);
    world.crm.arm(contactsPage, play);
    const error = await syncRefused(world);
    expect(error.code).toBe('BAD_RESPONSE');
    expect(error.message).toMatch(/malformed contacts page 1 .*nothing from it was saved/);
    expectMirrorIntact(world, before);
  });

  it('an enormous answer (200 MB) is refused at the cap, not read whole', async () => {
    const world = await syncedThroughHostileCrm();
    const before = mirrorSnapshot(world.world.dataDir, world.world.sandbox.accountId);
    const sent = { bytes: 0 };
    world.crm.arm(
      contactsPage,
      (res, upstream, req) => {
        res.on('close', () => {
          sent.bytes = req.socket.bytesWritten;
        });
        return plays.enormous(200)(res, upstream, req);
      },
      5,
    );
    const error = await syncRefused(world);
    expect(error.code).toBe('BAD_RESPONSE');
    expect(error.message).toMatch(/127\.0\.0\.1:\d+ sent an answer larger than \d+ MB/);
    // Read up to the cap and no further: the rest of the 200 MB never crossed the socket.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent.bytes).toBeLessThan(80 * 1024 * 1024);
    expectMirrorIntact(world, before);
  }, 60_000);

  it('an answer that never ends times out with one line, after its retries', async () => {
    const world = await syncedThroughHostileCrm();
    const before = mirrorSnapshot(world.world.dataDir, world.world.sandbox.accountId);
    world.crm.arm(contactsPage, plays.endless(), 3);
    const error = await syncRefused(world);
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toMatch(/did not answer in time/);
    expectMirrorIntact(world, before);
  });

  it('a connection cut in the middle of an answer is retried like a dropped one; the sync ends exact', async () => {
    const world = await syncedThroughHostileCrm();
    world.world.sandbox.editContact(world.world.sandbox.contactIds()[0] as number, { name: 'Ирина Правка' });
    world.crm.arm(contactsPage, plays.cut(), 1);
    await world.world.call('syncAccounts', {});
    expect(world.crm.pending()).toBe(0);
    expect(
      mirrorSnapshot(world.world.dataDir, world.world.sandbox.accountId).get(
        world.world.sandbox.contactIds()[0] as number,
      ),
    ).toMatch(/^Ирина Правка#/);
  });

  it('a connection cut every time ends with one line, the mirror as it was', async () => {
    const world = await syncedThroughHostileCrm();
    const before = mirrorSnapshot(world.world.dataDir, world.world.sandbox.accountId);
    world.crm.arm(contactsPage, plays.cut(), 3);
    const error = await syncRefused(world);
    expect(error.code).toBe('NETWORK_UNREACHABLE');
    expect(error.message).toMatch(/connection to 127\.0\.0\.1:\d+ was cut in the middle of an answer/);
    expectMirrorIntact(world, before);
  });

  it('a redirect to another host is not followed: the token never reaches it', async () => {
    const world = await syncedThroughHostileCrm();
    const before = mirrorSnapshot(world.world.dataDir, world.world.sandbox.accountId);
    const seen: string[] = [];
    const elsewhere = createServer((req, res) => {
      seen.push(String(req.headers.authorization));
      res.end('{}');
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.2', resolve));
    try {
      const location = `http://127.0.0.2:${(elsewhere.address() as AddressInfo).port}/api/v4/contacts`;
      world.crm.arm(contactsPage, plays.redirect(location), 3);
      const error = await syncRefused(world);
      expect(error.code).toBe('BAD_RESPONSE');
      expect(error.message).toMatch(/redirects elsewhere/);
      // A sign-in (the account address check) gets the same answer.
      world.crm.arm('/api/v4/account', plays.redirect(location.replace('contacts', 'account')), 3);
      const signIn = await world.world
        .call('addAccountWithToken', { baseUrl: world.crm.url, token: 'another-token' })
        .catch((failure: { message: string }) => failure.message);
      expect(signIn).toMatch(/redirects elsewhere/);
      expect(seen).toEqual([]);
      expectMirrorIntact(world, before);
    } finally {
      elsewhere.closeAllConnections();
      await new Promise((resolve) => elsewhere.close(resolve));
    }
  });

  it('NUL, lone surrogates, C1 controls and 100 KB values: stored safely, exported as a valid card', async () => {
    const world = await syncedThroughHostileCrm();
    const target = world.world.sandbox.contactIds()[0] as number;
    world.crm.arm(
      contactsPage,
      plays.rewrite((page) => {
        const contacts = (page['_embedded'] as { contacts: Array<Record<string, unknown>> }).contacts;
        const index = contacts.findIndex((contact) => contact['id'] === target);
        contacts[index === -1 ? 0 : index] = {
          ...contacts[index === -1 ? 0 : index],
          id: target,
          updated_at: Math.floor(Date.now() / 1000),
          name: `Nul\u0000l \ud800Surrogate\u0085 ${'Я'.repeat(100_000)}`,
          first_name: 'Nul\u0000l',
          last_name: `\udfff${'x'.repeat(100_000)}`,
          custom_fields_values: [
            { field_id: 1, field_code: 'PHONE', values: [{ value: '+7 912\u0000 000-00-00', enum_code: 'MOB' }] },
            {
              field_id: 2,
              field_code: 'EMAIL',
              values: [{ value: `a\u0000@${'b'.repeat(100_000)}.ru`, enum_code: 'WORK' }],
            },
          ],
        };
        return page;
      }),
    );
    await world.world.call('syncAccounts', {});
    expect(integrity(world.world.dataDir)).toBe('ok');
    const stored = mirrorSnapshot(world.world.dataDir, world.world.sandbox.accountId).get(target) ?? '';
    expect(stored).not.toContain('\u0000');
    expect(stored).toBe(wellFormed(stored));
    expect(stored.length).toBeLessThan(2100);
    const device = await world.world.call('addDevice', { name: 'File', platform: 'file' });
    const out = join(world.world.dataDir, 'hostile.vcf');
    const result = await world.world.call('exportToFile', { deviceId: device.id, outPath: out, period: 'all' });
    // The strict reader refuses control characters, lone surrogates and unfolded long lines.
    const cards = readVCards(readFileSync(out, 'utf8'));
    expect(cards).toHaveLength(result.delivered);
    const card = cards.find((candidate) => (candidate.text('FN') ?? '').startsWith('Null'));
    expect(card?.text('FN')?.length).toBeLessThanOrEqual(1024);
    expect(card?.get('TEL').map((tel) => tel.raw)).toEqual(['+79120000000']);
  });

  it('names that try to break a vCard stay inside their own card', async () => {
    const world = await syncedThroughHostileCrm();
    const forged = 'BEGIN:VCARD\r\nVERSION:3.0\r\nN:Forged;;;;\r\nFN:Forged\r\nTEL:+70000000000\r\nEND:VCARD';
    const hostileNames = [
      `Evil1\r\nEND:VCARD\r\n${forged}`,
      `Evil2\nTEL;TYPE=CELL:+70000000001`,
      'Semi;colon,comma\\backslash:colon',
      'item1.X-ABLabel:Forged',
      '\u2028Line\u2029Separator\u0085Next',
    ];
    for (const name of hostileNames) {
      world.world.sandbox.addContact({ name, phones: ['+7 912 555-00-11\r\nTEL:+70000000002'] });
    }
    await world.world.call('syncAccounts', {});
    const device = await world.world.call('addDevice', { name: 'File', platform: 'file' });
    const out = join(world.world.dataDir, 'names.vcf');
    const result = await world.world.call('exportToFile', { deviceId: device.id, outPath: out, period: 'all' });
    const text = readFileSync(out, 'utf8');
    const cards = readVCards(text);
    expect(cards).toHaveLength(result.delivered);
    // Each hostile contact is one card of its own, under its own name.
    for (const prefix of ['Evil1', 'Evil2', 'Semi', 'item1', 'Line']) {
      expect(cards.filter((card) => (card.text('FN') ?? '').trimStart().startsWith(prefix))).toHaveLength(1);
    }
    expect(cards.filter((card) => card.text('FN') === 'Forged')).toEqual([]);
    expect(text.match(/^BEGIN:VCARD$/gm)).toHaveLength(cards.length);
    const tels = cards.flatMap((card) => card.get('TEL').map((tel) => tel.raw));
    expect(tels.filter((tel) => /^\+7000000000/.test(tel))).toEqual([]);
    // A number and at most its extension after a pause (the readers' issue): nothing else.
    expect(tels.filter((tel) => !/^\+?\d+(,\d+)?$/.test(tel))).toEqual([]);
    const evil = cards.find((card) => (card.text('FN') ?? '').startsWith('Evil1'));
    // The phone that carried a second TEL after a line break is its own number only.
    expect(evil?.get('TEL').map((tel) => tel.raw)).toEqual(['+79125550011']);
    const semi = cards.find((card) => (card.text('FN') ?? '').startsWith('Semi'));
    expect(semi?.text('FN')).toBe('Semi;colon,comma\\backslash:colon');
  });
});
