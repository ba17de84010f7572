/**
 * The window's account flows in browser mode, in both languages, each page checked with
 * axe-core (light and dark): the first run (the demo, a colleague's invitation, the
 * administrator's sign-in, other ways folded), an error drawn beside its button and in view,
 * the administrator signing in with amoCRM through the consent page (a sandbox amoCRM; the
 * integration's own redirect page, which lives on the company's site, is answered by the test),
 * the team set-up (an invitation file downloaded, opened by a colleague's app, who signs in as
 * themselves), removing an account; and, on the demo account, "who is calling?" and a
 * contact's devices.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
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
  tokens: Record<string, string>;
  oauth: { clientId: string; clientSecret: string; redirectUri: string };
}

/** The element is inside the window's visible area, not above or below it (item 1 of issue 15). */
async function expectInView(page: Page, element: Locator) {
  const box = await element.boundingBox();
  const viewport = page.viewportSize();
  expect(box, 'the element is drawn').not.toBeNull();
  expect(box?.y ?? -1).toBeGreaterThanOrEqual(0);
  expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(viewport?.height ?? 0);
}

const words = {
  'en-US': {
    headings: ['Just looking?', 'I have an invitation from my administrator', 'I am the account administrator'],
    otherWays: 'Other ways to connect (a long-lived token, an authorization code)',
    baseUrl: 'Account address',
    token: 'Long-lived token',
    tokenRefused: 'amoCRM did not accept the access key',
    invite: 'Invite colleagues',
    saveInvitation: 'Save the invitation file',
    serveTeam: 'Serve to the team from this computer',
    stopServing: 'Stop serving',
    invitationFile: 'Invitation file',
    pasteInvitation: 'or paste the invitation link',
    notInvitation: 'This is not an amo-phonebook invitation',
    invitationFor: 'Invitation to the account',
    signInAsMe: 'Sign in to amoCRM as myself',
    close: 'Close',
    onlyMine: 'amoCRM shows rights only to administrators',
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
    syncNow: 'Sync now',
    lookupField: 'Phone number',
    find: 'Find',
    nobody: 'Nobody in your contacts has the number',
    notANumber: '“abc” is not a phone number.',
    onDevices: 'On devices',
  },
  'ru-RU': {
    headings: ['Просто посмотреть?', 'У меня есть приглашение от администратора', 'Я администратор аккаунта'],
    otherWays: 'Другие способы подключения (долгосрочный токен, код авторизации)',
    baseUrl: 'Адрес аккаунта',
    token: 'Долгосрочный токен',
    tokenRefused: 'amoCRM не принял ключ доступа',
    invite: 'Пригласить коллег',
    saveInvitation: 'Сохранить файл приглашения',
    serveTeam: 'Раздавать команде с этого компьютера',
    stopServing: 'Остановить раздачу',
    invitationFile: 'Файл приглашения',
    pasteInvitation: 'или вставьте ссылку приглашения',
    notInvitation: 'Это не приглашение amo-phonebook',
    invitationFor: 'Приглашение в аккаунт',
    signInAsMe: 'Войти в amoCRM под своим именем',
    close: 'Закрыть',
    onlyMine: 'amoCRM показывает права только администраторам',
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
    syncNow: 'Синхронизировать',
    lookupField: 'Номер телефона',
    find: 'Найти',
    nobody: 'Ни у кого из ваших контактов нет номера',
    notANumber: '«abc» — не номер телефона.',
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

  it('first run: the demo in view, errors beside their button; the administrator signs in and invites, a colleague joins as themselves', async () => {
    const served = await serve();
    const { page, problems } = await openPage(await theBrowser(), locale, { viewport: { width: 1024, height: 640 } });
    await page.goto(served.url);
    // Who does what, in the order people need it: the demo, a colleague's invitation, the administrator.
    await page.getByRole('heading', { name: w.headings[0], exact: true }).waitFor();
    const headings = await page.getByRole('heading', { level: 2 }).allInnerTexts();
    expect(headings.slice(0, 3)).toEqual(w.headings);
    // The demo's button is above the fold of a small window.
    const demo = await page.getByRole('button', { name: /demo|демо/i }).boundingBox();
    expect(demo && demo.y + demo.height).toBeLessThanOrEqual(640);
    await expectAccessible(page);
    if (locale === 'en-US') await page.screenshot({ path: join(screenshots, 'desktop-first-run.png'), fullPage: true });

    // Item 1: a wrong token's message is drawn beside its button, inside the visible part of the window.
    await page.getByText(w.otherWays).click();
    await page.getByLabel(w.baseUrl).first().fill(sandbox.baseUrl);
    await page.getByLabel(w.token, { exact: true }).fill('not-a-token');
    const tokenConnect = page.getByRole('button', { name: w.connect, exact: true }).first();
    await tokenConnect.click();
    const refused = page.getByRole('alert').filter({ hasText: w.tokenRefused });
    await refused.waitFor();
    await expectInView(page, refused);
    const [buttonBox, alertBox] = [await tokenConnect.boundingBox(), await refused.boundingBox()];
    expect(Math.abs((alertBox?.y ?? 0) - (buttonBox?.y ?? 0))).toBeLessThan(120);
    await expectAccessible(page);

    // A pasted text that is not an invitation: said at once, beside the field.
    await page.getByLabel(w.pasteInvitation).fill('https://acme.amocrm.ru');
    await page.getByRole('alert').filter({ hasText: w.notInvitation }).waitFor();
    await page.getByLabel(w.pasteInvitation).fill('');

    // The administrator signs in through the integration.
    await page.getByLabel(w.product).selectOption('custom');
    await page.getByLabel(w.site).fill(sandbox.baseUrl);
    await page.getByLabel(w.clientId).first().fill(sandbox.oauth.clientId);
    await page.getByLabel(w.secret).first().fill(sandbox.oauth.clientSecret);
    await page.getByLabel(w.redirect).first().fill(sandbox.oauth.redirectUri);
    // The integration's redirect page is on the company's own site: answered here, as it would be there.
    const answerRedirect = (target: Page) =>
      target
        .context()
        .route(`${new URL(sandbox.oauth.redirectUri).origin}/**`, (route) =>
          route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Integration</title>' }),
        );
    await answerRedirect(page);
    await page.getByRole('button', { name: w.signIn }).click();
    await consentThroughDialog(page, '#allow');

    const account = page.getByRole('listitem', { name: /.+/ }).filter({ hasText: w.you });
    await account.waitFor({ timeout: 20_000 });
    expect(await account.getByTestId('export-right').textContent()).toBe(w.right);
    await expectAccessible(page);

    // Item 3: the administrator's invitation, saved as a file (a real download), holds no token.
    await account.getByRole('button', { name: w.invite }).click();
    const inviteDialog = page.getByRole('dialog');
    await inviteDialog.getByRole('textbox').waitFor();
    const link = await inviteDialog.getByRole('textbox').inputValue();
    expect(link).toMatch(/^amo-phonebook:\/\/invite\?v=1&/);
    expect(link).not.toContain('mirror=');
    await expectAccessible(page);
    if (locale === 'en-US') await page.screenshot({ path: join(screenshots, 'desktop-invite.png') });

    // Issue 21: this computer serves the account to the team; the invitation then names it.
    await inviteDialog.getByRole('button', { name: w.serveTeam }).click();
    const serving = inviteDialog.getByTestId('team-mirror-status');
    await serving.waitFor();
    expect(await serving.textContent()).toMatch(/https:\/\/[\d.]+:\d+/);
    await expect
      .poll(() => inviteDialog.getByRole('textbox').inputValue())
      .toMatch(/&mirror=https%3A%2F%2F.+&mirror_fp=/);
    await expectAccessible(page);
    // Stopped, the invitation is the plain one again, and nothing serves.
    await inviteDialog.getByRole('button', { name: w.stopServing }).click();
    await expect.poll(() => inviteDialog.getByRole('textbox').inputValue()).toBe(link);
    expect(await serving.count()).toBe(0);
    const download = page.waitForEvent('download');
    await inviteDialog.getByRole('button', { name: w.saveInvitation }).click();
    const invitationPath = join(tempDir(), 'invitation.txt');
    await (await download).saveAs(invitationPath);
    const invitationText = readFileSync(invitationPath, 'utf8');
    expect(invitationText).toContain(link);
    expect(invitationText).not.toMatch(/access_token|refresh_token|Bearer/i);
    await inviteDialog.getByRole('button', { name: w.close }).click();

    // A colleague, on another computer (another app, another data folder), opens the file.
    const theirs = await serve();
    const colleague = await openPage(await theBrowser(), locale);
    await colleague.page.goto(theirs.url);
    await colleague.page.getByLabel(w.invitationFile).setInputFiles(invitationPath);
    const summary = colleague.page.getByTestId('invitation-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain(`${w.invitationFor} ${new URL(sandbox.baseUrl).host}`);
    await expectAccessible(colleague.page);
    await answerRedirect(colleague.page);
    await colleague.page.getByRole('button', { name: w.signInAsMe }).click();
    // On amoCRM's page the colleague signs in as themselves (the sandbox: "Allow as Ирина Соколова").
    await consentThroughDialog(colleague.page, 'a:has-text("Allow as Ирина Соколова")');
    const joined = colleague.page.getByRole('listitem', { name: /.+/ }).filter({ hasText: w.onlyMine });
    await joined.waitFor({ timeout: 20_000 });
    await expectAccessible(colleague.page);
    expect(colleague.problems).toEqual([]);

    await account.getByRole('button', { name: w.remove, exact: true }).click();
    await account.getByRole('alertdialog').getByRole('button', { name: w.keep }).click();
    expect(await account.isVisible()).toBe(true);
    await account.getByRole('button', { name: w.remove, exact: true }).click();
    await account.getByRole('alertdialog').getByRole('button', { name: w.remove }).click();
    await page.getByRole('heading', { name: w.headings[0], exact: true }).waitFor();
    expect(problems).toEqual([]);
  });

  /** The window's sign-in dialog: open amoCRM's page, allow there, paste back the address it opened. */
  async function consentThroughDialog(page: Page, allow: string) {
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expectAccessible(page);
    const popup = page.waitForEvent('popup');
    await dialog.getByRole('link', { name: w.openConsent }).click();
    const consent = await popup;
    await consent.locator(allow).click();
    await consent.waitForURL((url) => url.href.startsWith(sandbox.oauth.redirectUri));
    await dialog.getByLabel(w.pasted).fill(consent.url());
    await dialog.getByRole('button', { name: w.connect }).click();
  }

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

    // A small window (1024x640) with two accounts: the section menu stays in view however far the sidebar scrolls.
    await callApi(served, 'addAccountWithToken', { baseUrl: sandbox.baseUrl, token: sandbox.tokens['admin'] });
    const { page, problems } = await openPage(await theBrowser(), locale, { viewport: { width: 1024, height: 640 } });
    await page.goto(served.url);
    const menuLink = page.getByRole('link', { name: w.lookupNav });
    await menuLink.waitFor();
    const scrolled = await page.locator('.sidebar').evaluate((sidebar) => {
      const pane = sidebar as unknown as { scrollTop: number };
      pane.scrollTop = 100_000;
      return pane.scrollTop;
    });
    // The sidebar really scrolled: two accounts' cards are taller than what is left of 640 pixels.
    expect(scrolled).toBeGreaterThan(0);
    await expectInView(page, menuLink);
    await expectInView(page, page.getByRole('button', { name: w.syncNow }));
    await menuLink.click();
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
    // Letters are not a number: said so, not "nobody has the number abc".
    await page.getByLabel(w.lookupField).fill('abc');
    await page.getByRole('button', { name: w.find }).click();
    await page.getByText(w.notANumber).waitFor();
    expect(await page.getByText(w.nobody).count()).toBe(0);
    await expectAccessible(page);
    expect(problems).toEqual([]);
  });
});
