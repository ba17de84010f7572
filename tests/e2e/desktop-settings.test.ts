/**
 * The settings screen in browser mode, starting in Russian and in English: switching the
 * language (and it being remembered), choosing the LAN address QR codes carry (and it
 * being remembered), the data folder and the version; each state checked with axe-core.
 * The demo account is connected but never synced: the screen needs none of its contacts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { AppInfo, LanAddressList } from '../../src/shared/api/types';
import { expectAccessible } from '../helpers/axe';
import { callApi, openPage, serve } from '../helpers/browser-mode';
import { chromiumForFile } from '../helpers/chromium';
import { projectRoot } from '../helpers/cli';

const version = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;

const words = {
  ru: {
    locale: 'ru-RU',
    nav: 'Настройки',
    heading: 'Настройки',
    self: 'Русский',
    language: 'Язык',
    lan: 'Адрес этого компьютера в QR-кодах',
    saved: (address: string) => `Сохранено: в этой сети QR-коды используют ${address}.`,
    face: 'в браузере',
  },
  en: {
    locale: 'en-US',
    nav: 'Settings',
    heading: 'Settings',
    self: 'English',
    language: 'Language',
    lan: 'This computer’s address in QR codes',
    saved: (address: string) => `Saved: on this network, QR codes use ${address}.`,
    face: 'in a browser',
  },
} as const;
type Language = keyof typeof words;
const other = (language: Language): Language => (language === 'ru' ? 'en' : 'ru');

describe.each(Object.keys(words) as Language[])('the settings screen, starting in %s', (language) => {
  const theBrowser = chromiumForFile();

  it('language switch (remembered), the LAN address choice (remembered), the data folder and the version', async () => {
    const served = await serve();
    await callApi(served, 'connectDemoAccount', {});
    const { page, problems } = await openPage(await theBrowser(), words[language].locale);
    onTestFinished(() => expect(problems).toEqual([]));
    await page.goto(served.url);
    const w = words[language];
    await page.getByRole('link', { name: w.nav, exact: true }).click();
    await page.getByRole('heading', { level: 2, name: w.heading }).waitFor();

    // The system's language first: the radio says so, and so does the document.
    const languages = page.getByRole('group', { name: w.language });
    expect(await languages.getByRole('radio', { name: w.self }).isChecked()).toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe(language);
    await expectAccessible(page);

    // The data folder and the version, as the core reports them.
    const info = await callApi<AppInfo>(served, 'getAppInfo', {});
    expect(info.dataDir).toMatch(/amo-phonebook-e2e-/);
    expect(await page.getByTestId('data-dir').textContent()).toBe(info.dataDir);
    expect(await page.getByTestId('version').textContent()).toBe(version);
    await page.getByText(w.face, { exact: true }).waitFor();

    // The LAN address: choose one, and it is still the one after a reload (and for the core).
    const { addresses } = await callApi<LanAddressList>(served, 'listLanAddresses', {});
    expect(addresses.length).toBeGreaterThan(0);
    const wanted = addresses[addresses.length - 1];
    if (!wanted) throw new Error('no LAN address');
    const lan = page.getByRole('group', { name: w.lan });
    const radio = (p: Page) =>
      p
        .getByRole('group', { name: w.lan })
        .getByRole('radio', { name: new RegExp(`\\(${wanted.address.replaceAll('.', '\\.')}\\)$`) });
    if (await radio(page).isChecked()) {
      // With one address it is checked already; choosing it again still records the choice.
      await radio(page).evaluate((input) => {
        (input as unknown as { checked: boolean }).checked = false;
      });
    }
    await radio(page).check();
    await lan.getByText(w.saved(wanted.address)).waitFor();
    // Words a person uses ("Wi-Fi (192.168.1.20)"), not the adapter's name or the network's mask.
    const lanText = (await lan.textContent()) ?? '';
    expect(lanText).not.toContain(wanted.network);
    expect(lanText).not.toContain(`${wanted.interfaceName},`);
    await page.reload();
    await radio(page).waitFor();
    expect(await radio(page).isChecked()).toBe(true);
    expect((await callApi<LanAddressList>(served, 'listLanAddresses', {})).addresses[0]?.address).toBe(wanted.address);
    await expectAccessible(page);
    if (language === 'en')
      await page.screenshot({ path: join(projectRoot, 'docs', 'screenshots', 'desktop-settings.png') });

    // Switch the language here: the whole window follows, and a reload keeps it.
    const next = words[other(language)];
    await languages.getByRole('radio', { name: next.self }).check();
    await page.getByRole('heading', { level: 2, name: next.heading }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe(other(language));
    await page.getByRole('link', { name: next.nav, exact: true }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 2, name: next.heading }).waitFor();
    expect(
      await page.getByRole('group', { name: next.language }).getByRole('radio', { name: next.self }).isChecked(),
    ).toBe(true);
    await expectAccessible(page);
  });
});
