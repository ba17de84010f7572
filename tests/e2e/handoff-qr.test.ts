/**
 * The QR handoff end to end, as people use it: the desktop window (browser mode, real CLI,
 * demo account) opens a handoff; the test reads the QR code from the window's pixels
 * (jsQR), opens the link in an emulated iPhone and an emulated Android phone through this
 * machine's non-loopback address (so, as on Wi-Fi, the page is not a secure context),
 * checks the code both screens show, takes the download, and checks the desktop recorded
 * the delivery. The phone's file must be byte for byte what a file export of the same
 * selection writes.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsQR from 'jsqr';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { ExportPreview, ExportResult, HandoffStarted } from '../../src/shared/api/types';
import { callApi, openPage, type Served, serve } from '../helpers/browser-mode';
import { chromiumForFile } from '../helpers/chromium';
import { projectRoot } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';
import { readVCards } from '../helpers/vcard-reader';

const screenshots = join(projectRoot, 'docs', 'screenshots');
const phones = {
  iPhone: {
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
  },
  Android: {
    userAgent:
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
    viewport: { width: 412, height: 915 },
    deviceScaleFactor: 2.625,
  },
} as const;

interface Device {
  readonly id: string;
  readonly name: string;
}

/** Demo account connected and synced, and the devices added, through the API (the UI flows for those have their own tests). */
async function prepared(served: Served) {
  await callApi(served, 'connectDemoAccount', {});
  await callApi(served, 'syncAccounts', {});
  const add = (name: string, platform: string) => callApi<Device>(served, 'addDevice', { name, platform });
  return {
    iphone: await add('iPhone', 'ios'),
    android: await add('Pixel', 'android'),
    twin: await add('Twin', 'android'),
  };
}

async function openDesktop(browser: Browser, served: Served): Promise<Page> {
  const { page, problems } = await openPage(browser, 'en-US');
  onTestFinished(() => expect(problems).toEqual([]));
  await page.goto(served.url);
  await page.getByRole('link', { name: 'Phones and export' }).click();
  await page.getByRole('button', { name: 'Export contacts…' }).first().waitFor();
  return page;
}

/**
 * The export wizard on the device's card: the period, the preview, then "Send by QR code";
 * returns what the desktop started.
 */
async function startFromWindow(page: Page, device: Device, period: string): Promise<HandoffStarted> {
  const card = page.getByRole('article', {
    name: new RegExp(`^${device.name} ${device.name === 'iPhone' ? 'iPhone' : 'Android'}`),
  });
  await card.getByRole('button', { name: 'Export contacts…' }).click();
  await page.getByRole('heading', { name: `Export to ${device.name}` }).waitFor();
  await page.getByLabel('First export: contacts changed in').selectOption(period);
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByRole('button', { name: 'Choose how to send' }).click();
  const response = page.waitForResponse((r) => r.url().endsWith('/api/startHandoff'));
  await page.getByRole('button', { name: 'Send by QR code' }).click();
  const envelope = (await (await response).json()) as { ok: boolean; value: HandoffStarted };
  expect(envelope.ok).toBe(true);
  return envelope.value;
}

/** What a phone camera does: finds the QR code in the window's pixels and decodes it. */
async function scanQr(page: Page): Promise<string> {
  const qr = page.getByRole('img', { name: 'QR code to scan with the phone' });
  await qr.waitFor();
  const png = PNG.sync.read(await qr.screenshot());
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (!decoded) throw new Error('No QR code could be read from the window');
  return decoded.data;
}

async function openPhone(browser: Browser, kind: keyof typeof phones, url: string) {
  const context = await browser.newContext({
    ...phones[kind],
    isMobile: true,
    hasTouch: true,
    locale: 'en-US',
    acceptDownloads: true,
  });
  onTestFinished(() => context.close());
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/** The desktop's own file export of the same selection, to a twin device: the oracle for the phone's bytes. */
async function fileExportBytes(served: Served, twin: Device, period: string): Promise<Buffer> {
  const outPath = join(tempDir(), 'twin.vcf');
  const result = await callApi<ExportResult>(served, 'exportToFile', { deviceId: twin.id, period, outPath });
  return readFileSync(result.file);
}

describe('export to a phone by QR code, in Chromium', () => {
  const theBrowser = chromiumForFile();

  it('Android: the window’s QR code opens the page on the LAN, the phone downloads exactly the export, and it is recorded', async () => {
    const browser = await theBrowser();
    const served = await serve();
    const { android, twin } = await prepared(served);
    const desktop = await openDesktop(browser, served);

    const started = await startFromWindow(desktop, android, 'all');
    const url = await scanQr(desktop);
    expect(url).toBe(started.url);
    const lanAddress = new URL(url).hostname;
    expect(lanAddress).not.toMatch(/^(127\.|localhost$)/);
    const desktopCode = await desktop.getByTestId('check-code').textContent();
    mkdirSync(screenshots, { recursive: true });
    await desktop.screenshot({ path: join(screenshots, 'desktop-handoff-qr.png') });

    const phone = await openPhone(browser, 'Android', url);
    expect(await phone.evaluate(() => (globalThis as { isSecureContext?: boolean }).isSecureContext)).toBe(false);
    await expect.poll(() => phone.getByTestId('check-code').textContent()).toBe(desktopCode);
    const importLink = phone.getByRole('link', { name: 'Import contacts' });
    await importLink.waitFor();
    await phone.getByText(`${started.preview.delivered.toLocaleString('en-US')} contacts`, { exact: true }).waitFor();
    await phone.screenshot({ path: join(screenshots, 'phone-android-received.png') });

    const download = phone.waitForEvent('download');
    await importLink.click();
    const file = await (await download).path();
    const received = readFileSync(file);
    const cards = readVCards(received.toString('utf8'));
    expect(cards).toHaveLength(started.preview.delivered);
    expect(new Set(cards.map((card) => card.text('UID'))).size).toBe(cards.length);
    expect((await download).suggestedFilename()).toMatch(/^amocrm-\d{4}-\d{2}-\d{2}\.vcf$/);

    // The desktop heard the phone's acknowledgement, recorded the delivery, and closed the door.
    await desktop
      .getByText(`Done: the phone received ${started.preview.delivered.toLocaleString('en-US')} contacts.`)
      .waitFor();
    const after = await callApi<ExportPreview>(served, 'previewExport', { deviceId: android.id });
    expect(after.delivered).toBe(0);
    await expect(fetch(url.replace(/#.*/, ''))).rejects.toThrow();
    expect(received.equals(await fileExportBytes(served, twin, 'all'))).toBe(true);
  });

  it('iPhone: the freshest contacts of the period via a data: link, the same code on both screens', async () => {
    const browser = await theBrowser();
    const served = await serve();
    const { iphone } = await prepared(served);
    const desktop = await openDesktop(browser, served);
    const started = await startFromWindow(desktop, iphone, '30d');
    expect(started.preview.delivered).toBeGreaterThan(0);
    expect(started.preview.delivered).toBeLessThanOrEqual(5000);
    const url = await scanQr(desktop);
    const desktopCode = await desktop.getByTestId('check-code').textContent();

    const phone = await openPhone(browser, 'iPhone', url);
    await expect.poll(() => phone.getByTestId('check-code').textContent()).toBe(desktopCode);
    // Several contacts on an iPhone: saved to the Files app (Safari's preview shows only the first).
    const importLink = phone.getByRole('link', { name: 'Save the contacts to Files' });
    await importLink.waitFor();
    expect(await importLink.getAttribute('href')).toMatch(/^data:application\/octet-stream,BEGIN%3AVCARD/);
    await phone.screenshot({ path: join(screenshots, 'phone-iphone-received.png') });

    const download = phone.waitForEvent('download');
    await importLink.click();
    const cards = readVCards(readFileSync(await (await download).path()).toString('utf8'));
    expect(cards).toHaveLength(started.preview.delivered);
    await desktop
      .getByText(`Done: the phone received ${started.preview.delivered.toLocaleString('en-US')} contacts.`)
      .waitFor();
  });

  it('cancelled on the desktop: nothing is recorded, the port closes, the next export offers the same contacts', async () => {
    const browser = await theBrowser();
    const served = await serve();
    const { android } = await prepared(served);
    const desktop = await openDesktop(browser, served);
    const started = await startFromWindow(desktop, android, 'all');
    const url = await scanQr(desktop);
    await desktop.getByRole('button', { name: 'Cancel' }).click();
    await desktop.getByText('Cancelled. Nothing was recorded: the next export sends the same contacts.').waitFor();
    await expect(fetch(url.replace(/#.*/, ''))).rejects.toThrow();
    const again = await callApi<ExportPreview>(served, 'previewExport', { deviceId: android.id, period: 'all' });
    expect(again.new).toBe(started.preview.new);
    // "Try again" opens a new handoff with a new code.
    await desktop.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(() => scanQr(desktop)).not.toBe(url);
  });
});
