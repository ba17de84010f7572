/**
 * The window's account flows in browser mode, in both languages, each page checked with
 * axe-core: the first run (the sign-in first, then the demo, the token, the code), signing
 * in with amoCRM through the consent page (a sandbox amoCRM; the integration's own redirect
 * page, which lives on the company's site, is answered by the test), who you are and what
 * you may export, removing an account; and, on the demo account, "who is calling?" and a
 * contact's devices.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactDetail, ContactSearchResult, ExportResult } from '../../src/shared/api/types';
import { expectAccessible } from '../helpers/axe';
import { callApi, openPage, serve } from '../helpers/browser-mode';
import { chromiumForFile } from '../helpers/chromium';
import { projectRoot, startCliServer } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

const screenshots = join(projectRoot, 'docs', 'screenshots');

interface SandboxLine {
  baseUrl: string;
  oauth: { clientId: string; clientSecret: string; redirectUri: string };
}

const words = {
  'en-US': {
    headings: ['Sign in with amoCRM', 'Just looking?', 'Connect with a long-lived token'],
    product: 'Where your account is',
    custom: 'Another sign-in site (a test server)',
    site: 'Sign-in site address',
    clientId: 'Integration ID',
    secret: 'Secret key',
    redirect: 'Redirect URI (as in the integration)',
    signIn: 'Sign in with amoCRM',
    openConsent: 'Open the amoCRM sign-in page (a new tab)',
    pasted: 'The address amoCRM opened',
    connect: 'Connect',
    you: 'You: ',
    right: 'You may export all contacts you can see.',
    remove: 'Remove',
    keep: 'Keep',
    lookupNav: 'Who is calling?',
    lookupField: 'Phone number',
    find: 'Find',
    nobody: 'Nobody in your contacts has the number',
    onDevices: 'On devices',
  },
  'ru-RU': {
    headings: ['Войти через amoCRM', 'Просто посмотреть?', 'Подключить по долгосрочному токену'],
    product: 'Где ваш аккаунт',
    custom: 'Другой сайт входа (тестовый сервер)',
    site: 'Адрес сайта входа',
    clientId: 'ID интеграции',
    secret: 'Секретный ключ',
    redirect: 'Адрес перенаправления (как в интеграции)',
    signIn: 'Войти через amoCRM',
    openConsent: 'Открыть страницу входа amoCRM (в новой вкладке)',
    pasted: 'Адрес, который открыл amoCRM',
    connect: 'Подключить',
    you: 'Вы: ',
    right: 'Вы можете выгружать все доступные вам контакты.',
    remove: 'Удалить',
    keep: 'Оставить',
    lookupNav: 'Кто звонит?',
    lookupField: 'Номер телефона',
    find: 'Найти',
    nobody: 'Ни у кого из ваших контактов нет номера',
    onDevices: 'На устройствах',
  },
} as const;
type Locale = keyof typeof words;

let sandboxServer: ReturnType<typeof startCliServer>;
let sandbox: SandboxLine;
beforeAll(async () => {
  sandboxServer = startCliServer(['sandbox', '--port', '0', '--contacts', '200', '--seed', 'desktop-accounts']);
  sandbox = JSON.parse(await sandboxServer.firstLine) as SandboxLine;
});
afterAll(() => sandboxServer.stop());

describe.each(Object.keys(words) as Locale[])('account flows in %s', (locale) => {
  const w = words[locale];
  const theBrowser = chromiumForFile();

  it('first run: sign in with amoCRM through its consent page, see who you are and your right, then remove', async () => {
    const served = await serve();
    const { page, problems } = await openPage(await theBrowser(), locale);
    await page.goto(served.url);
    // The sign-in comes first, then the demo, then the token.
    await page.getByRole('heading', { name: w.headings[0], exact: true }).waitFor();
    const headings = await page.getByRole('heading', { level: 2 }).allInnerTexts();
    expect(headings.slice(0, 3)).toEqual(w.headings);
    await expectAccessible(page);
    if (locale === 'en-US') await page.screenshot({ path: join(screenshots, 'desktop-first-run.png'), fullPage: true });

    await page.getByLabel(w.product).selectOption('custom');
    await page.getByLabel(w.site).fill(sandbox.baseUrl);
    await page.getByLabel(w.clientId).first().fill(sandbox.oauth.clientId);
    await page.getByLabel(w.secret).first().fill(sandbox.oauth.clientSecret);
    await page.getByLabel(w.redirect).first().fill(sandbox.oauth.redirectUri);
    // The integration's redirect page is on the company's own site: answered here, as it would be there.
    await page
      .context()
      .route(`${new URL(sandbox.oauth.redirectUri).origin}/**`, (route) =>
        route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Integration</title>' }),
      );
    await page.getByRole('button', { name: w.signIn }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expectAccessible(page);
    const popup = page.waitForEvent('popup');
    await dialog.getByRole('link', { name: w.openConsent }).click();
    const consent = await popup;
    await consent.locator('#allow').click();
    await consent.waitForURL((url) => url.href.startsWith(sandbox.oauth.redirectUri));
    await dialog.getByLabel(w.pasted).fill(consent.url());
    await dialog.getByRole('button', { name: w.connect }).click();

    const account = page.getByRole('listitem', { name: /.+/ }).filter({ hasText: w.you });
    await account.waitFor({ timeout: 20_000 });
    expect(await account.getByTestId('export-right').textContent()).toBe(w.right);
    await expectAccessible(page);

    await account.getByRole('button', { name: w.remove, exact: true }).click();
    await account.getByRole('alertdialog').getByRole('button', { name: w.keep }).click();
    expect(await account.isVisible()).toBe(true);
    await account.getByRole('button', { name: w.remove, exact: true }).click();
    await account.getByRole('alertdialog').getByRole('button', { name: w.remove }).click();
    await page.getByRole('heading', { name: w.headings[0], exact: true }).waitFor();
    expect(problems).toEqual([]);
  });

  it('who is calling: a number typed another way finds its contact; an unknown one says so; the card shows its devices', async () => {
    const served = await serve();
    await callApi(served, 'connectDemoAccount', {});
    await callApi(served, 'syncAccounts', {});
    const found = await callApi<ContactSearchResult>(served, 'searchContacts', { query: '', limit: 50 });
    let target: { name: string; e164: string } | undefined;
    for (const item of found.items.filter((candidate) => candidate.name)) {
      const detail = await callApi<ContactDetail>(served, 'getContact', {
        accountId: item.accountId,
        contactId: item.id,
      });
      const russian = detail.channels.find((c) => c.kind === 'phone' && /^\+7\d{10}$/.test(c.normalized ?? ''));
      // A number only this contact has: the lookup must show exactly its card.
      if (russian?.normalized) {
        const same = await callApi<{ matches: unknown[] }>(served, 'lookupPhone', { phone: russian.normalized });
        if (same.matches.length === 1) {
          target = { name: detail.name, e164: russian.normalized };
          break;
        }
      }
    }
    if (!target) throw new Error('no contact with a Russian number of its own among the first contacts');
    const device = await callApi<{ id: string; name: string }>(served, 'addDevice', {
      name: 'Pixel',
      platform: 'android',
    });
    await callApi<ExportResult>(served, 'exportToFile', {
      deviceId: device.id,
      period: 'all',
      outPath: join(tempDir(), 'all.vcf'),
    });

    const { page, problems } = await openPage(await theBrowser(), locale);
    await page.goto(served.url);
    await page.getByRole('link', { name: w.lookupNav }).click();
    const national = target.e164.slice(2);
    await page
      .getByLabel(w.lookupField)
      .fill(`8 (${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6, 8)}-${national.slice(8)}`);
    await page.getByRole('button', { name: w.find }).click();
    const card = page.locator('.contact-detail');
    await card.getByRole('heading', { name: target.name }).waitFor();
    await card.getByText(w.onDevices).waitFor();
    expect(await card.getByText(/^Pixel: /).count()).toBe(1);
    // amoCRM's codes (MOB, WORK, PRIV...) appear as the words a person uses, never raw.
    const cardText = (await card.textContent()) ?? '';
    expect(cardText).not.toMatch(/\b(MOB|WORK|WORKDD|PRIV|OTHER|HOME)\b/);
    expect(cardText).toMatch(
      locale === 'en-US' ? /· (mobile|work|personal|other|home)/ : /· (мобильный|рабочий|личный|другой|домашний)/,
    );
    expect(cardText).not.toMatch(/\(id\)|user #|№\d/);
    await expectAccessible(page);
    if (locale === 'en-US') await page.screenshot({ path: join(screenshots, 'desktop-lookup.png') });

    await page.getByLabel(w.lookupField).fill('+1 555 000 0000');
    await page.getByRole('button', { name: w.find }).click();
    await page.getByText(w.nobody).waitFor();
    expect(problems).toEqual([]);
  });
});
