/**
 * Duplicates, told (issue 13), in the window: a second export of contacts the phone already
 * has (changed in the CRM since) says in the preview how many, that the phone's import adds a
 * second card beside the old one, how to merge them on that phone, and that a CardDAV
 * device updates in place. In Russian and English, with axe. Against an in-process sandbox,
 * whose contacts the test edits between the two exports.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { idsOfContactUid } from '../../src/main/export/card-from-mirror';
import { startSandbox } from '../../src/main/sandbox/server';
import type { Device, ExportResult } from '../../src/shared/api/types';
import { expectAccessible } from '../helpers/axe';
import { callApi, formatNumber, openPage, plain, serve } from '../helpers/browser-mode';
import { chromiumForFile } from '../helpers/chromium';
import { tempDir } from '../helpers/temp-dir';
import { readVCards } from '../helpers/vcard-reader';

const words = {
  'en-US': {
    devicesNav: 'Phones and export',
    export: 'Export contacts…',
    toPreview: 'Preview',
    lead: (n: string) => `Already on this phone and changed since: ${n}.`,
    ios: '“Duplicates Found” appears at the top of the list',
    android: '“Merge and fix” (Google Contacts)',
    carddav: 'add this phone’s address-book account (iCloud, Google…) as a CardDAV device instead',
  },
  'ru-RU': {
    devicesNav: 'Телефоны и выгрузка',
    export: 'Выгрузить контакты…',
    toPreview: 'Посмотреть, что уйдёт',
    lead: (n: string) => `Уже есть на этом телефоне и с тех пор изменились: ${n}.`,
    ios: 'вверху списка появится «Найдены дубликаты»',
    android: '«Объединить и исправить» (Google Контакты)',
    carddav: 'добавьте вместо этого учётную запись адресной книги телефона (iCloud, Google…) как устройство CardDAV',
  },
} as const;
type Locale = keyof typeof words;

describe.each(Object.keys(words) as Locale[])('a re-export in %s', (locale) => {
  const w = words[locale];
  const theBrowser = chromiumForFile();

  it.each(['ios', 'android'] as const)(
    '%s: the preview counts the contacts already there and says how to merge',
    async (platform) => {
      const sandbox = await startSandbox({ contacts: 300, seed: `duplicates-${platform}` });
      onTestFinished(() => sandbox.close());
      const served = await serve();
      await callApi(served, 'addAccountWithToken', { baseUrl: sandbox.baseUrl, token: sandbox.tokens['admin'] });
      const device = await callApi<Device>(served, 'addDevice', { name: `Phone ${platform}`, platform });
      const out = join(tempDir(), 'first.vcf');
      await callApi<ExportResult>(served, 'exportToFile', { deviceId: device.id, period: 'all', outPath: out });
      // Two of the contacts the phone got change in the CRM.
      const delivered = readVCards(readFileSync(out, 'utf8')).map((card) => idsOfContactUid(card.text('UID') ?? ''));
      for (const ids of delivered.slice(0, 2))
        sandbox.editContact(ids?.contactId ?? 0, { name: `Изменён ${ids?.contactId}` });

      const { page, problems } = await openPage(await theBrowser(), locale);
      await page.goto(served.url);
      await page.getByRole('link', { name: w.devicesNav }).click();
      await page
        .getByRole('article', { name: new RegExp(`^Phone ${platform}`) })
        .getByRole('button', { name: w.export })
        .click();
      await page.getByRole('button', { name: w.toPreview }).click();
      await page.getByTestId('preview-total').waitFor();
      const warning = page.locator('.warnings li', { hasText: w.lead(formatNumber(locale, 2)) });
      await warning.waitFor();
      const text = plain(await warning.textContent());
      expect(text).toContain(platform === 'ios' ? w.ios : w.android);
      expect(text).toContain(w.carddav);
      await expectAccessible(page);
      expect(problems).toEqual([]);
    },
  );
});
