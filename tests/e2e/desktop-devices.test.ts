/**
 * The devices screen, the export wizard, deleting an export, and the history, in browser
 * mode, in Russian and in English, each state checked with axe-core. One served app (the
 * demo account, synced once) for the whole file: each test works on devices of its own.
 * The API, called as the page calls it, is the oracle for what the window should show.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type {
  AccountSummary,
  Device,
  DeviceOverview,
  ExportPreview,
  ExportResult,
  ExportRun,
  HandoffStarted,
  ResponsibleUser,
} from '../../src/shared/api/types';
import { expectAccessible } from '../helpers/axe';
import { callApi, formatNumber, openPage, plain, type Served, startDemoServed } from '../helpers/browser-mode';
import { chromiumForFile } from '../helpers/chromium';
import { projectRoot } from '../helpers/cli';
import { countIn, enContacts, ruContacts, ruNoun } from '../helpers/plural';
import { tempDir } from '../helpers/temp-dir';
import { readVCards } from '../helpers/vcard-reader';

const screenshots = join(projectRoot, 'docs', 'screenshots');

const words = {
  en: {
    locale: 'en-US',
    devicesNav: 'Phones and export',
    historyNav: 'History',
    name: 'Name',
    platform: { ios: 'iPhone', android: 'Android phone', file: '.vcf file (Google Contacts, any phone)' },
    add: 'Add the device',
    added: (name: string) => `“${name}” was added.`,
    nothingYet: 'Nothing has been exported to this device yet.',
    emptyNow: 'No contacts from this app are on this device now: its export was deleted.',
    contacts: (n: string) => `${n} ${enContacts(n)} from this app`,
    cap: (used: string, cap: string, left: string) => `${used} of ${cap} used, ${left} left`,
    capLabel: /^iPhone limit for /,
    lastRun: /^Last export: .*, \.vcf file, delivered\.$/,
    rename: 'Rename',
    newName: /^New name for /,
    save: 'Save',
    remove: 'Remove',
    removeConfirm: 'Remove the device',
    staysOnPhone: 'The contacts already on the phone stay there',
    removed: (name: string) => `“${name}” was removed.`,
    export: 'Export contacts…',
    period: 'First export: contacts changed in',
    responsible: 'Responsible users',
    toPreview: 'Preview',
    total: (n: string, name: string) => `${n} ${enContacts(n)} will be sent to ${name}.`,
    newRow: 'New',
    noPhoneRow: 'Left out: no phone number',
    filterRow: 'Left out: other people’s contacts',
    restored: 'Set as on this device’s last export',
    whoseOne: 'Whose: the contacts of 1 chosen user.',
    capRow: 'Left out: over the iPhone limit',
    toDelivery: 'Choose how to send',
    file: 'Save a .vcf file',
    fileDone: (n: string) => `${n} ${enContacts(n)} ${countIn(n) === 1 ? 'is' : 'are'} ready in a file:`,
    download: /^Download .*\.vcf$/,
    googleContacts: 'Google Contacts (opens in a new window)',
    qr: 'Send by QR code',
    cancelHandoff: 'Cancel',
    handoffCancelled: 'Cancelled. Nothing was recorded: the next export sends the same contacts.',
    qrAlt: 'QR code to scan with the phone',
    importLink: 'Import contacts',
    phoneDone: (n: string) => `Done: the phone received ${n} ${enContacts(n)}.`,
    close: 'Close',
    backToDevices: 'Back to devices',
    route: { file: '.vcf file', lan: 'QR code' },
    delivered: 'Delivered',
    counts: (sent: string, fresh: string) => `${sent} sent: ${fresh} new, 0 updated.`,
    deleteExport: 'Start this export over…',
    deleteConfirm: 'Start over',
    cancel: 'Cancel',
    forgets: 'The app stops counting the',
    steps: 'Now remove them from the phone',
  },
  ru: {
    locale: 'ru-RU',
    devicesNav: 'Телефоны и выгрузка',
    historyNav: 'История',
    name: 'Название',
    platform: { ios: 'iPhone', android: 'Телефон на Android', file: 'Файл .vcf (Google Контакты, любой телефон)' },
    add: 'Добавить устройство',
    added: (name: string) => `Устройство «${name}» добавлено.`,
    nothingYet: 'На это устройство ещё ничего не выгружали.',
    emptyNow: 'Сейчас на этом устройстве нет контактов из приложения: выгрузка удалена.',
    contacts: (n: string) => `${n} ${ruContacts(n)} из приложения`,
    cap: (used: string, cap: string, left: string) => `Занято ${used} из ${cap}, свободно ${left}`,
    capLabel: /^Лимит iPhone для /,
    lastRun: /^Последняя выгрузка: .*, файл \.vcf, доставлено\.$/,
    rename: 'Переименовать',
    newName: /^Новое название для /,
    save: 'Сохранить',
    remove: 'Удалить',
    removeConfirm: 'Удалить устройство',
    staysOnPhone: 'Контакты, которые уже есть на телефоне, останутся там',
    removed: (name: string) => `Устройство «${name}» удалено.`,
    export: 'Выгрузить контакты…',
    period: 'Первая выгрузка: контакты, изменённые за',
    responsible: 'Ответственные',
    toPreview: 'Посмотреть, что уйдёт',
    total: (n: string, name: string) =>
      `На «${name}» будет ${ruNoun(n, 'отправлен', 'отправлено', 'отправлено')} ${n} ${ruContacts(n)}.`,
    newRow: 'Новые',
    noPhoneRow: 'Не попали: нет номера',
    filterRow: 'Не попали: контакты других сотрудников',
    restored: 'Выбрано как в прошлой выгрузке на это устройство',
    whoseOne: 'Чьи: контакты 1 выбранного сотрудника.',
    capRow: 'Не попали: сверх лимита iPhone',
    toDelivery: 'Выбрать способ отправки',
    file: 'Сохранить файл .vcf',
    fileDone: (n: string) => `В файле ${n} ${ruContacts(n)}:`,
    download: /^Скачать .*\.vcf$/,
    googleContacts: 'Google Контакты (откроются в новом окне)',
    qr: 'Отправить по QR-коду',
    cancelHandoff: 'Отменить',
    handoffCancelled: 'Отменено. Ничего не записано: следующая выгрузка отправит те же контакты.',
    qrAlt: 'QR-код для телефона',
    importLink: 'Импортировать контакты',
    phoneDone: (n: string) => `Готово: телефон получил ${n} ${ruContacts(n)}.`,
    close: 'Закрыть',
    backToDevices: 'К устройствам',
    route: { file: 'файл .vcf', lan: 'QR-код' },
    delivered: 'Доставлено',
    counts: (sent: string, fresh: string) => `Отправлено ${sent}: новых ${fresh}, обновлённых 0.`,
    deleteExport: 'Начать выгрузку заново…',
    deleteConfirm: 'Начать заново',
    cancel: 'Отменить',
    // Up to the noun's form: the 7-day count changes with the clock (291 is "отправленным ... контакт").
    forgets: 'Приложение перестанет считать отправленн',
    steps: 'Теперь удалите их с телефона',
  },
} as const;
type Language = keyof typeof words;
const languages = Object.keys(words) as Language[];

const android = {
  userAgent:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
  viewport: { width: 412, height: 915 },
  deviceScaleFactor: 2.625,
};

// One served app for the file: `serve()` ties its server to a single test.
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

async function addDevice(page: Page, language: Language, name: string, platform: keyof typeof words.en.platform) {
  const w = words[language];
  await page.getByLabel(w.name, { exact: true }).fill(name);
  await page.getByRole('radio', { name: w.platform[platform], exact: true }).check();
  await page.getByRole('button', { name: w.add }).click();
  await page.getByText(w.added(name)).waitFor();
  await cardOf(page, name).waitFor();
}

async function deviceByName(name: string): Promise<DeviceOverview> {
  const overview = await callApi<DeviceOverview[]>(served, 'listDeviceOverview', {});
  const found = overview.find((entry) => entry.device.name === name);
  if (!found) throw new Error(`No device named ${name}`);
  return found;
}

/** Step 1 with the period, then step 2: the preview as the window shows it. */
async function wizardToPreview(page: Page, language: Language, device: string, period: string) {
  const w = words[language];
  await cardOf(page, device).getByRole('button', { name: w.export }).click();
  await page.getByLabel(w.period).selectOption(period);
  await page.getByRole('button', { name: w.toPreview }).click();
  await page.getByTestId('preview-total').waitFor();
}

async function readQr(page: Page, language: Language): Promise<string> {
  const qr = page.getByRole('img', { name: words[language].qrAlt });
  await qr.waitFor();
  const png = PNG.sync.read(await qr.screenshot());
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (!decoded) throw new Error('No QR code could be read from the window');
  return decoded.data;
}

async function openHistory(page: Page, language: Language) {
  await page.getByRole('link', { name: words[language].historyNav, exact: true }).click();
  await page.getByTestId('run').first().waitFor();
}

describe.each(languages)('the devices and export screens (%s)', (language) => {
  const w = words[language];
  const n = (value: number) => formatNumber(language, value);

  it('devices: add an iPhone, see what it holds with the cap meter and the last run, rename it, remove it', async () => {
    const page = await openDevices(language);
    const name = `iPhone ${language}`;
    await addDevice(page, language, name, 'ios');
    await expect.poll(() => cardOf(page, name).getByText(w.nothingYet).isVisible()).toBe(true);
    await expectAccessible(page);

    // An export (through the API; the wizard has its own test), then the overview shows it.
    const { device } = await deviceByName(name);
    const result = await callApi<ExportResult>(served, 'exportToFile', {
      deviceId: device.id,
      period: '30d',
      outPath: join(tempDir(), 'iphone.vcf'),
    });
    await page.reload();
    const card = cardOf(page, name);
    await card.waitFor();
    const state = (await deviceByName(name)).accounts[0];
    expect(state?.contacts).toBe(result.delivered);
    expect(state?.capRemaining).toBe(5000 - result.delivered);
    await expect.poll(async () => plain(await card.textContent())).toContain(w.contacts(plain(n(result.delivered))));
    const meter = card.getByRole('meter', { name: w.capLabel });
    expect(Number(await meter.getAttribute('value'))).toBe(result.delivered);
    expect(Number(await meter.getAttribute('max'))).toBe(5000);
    expect(plain(await card.getByTestId('cap-text').textContent())).toBe(
      plain(w.cap(n(result.delivered), n(5000), n(5000 - result.delivered))),
    );
    expect(plain(await card.getByTestId('last-run').textContent())).toMatch(w.lastRun);
    await expectAccessible(page);
    if (language === 'en') {
      mkdirSync(screenshots, { recursive: true });
      await page.screenshot({ path: join(screenshots, 'desktop-devices.png') });
    }

    // Rename: the card follows, and the device keeps what it holds.
    const renamed = `${name} 15`;
    await card.getByRole('button', { name: w.rename }).click();
    await page.getByLabel(w.newName).fill(renamed);
    await page.getByRole('button', { name: w.save }).click();
    await cardOf(page, renamed).waitFor();
    expect((await deviceByName(renamed)).accounts[0]?.contacts).toBe(result.delivered);

    // Remove: the confirmation says the phone keeps its contacts; Escape backs out, the button goes through.
    await cardOf(page, renamed).getByRole('button', { name: w.remove, exact: true }).click();
    const dialog = page.getByRole('alertdialog');
    await expect.poll(() => dialog.textContent()).toContain(w.staysOnPhone);
    await expectAccessible(page);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await cardOf(page, renamed).getByRole('button', { name: w.remove, exact: true }).click();
    await page.getByRole('button', { name: w.removeConfirm }).click();
    await page.getByText(w.removed(renamed)).waitFor();
    await expect.poll(() => cardOf(page, renamed).count()).toBe(0);
    const left = await callApi<Device[]>(served, 'listDevices', {});
    expect(left.some((entry) => entry.name === renamed)).toBe(false);
  });

  it('export wizard: the period and a responsible user, the preview as the core counts it, a .vcf file, and the history', async () => {
    const page = await openDevices(language);
    const name = `Files ${language}`;
    await addDevice(page, language, name, 'file');
    const { device } = await deviceByName(name);
    const users = await callApi<ResponsibleUser[]>(served, 'listResponsibleUsers', { accountId: account.id });
    const user = users[1] ?? users[0];
    if (!user) throw new Error('The demo account has no responsible users');

    await cardOf(page, name).getByRole('button', { name: w.export }).click();
    await page.getByLabel(w.period).selectOption('90d');
    const filter = page.getByRole('group', { name: w.responsible });
    await filter.getByRole('checkbox', { name: new RegExp(`^${user.name}`) }).check();
    await expectAccessible(page);
    await page.getByRole('button', { name: w.toPreview }).click();
    await page.getByTestId('preview-total').waitFor();

    const expected = await callApi<ExportPreview>(served, 'previewExport', {
      deviceId: device.id,
      accountId: account.id,
      period: '90d',
      responsible: [user.id],
    });
    expect(expected.delivered).toBeGreaterThan(0);
    expect(expected.delivered).toBeLessThan(user.contacts + 1);
    expect(plain(await page.getByTestId('preview-total').textContent())).toBe(
      plain(w.total(n(expected.delivered), name)),
    );
    expect(plain(await page.getByTestId('count-new').textContent())).toContain(plain(`${w.newRow}${n(expected.new)}`));
    expect(plain(await page.getByTestId('count-skippedNoPhone').textContent())).toContain(
      plain(`${w.noPhoneRow}${n(expected.skippedNoPhone)}`),
    );
    // A file has no iPhone cap: that row would only puzzle.
    expect(await page.getByTestId('count-skippedByCap').count()).toBe(0);
    // Item 4: the preview repeats whose contacts go and accounts for every contact of the account.
    expect(plain(await page.getByTestId('preview-whose').textContent())).toBe(w.whoseOne);
    expect(plain(await page.getByTestId('count-accountTotal').textContent())).toContain(
      plain(n(expected.accountTotal)),
    );
    expect(plain(await page.getByTestId('count-skippedByFilter').textContent())).toContain(
      plain(`${w.filterRow}${n(expected.skippedByFilter)}`),
    );
    expect(expected.skippedByFilter).toBeGreaterThan(0);
    const rows = await page.locator('[data-testid^="count-"] dd strong').allTextContents();
    const sum = rows.map((text) => Number(text.replace(/\D/g, ''))).reduce((total, value) => total + value, 0);
    expect(sum).toBe(expected.accountTotal);
    await expectAccessible(page);
    if (language === 'en') await page.screenshot({ path: join(screenshots, 'desktop-export-preview.png') });

    await page.getByRole('button', { name: w.toDelivery }).click();
    await expectAccessible(page);
    await page.getByRole('button', { name: w.file }).click();
    const shown = page.getByTestId('file-result');
    await shown.waitFor();
    expect(plain(await shown.textContent())).toContain(plain(w.fileDone(n(expected.delivered))));
    const path = (await shown.locator('code').textContent()) ?? '';
    expect(readVCards(readFileSync(path, 'utf8'))).toHaveLength(expected.delivered);
    // Item 8: browser mode offers the file as a download (the browser may be on another
    // computer), byte for byte the file the app wrote; Google Contacts is one click away.
    const download = page.waitForEvent('download');
    await shown.getByRole('button', { name: w.download }).click();
    const downloaded = join(tempDir(), 'downloaded.vcf');
    await (await download).saveAs(downloaded);
    expect(readFileSync(downloaded).equals(readFileSync(path))).toBe(true);
    expect(await shown.getByRole('link', { name: w.googleContacts }).getAttribute('href')).toBe(
      'https://contacts.google.com/',
    );
    // "Show in folder" is the desktop app's (its core asks main's shell); a browser cannot open a folder.
    expect(await shown.getByRole('button', { name: /folder|папке/ }).count()).toBe(0);

    await page.getByRole('button', { name: w.backToDevices }).first().click();
    await expect
      .poll(async () => plain(await cardOf(page, name).textContent()))
      .toContain(w.contacts(plain(n(expected.delivered))));

    // The next export of the same device starts from the same choice of whose contacts, and says so.
    await cardOf(page, name).getByRole('button', { name: w.export }).click();
    await page.getByTestId('restored-choice').filter({ hasText: w.restored }).waitFor();
    expect(
      await page
        .getByRole('group', { name: w.responsible })
        .getByRole('checkbox', { name: new RegExp(`^${user.name}`) })
        .isChecked(),
    ).toBe(true);
    await expectAccessible(page);
    await page.getByRole('button', { name: w.backToDevices }).first().click();

    await openHistory(page, language);
    const runs = await callApi<ExportRun[]>(served, 'listExportRuns', { deviceId: device.id });
    expect(runs).toHaveLength(1);
    const row = page.getByTestId('run').filter({ hasText: name });
    await expect.poll(() => row.count()).toBe(1);
    const cells = (await row.locator('td').allTextContents()).map(plain);
    expect(cells.slice(1, 4)).toEqual([name, w.route.file, w.delivered]);
    expect(cells[4]).toContain(plain(w.counts(n(expected.delivered), n(expected.new))));
    await expectAccessible(page);
  });

  it('a QR handoff the person cancels reads as their choice, not as a red error', async () => {
    const page = await openDevices(language);
    const name = `Cancelled ${language}`;
    await addDevice(page, language, name, 'android');
    await wizardToPreview(page, language, name, '30d');
    await page.getByRole('button', { name: w.toDelivery }).click();
    await page.getByRole('button', { name: w.qr }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('img.qr').waitFor();
    await dialog.getByRole('button', { name: w.cancelHandoff, exact: true }).click();
    const said = dialog.getByRole('status').filter({ hasText: w.handoffCancelled });
    await said.waitFor();
    expect(await said.getAttribute('class')).not.toContain('notice-error');
    expect(await dialog.getByRole('alert').count()).toBe(0);
    await expectAccessible(page);
  });

  it('export wizard by QR code: the window’s code opens the page on the phone, the phone imports, the history has the run', async () => {
    const browser = await theBrowser();
    const page = await openDevices(language);
    const name = `Pixel ${language}`;
    await addDevice(page, language, name, 'android');
    await wizardToPreview(page, language, name, '30d');
    await page.getByRole('button', { name: w.toDelivery }).click();

    const response = page.waitForResponse((r) => r.url().endsWith('/api/startHandoff'));
    await page.getByRole('button', { name: w.qr }).click();
    const started = ((await (await response).json()) as { value: HandoffStarted }).value;
    const url = await readQr(page, language);
    expect(url).toBe(started.url);
    expect(new URL(url).hostname).not.toMatch(/^(127\.|localhost$)/);
    await expectAccessible(page);

    const context = await browser.newContext({ ...android, isMobile: true, hasTouch: true, locale: w.locale });
    onTestFinished(() => context.close());
    const phone = await context.newPage();
    await phone.goto(url);
    const desktopCode = await page.getByTestId('check-code').textContent();
    await expect.poll(() => phone.getByTestId('check-code').textContent()).toBe(desktopCode);
    const download = phone.waitForEvent('download');
    await phone.getByRole('link', { name: w.importLink }).click();
    const cards = readVCards(readFileSync(await (await download).path(), 'utf8'));
    expect(cards).toHaveLength(started.preview.delivered);

    await expect
      .poll(async () => plain(await page.getByRole('dialog').textContent()))
      .toContain(plain(w.phoneDone(n(started.preview.delivered))));
    await page.getByRole('button', { name: w.close }).click();
    await openHistory(page, language);
    const row = page.getByTestId('run').filter({ hasText: name });
    await expect.poll(() => row.count()).toBe(1);
    const cells = (await row.locator('td').allTextContents()).map(plain);
    expect(cells.slice(1, 4)).toEqual([name, w.route.lan, w.delivered]);
    if (language === 'en') await page.screenshot({ path: join(screenshots, 'desktop-history.png') });
  });

  it('delete an export: a confirmation first, then the steps to remove the contacts from the phone', async () => {
    const page = await openDevices(language);
    const name = `Tablet ${language}`;
    await addDevice(page, language, name, 'android');
    const { device } = await deviceByName(name);
    const result = await callApi<ExportResult>(served, 'exportToFile', {
      deviceId: device.id,
      period: '7d',
      outPath: join(tempDir(), 'tablet.vcf'),
    });
    await page.reload();
    const card = cardOf(page, name);
    await card.getByRole('button', { name: new RegExp(`^${w.deleteExport}`) }).click();
    const dialog = page.getByRole('alertdialog');
    await expect.poll(async () => plain(await dialog.textContent())).toContain(w.forgets);
    await expectAccessible(page);

    // Cancel changes nothing.
    await dialog.getByRole('button', { name: w.cancel }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await deviceByName(name)).accounts[0]?.contacts).toBe(result.delivered);

    await card.getByRole('button', { name: new RegExp(`^${w.deleteExport}`) }).click();
    await page.getByRole('button', { name: w.deleteConfirm }).click();
    const steps = page.getByTestId('removal-steps');
    await steps.waitFor();
    expect(await steps.getByRole('heading', { name: w.steps }).count()).toBe(1);
    // The label every exported contact carries: what the user selects on the phone.
    expect(await steps.textContent()).toContain(`amoCRM ${account.name}`);
    expect(await steps.locator('li').count()).toBeGreaterThanOrEqual(3);
    await expectAccessible(page);
    await page.getByRole('button', { name: w.close }).click();

    // The history keeps the run, so the card does not claim nothing was ever exported.
    await expect.poll(() => card.getByText(w.emptyNow).isVisible()).toBe(true);
    expect(await card.getByText(w.nothingYet).count()).toBe(0);
    expect((await deviceByName(name)).accounts).toEqual([]);
    // The next export is a first one again: the core asks for a period.
    await expect(callApi(served, 'previewExport', { deviceId: device.id })).rejects.toThrow(/INVALID_INPUT/);
  });
});
