/** `amo-phonebook lookup PHONE`, run as a user runs it, against a mirror written beforehand. */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { toMirrorContact } from '../../../src/main/crm/contact-mapper';
import { upsertContacts } from '../../../src/main/mirror/contacts-repo';
import { closeStore, openStore } from '../../../src/main/store/open-store';
import type { PhoneLookupResult } from '../../../src/shared/api/types';
import { runCli } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp-dir';

describe('amo-phonebook lookup', () => {
  let dataDir: string;
  const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args]);

  beforeAll(() => {
    dataDir = tempDir();
    const db = openStore(join(dataDir, 'mirror.sqlite'));
    db.prepare(
      `INSERT INTO accounts (id, name, subdomain, base_url, country, current_user_id, connected_at)
       VALUES (31, 'Ромашка', 'romashka', 'https://romashka.amocrm.ru', 'RU', 1, 0)`,
    ).run();
    const phone = (id: number, name: string, value: string) =>
      toMirrorContact(
        { id, name, custom_fields_values: [{ field_id: 1, field_code: 'PHONE', values: [{ value }] }] },
        'RU',
      );
    upsertContacts(db, 31, [phone(1, 'Иван Петров', '+7 912 345-67-89'), phone(2, 'Склад', '222-33-44')]);
    closeStore(db);
  });

  it('prints who has the number, with the phone as written and the account, and exits 0', async () => {
    const result = await cli('lookup', '8 (912) 345 67 89');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe('Иван Петров  +7 912 345-67-89  Ромашка');
  });

  it('says when only the last seven digits match', async () => {
    const result = await cli('lookup', '+7 495 222-33-44');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/same 7 digits/);
    expect(result.stdout).toContain('Склад  222-33-44  Ромашка');
  });

  it('says so when no one has the number, and exits 0 (garbage included)', async () => {
    for (const phone of ['+7 900 000-00-00', 'n/a']) {
      const result = await cli('lookup', phone);
      expect(result.code, phone).toBe(0);
      expect(result.stdout.trim(), phone).toBe('No contact has this number');
    }
  });

  it('prints the PhoneLookupResult with --json', async () => {
    const result = await cli('--json', 'lookup', '89123456789');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout) as PhoneLookupResult).toEqual({
      query: '89123456789',
      normalized: '+79123456789',
      matchedBy: 'e164',
      matches: [
        {
          accountId: 31,
          id: 1,
          name: 'Иван Петров',
          phoneCount: 1,
          primaryPhone: '+7 912 345-67-89',
          primaryEmail: null,
        },
      ],
    });
    const none = JSON.parse((await cli('--json', 'lookup', '+')).stdout) as PhoneLookupResult;
    expect(none).toEqual({ query: '+', normalized: null, matchedBy: 'none', matches: [] });
  });

  it('needs a number', async () => {
    const result = await cli('lookup');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/missing required argument/);
  });
});
