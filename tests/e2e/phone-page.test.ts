/**
 * The companion phone page end to end in Chromium, against a STAND-IN for the desktop's
 * handoff server (defined below, in this file): it serves the built page
 * (`npx electron-vite build` first) the way the real server will, and speaks the handoff
 * protocol with the shared crypto (src/shared/handoff). The real server's own end-to-end
 * test lives with it; this one checks the page.
 *
 * The page is opened on this machine's non-loopback address, so, as on a phone on Wi-Fi,
 * it is not a secure context (no crypto.subtle, no service worker).
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { networkInterfaces } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import {
  ackPlaintext,
  checkCode,
  fromBase64Url,
  keyBytes,
  open,
  packPlaintext,
  randomBytes,
  seal,
  toBase64Url,
  tokenBytes,
} from '../../src/shared/handoff/crypto';
import {
  closeCodes,
  type HandoffMeta,
  type HelloMessage,
  type PhoneMessage,
  parsePhoneMessage,
} from '../../src/shared/handoff/protocol';
import { launchChromium } from '../helpers/chromium';
import { projectRoot } from '../helpers/cli';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const rendererDir = join(projectRoot, 'out', 'renderer');
const phoneHtml = join(rendererDir, 'phone', 'index.html');

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

type Mode = 'normal' | 'tamper' | 'drop-first' | 'busy';

/** One handoff the stand-in offers, and what the page did with it. */
interface StandInHandoff {
  readonly token: string;
  readonly key: Uint8Array;
  readonly vcard: Uint8Array;
  readonly meta: HandoffMeta;
  readonly mode: Mode;
  readonly hellos: HelloMessage[];
  /** Each ack's proof checked with the key: true when it opened to "ack". */
  readonly acks: boolean[];
  readonly failed: string[];
  connections: number;
}

interface StandIn {
  readonly origin: string;
  readonly add: (mode: Mode, vcard: { bytes: Uint8Array; names: string[] }) => StandInHandoff;
  readonly qrUrl: (handoff: StandInHandoff) => string;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

/** A file under `dir`, or null for a path that leaves it or does not exist. */
function fileUnder(dir: string, relative: string): Buffer | null {
  const path = normalize(join(dir, relative));
  if (!path.startsWith(`${dir}/`)) return null;
  try {
    return readFileSync(path);
  } catch {
    return null;
  }
}

/**
 * STAND-IN for the desktop's handoff server: the paths the page needs, and the protocol
 * from the desktop's side (hello → payload + sealed box → ack → done).
 */
async function startStandIn(address = lanAddress()): Promise<StandIn> {
  const handoffs = new Map<string, StandInHandoff>();

  const serveFile = (response: ServerResponse, body: Buffer | null, name: string) => {
    if (body === null) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'content-type': contentTypes[extname(name)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    response.end(body);
  };

  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (/^\/p\/[A-Za-z0-9_-]{16,}$/.test(path) || path === '/p/share' || path === '/p/') {
      serveFile(response, readFileSync(phoneHtml), 'index.html');
    } else if (path.startsWith('/assets/')) {
      // The built page refers to its scripts as ../assets/NAME: /assets/NAME from /p/TOKEN.
      serveFile(response, fileUnder(join(rendererDir, 'assets'), path.slice('/assets/'.length)), path);
    } else if (path.startsWith('/p/app/')) {
      serveFile(response, fileUnder(join(rendererDir, 'phone-app'), path.slice('/p/app/'.length)), path);
    } else if (path === '/p/sw.js') {
      serveFile(response, fileUnder(join(rendererDir, 'phone-app'), 'sw.js'), path);
    } else {
      response.writeHead(404).end();
    }
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  server.on('upgrade', (request, socket, head) => {
    const token = /^\/ws\/([A-Za-z0-9_-]+)$/.exec(request.url ?? '')?.[1];
    const handoff = token === undefined ? undefined : handoffs.get(token);
    sockets.handleUpgrade(request, socket, head, (ws) => {
      if (!handoff) {
        ws.send(JSON.stringify({ type: 'refused', reason: 'unknown-token' }));
        ws.close(closeCodes['unknown-token']);
        return;
      }
      converse(ws, handoff);
    });
  });

  function converse(ws: WebSocket, handoff: StandInHandoff): void {
    handoff.connections++;
    const connection = handoff.connections;
    ws.on('message', (data: RawData, isBinary: boolean) => {
      const message: PhoneMessage | null = isBinary ? null : parsePhoneMessage(String(data));
      if (message === null) {
        ws.send(JSON.stringify({ type: 'refused', reason: 'bad-message' }));
        ws.close(closeCodes['bad-message']);
        return;
      }
      switch (message.type) {
        case 'hello': {
          handoff.hellos.push(message);
          if (handoff.mode === 'busy') {
            ws.send(JSON.stringify({ type: 'refused', reason: 'busy' }));
            ws.close(closeCodes.busy);
            return;
          }
          if (handoff.mode === 'drop-first' && connection === 1) {
            ws.terminate(); // the Wi-Fi drops: no close frame (1006 at the page)
            return;
          }
          const plaintext = packPlaintext(JSON.stringify(handoff.meta), handoff.vcard);
          const deflate = message.accepts.includes('deflate-raw');
          const box = seal(handoff.key, handoff.token, 'payload', deflate ? deflateRawSync(plaintext) : plaintext);
          if (handoff.mode === 'tamper') box[box.length - 20] = (box[box.length - 20] as number) ^ 0x40;
          ws.send(
            JSON.stringify({ type: 'payload', encoding: deflate ? 'deflate-raw' : 'identity', size: box.length }),
          );
          ws.send(box);
          return;
        }
        case 'ack': {
          const proof = fromBase64Url(message.proof);
          const opened = proof === null ? null : open(handoff.key, handoff.token, 'ack', proof);
          const valid = opened !== null && Buffer.from(opened).equals(Buffer.from(ackPlaintext));
          handoff.acks.push(valid);
          if (valid) {
            ws.send(JSON.stringify({ type: 'done' }));
            ws.close(closeCodes.done);
          } else {
            ws.send(JSON.stringify({ type: 'refused', reason: 'bad-proof' }));
            ws.close(closeCodes['bad-proof']);
          }
          return;
        }
        case 'failed':
          handoff.failed.push(message.reason);
          ws.close(1000);
          return;
      }
    });
  }

  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  const port = (server.address() as { port: number }).port;
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const origin = `http://${address}:${port}`;
  return {
    origin,
    add(mode, vcard) {
      const handoff: StandInHandoff = {
        token: toBase64Url(randomBytes(tokenBytes)),
        key: randomBytes(keyBytes),
        vcard: vcard.bytes,
        meta: { v: 1, count: vcard.names.length, names: vcard.names, fileName: 'amo-acme.vcf', accounts: ['acme'] },
        mode,
        hellos: [],
        acks: [],
        failed: [],
        connections: 0,
      };
      handoffs.set(handoff.token, handoff);
      return handoff;
    },
    qrUrl: (handoff) => `${origin}/p/${handoff.token}#k=${toBase64Url(handoff.key)}`,
  };
}

/** axe-core's WCAG A/AA violations on the page as it is now (evaluated, so the page's CSP does not apply). */
async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (options: unknown) => Promise<{ violations: { id: string; help: string }[] }> };
      }
    ).axe;
    const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((violation) => `${violation.id}: ${violation.help}`);
  });
}

describe('the phone page against a stand-in desktop', () => {
  let launched: Promise<Browser> | undefined;
  const theBrowser = () => {
    launched ??= launchChromium();
    return launched;
  };
  afterAll(async () => {
    await (await launched?.catch(() => undefined))?.close();
  });

  async function phone(options: {
    userAgent: string;
    locale: 'en-US' | 'ru-RU';
  }): Promise<{ page: Page; problems: string[] }> {
    const browser = await theBrowser();
    const context: BrowserContext = await browser.newContext({
      userAgent: options.userAgent,
      locale: options.locale,
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
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    return { page, problems };
  }

  async function downloadedBytes(page: Page, linkName: string | RegExp): Promise<{ bytes: Buffer; name: string }> {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: linkName }).click(),
    ]);
    return { bytes: readFileSync(await download.path()), name: download.suggestedFilename() };
  }

  it('Android: check code, names, a blob: download byte-identical to the vCard sent, and a valid ack', async () => {
    const standIn = await startStandIn();
    const vcard = sampleVcard(12);
    const handoff = standIn.add('normal', vcard);
    const { page, problems } = await phone({ userAgent: androidChrome, locale: 'en-US' });
    await page.goto(standIn.qrUrl(handoff));

    // As on a phone on Wi-Fi: not a secure context, so no WebCrypto and no service worker.
    expect(await page.evaluate("[isSecureContext, typeof crypto.subtle, 'serviceWorker' in navigator]")).toEqual([
      false,
      'undefined',
      false,
    ]);
    await expect.poll(() => page.getByTestId('check-code').textContent()).toBe(checkCode(handoff.key, handoff.token));
    await page.getByText('It must match the code on your computer.').waitFor();
    await page.getByText('12 contacts').waitFor();
    await page.getByText('From: acme').waitFor();
    for (const name of vcard.names.slice(0, 8)) await page.getByText(name, { exact: true }).waitFor();
    await page.getByText('and 4 more').waitFor();
    await page.getByRole('status').getByText('Received. Your computer has recorded the delivery.').waitFor();
    await page.getByText('Tap Open on the download, then choose Contacts, then the account to save to.').waitFor();

    // The key left the address bar (it stays in this tab's sessionStorage).
    expect(new URL(page.url()).hash).toBe('');
    // One hello, a protocol-valid client id, deflate-raw offered (Chromium has DecompressionStream).
    expect(handoff.hellos).toHaveLength(1);
    expect(handoff.hellos[0]?.accepts).toEqual(['deflate-raw']);
    expect(handoff.acks).toEqual([true]);

    const link = page.getByRole('link', { name: 'Import contacts' });
    expect(await link.getAttribute('href')).toMatch(/^blob:/);
    const saved = await downloadedBytes(page, 'Import contacts');
    expect(saved.name).toBe('amo-acme.vcf');
    expect(saved.bytes.equals(Buffer.from(vcard.bytes))).toBe(true);

    expect(await accessibilityViolations(page)).toEqual([]);

    // A reload (fragment gone) still finds the key: the check code comes back.
    await page.reload();
    await expect.poll(() => page.getByTestId('check-code').textContent()).toBe(checkCode(handoff.key, handoff.token));
    expect(problems).toEqual([]);
  });

  it('iPhone, in Russian: a data: link whose download is byte-identical, with the iOS steps', async () => {
    const standIn = await startStandIn();
    const vcard = sampleVcard(3);
    const handoff = standIn.add('normal', vcard);
    const { page, problems } = await phone({ userAgent: iPhoneSafari, locale: 'ru-RU' });
    await page.goto(standIn.qrUrl(handoff));
    await page.getByText('Он должен совпадать с кодом на вашем компьютере.').waitFor();
    await page.getByText('3 контакта').waitFor();
    await page
      .getByText('Нажмите «Импортировать контакты», затем «Добавить все контакты (3)» / «Создать новые контакты».')
      .waitFor();
    const link = page.getByRole('link', { name: 'Импортировать контакты' });
    expect(await link.getAttribute('href')).toMatch(/^data:text\/vcard;charset=utf-8,BEGIN%3AVCARD%0D%0A/);
    expect(await link.getAttribute('download')).toBe('amo-acme.vcf');
    const saved = await downloadedBytes(page, 'Импортировать контакты');
    expect(saved.bytes.equals(Buffer.from(vcard.bytes))).toBe(true);
    expect(handoff.acks).toEqual([true]);
    expect(problems).toEqual([]);
  });

  it('a tampered ciphertext: "could not be decrypted", the stand-in hears "failed: decrypt", no ack', async () => {
    const standIn = await startStandIn();
    const handoff = standIn.add('tamper', sampleVcard(2));
    const { page } = await phone({ userAgent: androidChrome, locale: 'en-US' });
    await page.goto(standIn.qrUrl(handoff));
    await page.getByRole('alert').getByText('The contacts could not be decrypted. Scan the QR code again.').waitFor();
    await expect.poll(() => handoff.failed).toEqual(['decrypt']);
    expect(handoff.acks).toEqual([]);
    expect(await page.getByRole('link', { name: 'Import contacts' }).count()).toBe(0);
  });

  it('a dropped connection: "lost" with Retry, which reconnects with the same client id and completes', async () => {
    const standIn = await startStandIn();
    const vcard = sampleVcard(2);
    const handoff = standIn.add('drop-first', vcard);
    const { page } = await phone({ userAgent: androidChrome, locale: 'en-US' });
    await page.goto(standIn.qrUrl(handoff));
    await page.getByRole('alert').getByText('The connection to the computer was lost.').waitFor();
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.getByText('2 contacts').waitFor();
    expect(handoff.hellos).toHaveLength(2);
    expect(handoff.hellos[1]?.client).toBe(handoff.hellos[0]?.client);
    expect(handoff.acks).toEqual([true]);
  });

  it('an in-app browser (Instagram): the "open in Safari" notice first, no connection until the user continues', async () => {
    const standIn = await startStandIn();
    const handoff = standIn.add('normal', sampleVcard(1));
    const instagram = `${iPhoneSafari.replace(' Safari/604.1', '')} Instagram 337.0.3.23.54 (iPhone14,5; iOS 17_5; en_US; en)`;
    const { page } = await phone({ userAgent: instagram, locale: 'en-US' });
    await page.goto(standIn.qrUrl(handoff));
    await page.getByText('Open this page in Safari: tap the … menu → Open in browser.', { exact: false }).waitFor();
    // "Open in browser" must carry the key: it stays in the address until the user continues here.
    expect(new URL(page.url()).hash).toMatch(/^#k=/);
    expect(handoff.connections).toBe(0);
    await page.getByRole('button', { name: 'Continue here anyway' }).click();
    await page.getByText('1 contact', { exact: true }).waitFor();
    expect(await page.getByRole('link', { name: 'Import contacts' }).getAttribute('href')).toMatch(/^data:text\/vcard/);
    expect(handoff.acks).toEqual([true]);
  });

  it('installed app on a secure origin (localhost, as over USB): the service worker takes a shared .vcf to /p/share', async () => {
    const standIn = await startStandIn('127.0.0.1');
    const { page, problems } = await phone({ userAgent: androidChrome, locale: 'en-US' });
    await page.goto(`${standIn.origin}/p/`);
    await page.getByText('Contacts from your computer').waitFor();
    // Registered only where the browser has service workers (a secure context): here it does.
    await page.evaluate('navigator.serviceWorker.ready.then(() => undefined)');
    await page.reload(); // now controlled by the worker
    await expect.poll(() => page.evaluate('navigator.serviceWorker.controller !== null')).toBe(true);

    const shared =
      'BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D0=9F=D0=B5=D1=82=D1=80\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Smith\\, John\r\nEND:VCARD\r\n';
    // What Android does for share_target: a multipart POST to /p/share (the worker answers 303 → /p/share).
    const landed = await page.evaluate(async (text) => {
      const form = new FormData();
      form.append('vcf', new File([text], 'shared.vcf', { type: 'text/vcard' }));
      const response = await fetch('/p/share', { method: 'POST', body: form });
      return { redirected: response.redirected, path: new URL(response.url).pathname };
    }, shared);
    expect(landed).toEqual({ redirected: true, path: '/p/share' });
    await page.goto(`${standIn.origin}/p/share`);
    await page.getByText('2 contacts').waitFor();
    await page.getByText('Петр', { exact: true }).waitFor();
    await page.getByText('Smith, John', { exact: true }).waitFor();
    const saved = await downloadedBytes(page, 'Import contacts');
    expect(saved.name).toBe('shared.vcf');
    expect(saved.bytes.toString('utf8')).toBe(shared);
    expect(problems).toEqual([]);
  });

  it('refusals: busy, and an unknown token, each with its own message; a missing key asks for a new scan', async () => {
    const standIn = await startStandIn();
    const busy = standIn.add('busy', sampleVcard(1));
    const { page } = await phone({ userAgent: androidChrome, locale: 'en-US' });
    await page.goto(standIn.qrUrl(busy));
    await page.getByRole('alert').getByText('Another phone is already receiving these contacts.').waitFor();

    const unknown = `${standIn.origin}/p/${toBase64Url(randomBytes(tokenBytes))}#k=${toBase64Url(randomBytes(keyBytes))}`;
    await page.goto(unknown);
    await page
      .getByRole('alert')
      .getByText('This QR code is no longer valid: show a new one on your computer.')
      .waitFor();

    await page.goto(`${standIn.origin}/p/${toBase64Url(randomBytes(tokenBytes))}#k=garbled`);
    await page.getByRole('alert').getByText('Scan the QR code again.', { exact: false }).waitFor();
  });
});
