/**
 * A CardDAV address book in the desktop window (issue 9), in browser mode against a real
 * Radicale, in Russian and in English, each state checked with axe-core: the device added
 * through the form (a wrong password first, in words), its phone set-up with the iPhone
 * profile, the export wizard writing into the server with progress and the result (read
 * back by the independent reader), and deleting the export (the book gone). Google's
 * sign-in cannot reach Google here: the form calls the verb, opens the page Google's
 * sign-in would show, and a refusal on the loopback redirect reads in words.
 *
 * One served app (the demo account, synced once) for the file; one Radicale per test, so
 * the two languages never share an address book.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { AccountSummary, CardDavSetup, DeviceOverview, ExportPreview } from '../../src/shared/api/types';
import { expectAccessible } from '../helpers/axe';
import { callApi, formatNumber, openPage, plain, type Served, startDemoServed } from '../helpers/browser-mode';
import { chromiumForFile } from '../helpers/chromium';
import { projectRoot } from '../helpers/cli';
import { davStatus, listCollections, readBook, values } from '../helpers/dav-reader';
import { enContacts, ruContacts, ruNoun } from '../helpers/plural';
import { type RadicaleHandle, startRadicale } from '../helpers/radicale';

const screenshot = join(projectRoot, 'docs', 'screenshots', 'desktop-carddav.png');

const words = {
  en: {
    locale: 'en-US',
    devicesNav: 'Phones and export',
    name: 'Name',
    carddav: 'CardDAV address book (iCloud, Google, Yandex, Nextcloud, Fastmail, other)',
    provider: 'Provider',
    custom: 'Other CardDAV server',
    google: 'Google Contacts',
    server: 'Server address',
    user: 'User name',
    password: 'App password',
    clientId: 'OAuth client ID',
    connect: 'Connect the address book',
    signInGoogle: 'Sign in with Google',
    openGoogle: 'The sign-in page did not open? Open it here (a new tab)',
    authRejected: (host: string) => `${host} did not accept the user name and password.`,
    oauthFailed: 'Google sign-in did not finish:',
    added: (name: string) => `“${name}” was connected.`,
    summary: (user: string, host: string) => `Other CardDAV server · ${user} · ${host}`,
    bookOwn: 'Address book: “amoCRM …”, one of its own for each amoCRM account.',
    setup: 'Set up the phone',
    iphone: 'On an iPhone',
    android: 'On Android',
    profile: 'Download the iPhone profile (amoCRM.mobileconfig)',
    export: 'Export contacts…',
    period: 'First export: contacts changed in',
    toPreview: 'Preview',
    total: (n: string, name: string) => `${n} ${enContacts(n)} will be sent to ${name}.`,
    toSend: 'Next: send',
    send: 'Send to the address book',
    qr: 'Send by QR code',
    file: 'Save a .vcf file',
    sent: (n: string, name: string) => `${n} ${enContacts(n)} sent to ${name}.`,
    requests: 'requests to the server',
    backToDevices: 'Back to devices',
    contacts: (n: string) => `${n} ${enContacts(n)} from this app`,
    deleteExport: 'Start this export over…',
    deleteConfirm: 'Start over',
    willDelete: (host: string) => `will be deleted from the address book on ${host}`,
    removed: (n: string) => `${n} ${enContacts(n)} removed from the account`,
    close: 'Close',
    nothingYet: 'Nothing has been exported to this device yet.',
    emptyNow: 'No contacts from this app are on this device now: its export was deleted.',
  },
  ru: {
    locale: 'ru-RU',
    devicesNav: 'Телефоны и выгрузка',
    name: 'Название',
    carddav: 'Адресная книга CardDAV (iCloud, Google, Яндекс, Nextcloud, Fastmail, другой сервер)',
    provider: 'Провайдер',
    custom: 'Другой сервер CardDAV',
    google: 'Google Контакты',
    server: 'Адрес сервера',
    user: 'Имя пользователя',
    password: 'Пароль приложения',
    clientId: 'Идентификатор OAuth-клиента',
    connect: 'Подключить адресную книгу',
    signInGoogle: 'Войти через Google',
    openGoogle: 'Страница входа не открылась? Откройте её здесь (в новой вкладке)',
    authRejected: (host: string) => `${host} не принял имя пользователя и пароль.`,
    oauthFailed: 'Вход в Google не завершён:',
    added: (name: string) => `«${name}» подключена.`,
    summary: (user: string, host: string) => `Другой сервер CardDAV · ${user} · ${host}`,
    bookOwn: 'Адресная книга: «amoCRM …», отдельная для каждого аккаунта amoCRM.',
    setup: 'Настроить телефон',
    iphone: 'На iPhone',
    android: 'На Android',
    profile: 'Скачать профиль для iPhone (amoCRM.mobileconfig)',
    export: 'Выгрузить контакты…',
    period: 'Первая выгрузка: контакты, изменённые за',
    toPreview: 'Посмотреть, что уйдёт',
    total: (n: string, name: string) =>
      `На «${name}» будет ${ruNoun(n, 'отправлен', 'отправлено', 'отправлено')} ${n} ${ruContacts(n)}.`,
    toSend: 'Далее: отправка',
    send: 'Отправить в адресную книгу',
    qr: 'Отправить по QR-коду',
    file: 'Сохранить файл .vcf',
    sent: (n: string, name: string) =>
      `В «${name}» ${ruNoun(n, 'отправлен', 'отправлено', 'отправлено')} ${n} ${ruContacts(n)}.`,
    requests: 'запросов к серверу',
    backToDevices: 'К устройствам',
    contacts: (n: string) => `${n} ${ruContacts(n)} из приложения`,
    deleteExport: 'Начать выгрузку заново…',
    deleteConfirm: 'Начать заново',
    willDelete: (host: string) => `будут удалены из адресной книги на ${host}`,
    removed: (n: string) => `Из аккаунта ${ruNoun(n, 'удалён', 'удалено', 'удалено')} ${n} ${ruContacts(n)}`,
    close: 'Закрыть',
    nothingYet: 'На это устройство ещё ничего не выгружали.',
    emptyNow: 'Сейчас на этом устройстве нет контактов из приложения: выгрузка удалена.',
  },
} as const;
type Language = keyof typeof words;
const languages = Object.keys(words) as Language[];

let served: Served;
let account: AccountSummary;
const theBrowser = chromiumForFile();

beforeAll(async () => {
  ({ served, account } = await startDemoServed());
});

afterAll(() => served?.stop());

async function openDevices(language: Language): Promise<Page> {
  const { page, problems } = await openPage(await theBrowser(), words[language].locale);
  onTestFinished(() => expect(problems).toEqual([]));
  await page.goto(served.url);
  await page.getByRole('link', { name: words[language].devicesNav }).click();
  await page.getByRole('heading', { level: 2, name: words[language].devicesNav }).waitFor();
  return page;
}

const cardOf = (page: Page, name: string) => page.getByRole('article', { name: new RegExp(`^${name}`) });

async function deviceByName(name: string): Promise<DeviceOverview> {
  const overview = await callApi<DeviceOverview[]>(served, 'listDeviceOverview', {});
  const found = overview.find((entry) => entry.device.name === name);
  if (!found) throw new Error(`No device named ${name}`);
  return found;
}

async function withRadicale(): Promise<RadicaleHandle> {
  const radicale = await startRadicale();
  onTestFinished(() => radicale.stop());
  return radicale;
}

describe.each(languages)('a CardDAV address book in the window (%s)', (language) => {
  const w = words[language];
  const n = (value: number) => formatNumber(language, value);

  it('add it (a wrong password first), set up the phone, export into it with progress, delete the export', async () => {
    const radicale = await withRadicale();
    const host = `127.0.0.1:${radicale.port}`;
    const page = await openDevices(language);
    const name = `Radicale ${language}`;

    // The form: the CardDAV choice, a provider, the server, the user and a wrong password.
    await page.getByLabel(w.name, { exact: true }).fill(name);
    await page.getByRole('radio', { name: w.carddav, exact: true }).check();
    await page.getByLabel(w.provider).selectOption({ label: w.custom });
    await page.getByLabel(w.server).fill(radicale.url);
    await page.getByLabel(w.user, { exact: true }).fill(radicale.user);
    const password = page.getByLabel(w.password, { exact: true });
    expect(await password.getAttribute('type')).toBe('password');
    await password.fill('not-the-password');
    await expectAccessible(page);
    await page.getByRole('button', { name: w.connect }).click();
    const alert = page.getByRole('alert');
    await expect.poll(async () => plain(await alert.textContent())).toContain(w.authRejected(host));
    expect(
      (await callApi<DeviceOverview[]>(served, 'listDeviceOverview', {})).some((d) => d.device.name === name),
    ).toBe(false);
    await expectAccessible(page);

    // The right password: the device is added, its card says where the contacts go.
    await password.fill(radicale.password);
    await page.getByRole('button', { name: w.connect }).click();
    await expect.poll(async () => plain(await page.getByText(w.added(name)).textContent())).toContain(w.added(name));
    const card = cardOf(page, name);
    await card.waitFor();
    const { device } = await deviceByName(name);
    expect(device.platform).toBe('carddav');
    expect(device.carddav).toMatchObject({ provider: 'custom', username: radicale.user, auth: 'password' });
    expect(plain(await card.getByTestId('carddav-summary').textContent())).toContain(w.summary(radicale.user, host));
    expect(plain(await card.getByTestId('carddav-summary').textContent())).toContain(w.bookOwn);
    expect(await page.getByRole('alert').count()).toBe(0);

    // The phone set-up: iPhone and Android steps (DAVx⁵ for a self-hosted server) and the profile.
    const setupButton = card.getByRole('button', { name: w.setup });
    await setupButton.click();
    expect(await setupButton.getAttribute('aria-expanded')).toBe('true');
    const setup = card.getByTestId('carddav-setup');
    await setup.waitFor();
    expect(await setup.getByRole('heading', { name: w.iphone }).count()).toBe(1);
    expect(await setup.getByRole('heading', { name: w.android }).count()).toBe(1);
    const android = plain(await setup.getByTestId('setup-android').textContent());
    expect(android).toContain('DAVx⁵');
    expect(android).toContain(radicale.url);
    expect(await setup.getByTestId('setup-iphone').locator('li').count()).toBeGreaterThanOrEqual(3);
    const expected = await callApi<CardDavSetup>(served, 'getCardDavSetup', { deviceId: device.id });
    expect(expected.mobileconfig).not.toBeNull();
    const download = page.waitForEvent('download');
    await setup.getByRole('link', { name: w.profile }).click();
    const profile = await download;
    expect(profile.suggestedFilename()).toBe('amoCRM.mobileconfig');
    const profileText = readFileSync((await profile.path()) as string, 'utf8');
    expect(profileText).toBe(expected.mobileconfig);
    expect(profileText).toContain('<string>com.apple.carddav.account</string>');
    expect(profileText).not.toContain(radicale.password);
    await expectAccessible(page);

    // The export wizard: options and preview as for any device, without the iPhone's cap.
    await card.getByRole('button', { name: w.export }).click();
    await page.getByLabel(w.period).selectOption('7d');
    await page.getByRole('button', { name: w.toPreview }).click();
    await page.getByTestId('preview-total').waitFor();
    const preview = await callApi<ExportPreview>(served, 'previewExport', { deviceId: device.id, period: '7d' });
    expect(preview.delivered).toBeGreaterThan(50);
    expect(preview.delivered).toBeLessThan(1000);
    expect(plain(await page.getByTestId('preview-total').textContent())).toBe(
      plain(w.total(n(preview.delivered), name)),
    );
    expect(await page.getByTestId('count-skippedByCap').count()).toBe(0);
    expect(await page.getByTestId('count-capRemaining').count()).toBe(0);
    await expectAccessible(page);

    // The delivery step: only the address book, no QR code, cable or file.
    await page.getByRole('button', { name: w.toSend }).click();
    const send = page.getByRole('button', { name: w.send });
    await send.waitFor();
    expect(await page.getByRole('button', { name: w.qr }).count()).toBe(0);
    expect(await page.getByRole('button', { name: w.file }).count()).toBe(0);
    await expectAccessible(page);
    await send.click();

    // Progress while Radicale takes the cards: the bar counts against the total.
    const barMax = async () =>
      (
        await page
          .getByTestId('carddav-progress')
          .locator('progress')
          .evaluateAll((bars) => bars.map((bar) => bar.getAttribute('max')))
      )[0];
    await expect.poll(barMax, { timeout: 60_000, interval: 20 }).toBe(String(preview.delivered));
    const result = page.getByTestId('carddav-result');
    await result.waitFor({ timeout: 90_000 });
    const shown = plain(await result.textContent());
    expect(shown).toContain(plain(w.sent(n(preview.delivered), name)));
    expect(shown).toContain(w.requests);
    await expectAccessible(page);

    // The server holds the cards, read back by a reader that shares no code with the app.
    const books = await listCollections(`${radicale.url}${radicale.user}/`, radicale.authorization);
    const bookPath = [...books.keys()].find((path) => path.includes(`amocrm-${account.id}`));
    expect(bookPath, [...books.keys()].join(', ')).toBeDefined();
    const bookUrl = new URL(bookPath as string, radicale.url).href;
    expect(shown).toContain(bookUrl);
    const cards = await readBook(bookUrl, radicale.authorization);
    expect(cards.size).toBe(preview.delivered);
    const uids = [...cards.values()].map((entry) => values(entry.text, 'UID')[0]);
    expect(new Set(uids).size).toBe(cards.size);
    for (const entry of [...cards.values()].slice(0, 20)) expect(values(entry.text, 'TEL').length).toBeGreaterThan(0);

    // Back on the devices: the card counts what the server holds; the screenshot shows it with the set-up open.
    await page.getByRole('button', { name: w.backToDevices }).first().click();
    await expect
      .poll(async () => plain(await cardOf(page, name).textContent()))
      .toContain(plain(w.contacts(n(preview.delivered))));
    if (language === 'en') {
      await cardOf(page, name).getByRole('button', { name: w.setup }).click();
      await cardOf(page, name).getByTestId('carddav-setup').waitFor();
      await page.setViewportSize({ width: 1280, height: 1500 });
      await cardOf(page, name).scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshot });
      await page.setViewportSize({ width: 1280, height: 800 });
    }

    // Delete the export: the confirmation says the server loses the cards; the result counts them.
    await cardOf(page, name)
      .getByRole('button', { name: new RegExp(`^${w.deleteExport}`) })
      .click();
    const dialog = page.getByRole('alertdialog');
    await expect.poll(async () => plain(await dialog.textContent())).toContain(w.willDelete(host));
    await expectAccessible(page);
    await page.getByRole('button', { name: w.deleteConfirm }).click();
    const done = page.getByRole('dialog');
    await expect.poll(async () => plain(await done.textContent())).toContain(plain(w.removed(n(preview.delivered))));
    await expectAccessible(page);
    await done.getByRole('button', { name: w.close }).click();
    expect(await davStatus(bookUrl, radicale.authorization)).toBe(404);
    await expect.poll(() => cardOf(page, name).getByText(w.emptyNow).isVisible()).toBe(true);
  });

  it('Google: the form calls the sign-in, opens Google’s page, and a refusal reads in words', async () => {
    const page = await openDevices(language);
    const name = `Google ${language}`;
    await page.getByLabel(w.name, { exact: true }).fill(name);
    await page.getByRole('radio', { name: w.carddav, exact: true }).check();
    await page.getByLabel(w.provider).selectOption({ label: w.google });
    // Google has no server address or password to type.
    expect(await page.getByLabel(w.server).count()).toBe(0);
    expect(await page.getByLabel(w.password, { exact: true }).count()).toBe(0);
    await page.getByLabel(w.user, { exact: true }).fill('someone@example.com');
    await page.getByLabel(w.clientId).fill('test-client.apps.googleusercontent.com');
    await expectAccessible(page);

    const called = page.waitForRequest((request) => request.url().endsWith('/api/connectGoogleCardDav'));
    const popup = page.context().waitForEvent('page');
    await page.getByRole('button', { name: w.signInGoogle }).click();
    expect(JSON.parse((await called).postData() ?? '{}')).toMatchObject({
      name,
      username: 'someone@example.com',
      clientId: 'test-client.apps.googleusercontent.com',
    });
    // The window opened Google's page (a new tab, no opener) and offers it as a link too.
    const opened = await popup;
    onTestFinished(() => opened.close().catch(() => undefined));
    const link = page.getByRole('link', { name: w.openGoogle });
    await link.waitFor();
    expect(await link.getAttribute('rel')).toContain('noopener');
    const signIn = new URL((await link.getAttribute('href')) as string);
    expect(`${signIn.origin}${signIn.pathname}`).toBe('https://accounts.google.com/o/oauth2/v2/auth');
    expect(signIn.searchParams.get('client_id')).toBe('test-client.apps.googleusercontent.com');
    await expectAccessible(page);

    // Google cannot be reached from here: answer the loopback redirect as Google does on "Cancel".
    const redirect = new URL(signIn.searchParams.get('redirect_uri') as string);
    expect(redirect.hostname).toBe('127.0.0.1');
    redirect.searchParams.set('error', 'access_denied');
    await (await fetch(redirect)).arrayBuffer();
    const alert = page.getByRole('alert');
    await expect.poll(async () => plain(await alert.textContent())).toContain(w.oauthFailed);
    expect(plain(await alert.textContent())).toContain('access_denied');
    expect(await link.count()).toBe(0);
    expect(
      (await callApi<DeviceOverview[]>(served, 'listDeviceOverview', {})).some((d) => d.device.name === name),
    ).toBe(false);
    await expectAccessible(page);
  });
});
