/**
 * The companion phone page end to end in Chromium, against the desktop's real handoff
 * server (openHandoff, serving the built page: `npx electron-vite build` first). The
 * desktop's side is read where the desktop reads it: the check code, onStatus, the
 * acknowledgement (the ledger commit hangs on it) and the outcome.
 *
 * The page is opened on this machine's non-loopback address, so, as on a phone on Wi-Fi,
 * it is not a secure context (no crypto.subtle, no service worker). Only the service
 * worker's share flow runs on 127.0.0.1 (a secure origin, as over USB).
 */
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { Page, WebSocketRoute } from 'playwright-core';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  type HandoffServerOptions,
  type HandoffStatus,
  openHandoff,
} from '../../src/main/delivery/handoff/handoff-server';
import { loadPhoneAssets } from '../../src/main/delivery/handoff/phone-assets';
import { randomBytes, toBase64Url, tokenBytes } from '../../src/shared/handoff/crypto';
import { accessibilityViolations } from '../helpers/axe';
import { chromiumForFile } from '../helpers/chromium';
import { projectRoot } from '../helpers/cli';

const iPhoneSafari =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const androidChrome =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';

/** The first IPv4 address that is not loopback: what a QR would carry. */
function lanAddress(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4' && !address.internal) return address.address;
    }
  }
  throw new Error('This machine has no non-loopback IPv4 address to serve the phone page on.');
}

/** A vCard file as the desktop would send it: CRLF, Cyrillic, emoji, RTL, escapes, a folded line. */
function sampleVcard(count: number): { bytes: Uint8Array; names: string[] } {
  const names: string[] = [];
  let text = '';
  for (let i = 0; i < count; i++) {
    const name = i === 0 ? 'Анна Сергеевна 👩‍💼' : i === 1 ? 'محمد عبد الله' : `Контакт ${i + 1}`;
    names.push(name);
    text +=
      `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${name}\r\nN:;${name};;;\r\nTEL;TYPE=CELL:+7912${String(1000000 + i)}\r\n` +
      `NOTE:Звонить после 10\\, спросить про заказ\\nвторая строка и очень длинный текст чтобы строку приш\r\n лось сложить\r\n` +
      'CATEGORIES:acme\r\nEND:VCARD\r\n';
  }
  return { bytes: new TextEncoder().encode(text), names };
}

/** A real handoff of `vcard`, on the LAN address unless told otherwise; cancelled when the test ends. */
async function startHandoff(vcard = sampleVcard(2), overrides: Partial<HandoffServerOptions> = {}) {
  const address = lanAddress();
  const acks: number[] = [];
  const statuses: HandoffStatus[] = [];
  const handoff = await openHandoff({
    bindAddress: address,
    urlHost: address,
    content: {
      vcard: vcard.bytes,
      count: vcard.names.length,
      names: vcard.names,
      fileName: 'amo-acme.vcf',
      accounts: ['acme'],
    },
    assets: await loadPhoneAssets(join(projectRoot, 'out', 'renderer')),
    // What the desktop does here is write the ledger: record when it ran.
    onAcknowledged: () => {
      acks.push(Date.now());
    },
    onStatus: (status) => statuses.push(status),
    ...overrides,
  });
  onTestFinished(() => handoff.cancel().then(() => undefined));
  const host = new URL(handoff.url).hostname;
  return { handoff, vcard, acks, statuses, states: () => statuses.map((status) => status.state), host };
}

/** True when nothing listens on host:port any more (the handoff has ended). */
function portRefuses(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

type Frame = string | Buffer;
type Sides = { readonly page: WebSocketRoute; readonly server: WebSocketRoute };
const isAck = (frame: Frame) => typeof frame === 'string' && frame.includes('"type":"ack"');

/**
 * An interception at the protocol level (Playwright's routeWebSocket): the page's socket
 * still reaches the real server, but every frame passes through the test, which forwards
 * it, drops it (a hook returns null) or replaces it. Returns the page's frames per
 * connection (its hellos carry the client id). Playwright swaps the page's WebSocket for
 * its own shim to do this, so the happy paths run without it. Used only where the real
 * network cannot be made to misbehave on demand: a changed byte, a dropped connection, a
 * lost ack (the page acks within milliseconds, so "still connected" needs a lost ack).
 */
async function intercept(
  page: Page,
  hooks: {
    toServer?: (frame: Frame, connection: number) => Frame | null;
    toPage?: (frame: Frame, connection: number, sides: Sides) => Frame | null;
  },
): Promise<Frame[][]> {
  const fromPage: Frame[][] = [];
  await page.routeWebSocket(/\/ws\//, (ws) => {
    const server = ws.connectToServer();
    const sent: Frame[] = [];
    const connection = fromPage.push(sent);
    ws.onMessage((frame) => {
      sent.push(frame);
      const forward = hooks.toServer ? hooks.toServer(frame, connection) : frame;
      if (forward !== null) server.send(forward);
    });
    server.onMessage((frame) => {
      const forward = hooks.toPage ? hooks.toPage(frame, connection, { page: ws, server }) : frame;
      if (forward !== null) ws.send(forward);
    });
  });
  return fromPage;
}

/** The page's acks never reach the desktop: the page stays connected, waiting for "done". */
const holdAcks = (page: Page) => intercept(page, { toServer: (frame) => (isAck(frame) ? null : frame) });

const clientOf = (frames: Frame[] | undefined) =>
  (JSON.parse(String(frames?.find((frame) => String(frame).includes('"hello"')))) as { client: string }).client;

/** Every axe-core WCAG A/AA violation on the phone page (stricter than the desktop's "serious" bar). */
async function phoneViolations(page: Page): Promise<string[]> {
  return (await accessibilityViolations(page)).map((violation) => `${violation.id}: ${violation.help}`);
}

describe('the phone page against the real handoff server', () => {
  const theBrowser = chromiumForFile();

  async function phone(options: { userAgent: string; locale: 'en-US' | 'ru-RU'; colorScheme?: 'dark' }) {
    const context = await (await theBrowser()).newContext({
      ...options,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      acceptDownloads: true,
    });
    onTestFinished(() => context.close());
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      // Chromium fetches the manifest's icon on its own, at a time of its choosing: once the
      // handoff has ended and its port is closed, that fetch is refused, and that is expected.
      const lateIcon = /\/p\/app\/icon-/.test(message.location().url);
      if (message.type() === 'error' && !lateIcon) problems.push(`console error: ${message.text()}`);
    });
    return { page, problems };
  }

  async function downloadedBytes(page: Page, linkName: string): Promise<{ bytes: Buffer; name: string }> {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: linkName }).click(),
    ]);
    return { bytes: readFileSync(await download.path()), name: download.suggestedFilename() };
  }

  const alert = (page: Page, text: string) => page.getByRole('alert').getByText(text).waitFor();

  it('Android: check code, names, a blob: download byte-identical to the vCard sent, the ack recorded, then the port closes', async () => {
    const { handoff, vcard, acks, states, host } = await startHandoff(sampleVcard(12));
    const { page, problems } = await phone({ userAgent: androidChrome, locale: 'en-US' });
    // Watched, not intercepted: the frames the page sends, as the browser's network log sees them.
    const sent: string[] = [];
    page.on('websocket', (socket) => socket.on('framesent', (frame) => sent.push(String(frame.payload))));
    await page.goto(handoff.url);

    // As on a phone on Wi-Fi: not a secure context, so no WebCrypto and no service worker.
    expect(await page.evaluate("[isSecureContext, typeof crypto.subtle, 'serviceWorker' in navigator]")).toEqual([
      false,
      'undefined',
      false,
    ]);
    await expect.poll(() => page.getByTestId('check-code').textContent()).toBe(handoff.checkCode);
    await page.getByText('It must match the code on your computer.').waitFor();
    await page.getByText('12 contacts').waitFor();
    await page.getByText('From: acme').waitFor();
    for (const name of vcard.names.slice(0, 8)) await page.getByText(name, { exact: true }).waitFor();
    await page.getByText('and 4 more').waitFor();
    await page.getByRole('status').getByText('Contacts received; your computer has noted it.').waitFor();
    await page.getByText('Tap Open on the download, then choose Contacts, then the account to save to.').waitFor();
    // The desktop wrote its ledger before it told the page "done".
    expect(acks).toHaveLength(1);
    expect(await handoff.outcome).toEqual({ kind: 'acknowledged' });
    expect(states()).toEqual(['connected', 'sent', 'acknowledged']);

    // The key left the address bar (it stays in this tab's sessionStorage).
    expect(new URL(page.url()).hash).toBe('');
    // One hello (the ack follows), deflate-raw offered (Chromium has DecompressionStream).
    const hellos = sent.filter((frame) => frame.includes('"hello"')).map((frame) => JSON.parse(frame));
    expect(hellos).toHaveLength(1);
    expect(hellos[0].accepts).toEqual(['deflate-raw']);

    const link = page.getByRole('link', { name: 'Import contacts' });
    expect(await link.getAttribute('href')).toMatch(/^blob:/);
    const saved = await downloadedBytes(page, 'Import contacts');
    expect(saved.name).toBe('amo-acme.vcf');
    expect(saved.bytes.equals(Buffer.from(vcard.bytes))).toBe(true);

    expect(await phoneViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    // The handoff is over: nothing listens on its port any more.
    expect(await portRefuses(host, handoff.port)).toBe(true);
  });

  it('iPhone, in Russian, dark: several contacts are saved to Files (a data: link, byte-identical), with the steps there', async () => {
    const { handoff, vcard, acks } = await startHandoff(sampleVcard(3));
    const { page, problems } = await phone({ userAgent: iPhoneSafari, locale: 'ru-RU', colorScheme: 'dark' });
    await page.goto(handoff.url);
    await page.getByText('Он должен совпадать с кодом на вашем компьютере.').waitFor();
    expect(await page.getByTestId('check-code').textContent()).toBe(handoff.checkCode);
    await page.getByText('3 контакта', { exact: true }).waitFor();
    await page.getByText('Откройте приложение «Файлы», затем «Загрузки», и нажмите на amo-acme.vcf.').waitFor();
    expect(await page.locator('#import-steps li').allTextContents()).toEqual([
      'Нажмите «Сохранить в „Файлы“». Если Safari спросит, нажмите «Загрузить».',
      'Откройте приложение «Файлы», затем «Загрузки», и нажмите на amo-acme.vcf.',
      'Нажмите «Добавить все контакты (3)».',
      'В «Контактах» появятся 3 контакта: найдите любой по имени, чтобы проверить.',
    ]);
    const link = page.getByRole('link', { name: 'Сохранить в «Файлы»' });
    expect(await link.getAttribute('href')).toMatch(/^data:application\/octet-stream,BEGIN%3AVCARD%0D%0A/);
    expect(await link.getAttribute('download')).toBe('amo-acme.vcf');
    const saved = await downloadedBytes(page, 'Сохранить в «Файлы»');
    expect(saved.bytes.equals(Buffer.from(vcard.bytes))).toBe(true);
    expect(await handoff.outcome).toEqual({ kind: 'acknowledged' });
    expect(acks).toHaveLength(1);
    // The dark theme's colours pass the contrast checks too.
    expect(await phoneViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('a reload (key no longer in the address) finds the key again and completes with the same client id', async () => {
    const { handoff, acks } = await startHandoff();
    const { page } = await phone({ userAgent: androidChrome, locale: 'en-US' });
    // The first ack is lost, so the handoff is still open when the person reloads.
    const frames = await intercept(page, { toServer: (frame, n) => (n === 1 && isAck(frame) ? null : frame) });
    await page.goto(handoff.url);
    await page.getByText('Telling your computer the contacts arrived…').waitFor();
    expect(new URL(page.url()).hash).toBe('');
    await page.reload();
    await expect.poll(() => page.getByTestId('check-code').textContent()).toBe(handoff.checkCode);
    await page.getByText('Contacts received; your computer has noted it.').waitFor();
    expect(await handoff.outcome).toEqual({ kind: 'acknowledged' });
    expect(acks).toHaveLength(1);
    expect(clientOf(frames[1])).toBe(clientOf(frames[0]));
  });

  it('a tampered ciphertext: "could not be decrypted", the desktop hears phone-failed (decrypt), no ack', async () => {
    const { handoff, acks, statuses } = await startHandoff();
    const { page } = await phone({ userAgent: androidChrome, locale: 'en-US' });
    // One bit of the sealed payload (the only binary frame) flipped on the way.
    await intercept(page, {
      toPage: (frame) => {
        if (typeof frame === 'string') return frame;
        const changed = Buffer.from(frame);
        changed[changed.length - 20] = (changed[changed.length - 20] as number) ^ 0x40;
        return changed;
      },
    });
    await page.goto(handoff.url);
    await alert(page, 'The contacts could not be decrypted. Scan the QR code again.');
    await expect
      .poll(() => statuses)
      .toContainEqual(expect.objectContaining({ state: 'phone-failed', phoneFailure: 'decrypt' }));
    expect(acks).toEqual([]);
    expect(await page.getByRole('link', { name: 'Import contacts' }).count()).toBe(0);
  });

  it('a dropped connection: "lost" with Retry, which reconnects with the same client id and receives again', async () => {
    const { handoff, acks } = await startHandoff();
    const { page } = await phone({ userAgent: androidChrome, locale: 'en-US' });
    // The first connection drops as the payload is announced (1006: no close frame, as when Wi-Fi goes).
    const frames = await intercept(page, {
      toPage: (frame, n, sides) => {
        if (n > 1) return frame;
        void sides.page.close({ code: 1006 });
        void sides.server.close();
        return null;
      },
    });
    await page.goto(handoff.url);
    await alert(page, 'The connection to the computer was lost.');
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.getByText('2 contacts').waitFor();
    await page.getByText('Contacts received; your computer has noted it.').waitFor();
    expect(frames).toHaveLength(2);
    expect(clientOf(frames[1])).toBe(clientOf(frames[0]));
    expect(await handoff.outcome).toEqual({ kind: 'acknowledged' });
    expect(acks).toHaveLength(1);
  });

  it('an in-app browser (Instagram): the "open in Safari" notice first, no connection until the user continues', async () => {
    const { handoff, acks, states } = await startHandoff(sampleVcard(1));
    const instagram = `${iPhoneSafari.replace(' Safari/604.1', '')} Instagram 337.0.3.23.54 (iPhone14,5; iOS 17_5; en_US; en)`;
    const { page } = await phone({ userAgent: instagram, locale: 'en-US' });
    await page.goto(handoff.url);
    await page.getByText('Open this page in Safari: tap the … menu → Open in browser.', { exact: false }).waitFor();
    // "Open in browser" must carry the key: it stays in the address until the user continues here.
    expect(new URL(page.url()).hash).toMatch(/^#k=/);
    expect(states()).toEqual([]);
    await page.getByRole('button', { name: 'Continue here anyway' }).click();
    await page.getByText('1 contact', { exact: true }).waitFor();
    expect(await page.getByRole('link', { name: 'Import contacts' }).getAttribute('href')).toMatch(/^data:text\/vcard/);
    expect(await handoff.outcome).toEqual({ kind: 'acknowledged' });
    expect(acks).toHaveLength(1);
  });

  it('busy: a second phone, while the first holds the handoff, is told another phone is receiving', async () => {
    const { handoff, acks } = await startHandoff();
    const first = await phone({ userAgent: androidChrome, locale: 'en-US' });
    await holdAcks(first.page); // the first phone stays connected
    await first.page.goto(handoff.url);
    await first.page.getByText('Telling your computer the contacts arrived…').waitFor();
    const second = await phone({ userAgent: androidChrome, locale: 'en-US' });
    await second.page.goto(handoff.url);
    await alert(second.page, 'Another phone is already receiving these contacts.');
    expect(acks).toEqual([]);
  });

  it('a URL with another token: the server’s "no longer valid" page, in both languages', async () => {
    const { handoff, states } = await startHandoff();
    const { page } = await phone({ userAgent: androidChrome, locale: 'en-US' });
    const other = new URL(handoff.url);
    other.pathname = `/p/${toBase64Url(randomBytes(tokenBytes))}`;
    const response = await page.goto(other.href);
    expect(response?.status()).toBe(404);
    await page.getByText('This QR code is no longer valid. Show a new one on your computer.').waitFor();
    await page.getByText('Этот QR-код больше не действует. Покажите новый на компьютере.').waitFor();
    expect(states()).toEqual([]);
  });

  it('a garbled key: asks for a new scan and never connects', async () => {
    const { handoff, states } = await startHandoff();
    const { page } = await phone({ userAgent: androidChrome, locale: 'en-US' });
    await page.goto(handoff.url.replace(/#k=.*$/, '#k=garbled'));
    await alert(page, 'This page has no key to decrypt the contacts. Scan the QR code again.');
    expect(states()).toEqual([]);
  });

  it('cancelled on the desktop while the page is connected: the page says so, and the port closes', async () => {
    const { handoff, acks, host } = await startHandoff();
    const { page } = await phone({ userAgent: androidChrome, locale: 'en-US' });
    await holdAcks(page);
    await page.goto(handoff.url);
    await page.getByText('Telling your computer the contacts arrived…').waitFor();
    expect(await handoff.cancel()).toEqual({ kind: 'cancelled' });
    await alert(page, 'The transfer was cancelled on your computer.');
    expect(acks).toEqual([]);
    expect(await portRefuses(host, handoff.port)).toBe(true);
  });

  it('expired while the page is connected: the page says so, and the port closes', async () => {
    const { handoff, acks, host } = await startHandoff(sampleVcard(2), { ttlMs: 2000 });
    const { page } = await phone({ userAgent: androidChrome, locale: 'en-US' });
    await holdAcks(page);
    await page.goto(handoff.url);
    await page.getByText('Telling your computer the contacts arrived…').waitFor();
    await alert(page, 'This QR code has expired: show a new one on your computer.');
    expect(await handoff.outcome).toEqual({ kind: 'expired' });
    expect(acks).toEqual([]);
    expect(await portRefuses(host, handoff.port)).toBe(true);
  });

  it('installed app on a secure origin (127.0.0.1, as over USB): the service worker takes a shared .vcf to /p/share', async () => {
    const { handoff } = await startHandoff(sampleVcard(1), { bindAddress: '127.0.0.1', urlHost: '127.0.0.1' });
    const origin = new URL(handoff.url).origin;
    const { page, problems } = await phone({ userAgent: androidChrome, locale: 'en-US' });
    await page.goto(`${origin}/p/`);
    await page.getByText('Contacts from your computer').waitFor();
    // Registered only where the browser has service workers (a secure context): here it does.
    await page.evaluate('navigator.serviceWorker.ready.then(() => undefined)');
    await page.reload(); // now controlled by the worker
    await expect.poll(() => page.evaluate('navigator.serviceWorker.controller !== null')).toBe(true);

    const shared =
      'BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D0=9F=D0=B5=D1=82=D1=80\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Smith\\, John\r\nEND:VCARD\r\n';
    // What Android does for share_target: a multipart POST to /p/share. The worker answers it
    // (303 → /p/share); the server itself would say 405 to a POST.
    const landed = await page.evaluate(async (text) => {
      const form = new FormData();
      form.append('vcf', new File([text], 'shared.vcf', { type: 'text/vcard' }));
      const response = await fetch('/p/share', { method: 'POST', body: form });
      return { status: response.status, redirected: response.redirected, path: new URL(response.url).pathname };
    }, shared);
    expect(landed).toEqual({ status: 200, redirected: true, path: '/p/share' });
    await page.goto(`${origin}/p/share`);
    await page.getByText('2 contacts').waitFor();
    await page.getByText('Петр', { exact: true }).waitFor();
    await page.getByText('Smith, John', { exact: true }).waitFor();
    const saved = await downloadedBytes(page, 'Import contacts');
    expect(saved.name).toBe('shared.vcf');
    expect(saved.bytes.toString('utf8')).toBe(shared);
    expect(problems).toEqual([]);
  });
});
