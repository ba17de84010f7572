/**
 * The companion page in WebKit, the engine of every iPhone browser (Debian's WebKitGTK over
 * WebDriver, an iPhone's user agent, a 390x844 viewport at device pixel ratio 3). Chromium
 * with an iPhone viewport is not WebKit: this is where an API missing on an insecure origin,
 * a download that behaves otherwise, or a script feature the engine lacks shows up.
 *
 * The desktop side is the real CLI (`export --qr`, a sandbox amoCRM): its QR code is read
 * from the terminal's characters, as a camera would, and opened on this machine's LAN
 * address, so the page is not a secure context, as on Wi-Fi. `export --qr` needs a LAN
 * address (the CLI refuses without one); the refusal tests open the handoff server
 * themselves and, on a machine with only loopback, reach it through the proxy route.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { openHandoff } from '../../src/main/delivery/handoff/handoff-server';
import { loadPhoneAssets } from '../../src/main/delivery/handoff/phone-assets';
import { addAccountWithToken, cliPath, projectRoot, runCli, startCliServer, terminalEnv } from '../helpers/cli';
import { connectPhone, scan } from '../helpers/handoff-phone';
import { startPhoneProxy } from '../helpers/phone-proxy';
import { tempDir } from '../helpers/temp-dir';
import { readTerminalQr } from '../helpers/terminal-qr';
import { readVCards } from '../helpers/vcard-reader';
import { openWebKitPhone, startXvfb } from '../helpers/webkit';
import {
  problems,
  screenshotsInBothLanguages,
  textsOf,
  until,
  waitForText,
  watchProblems,
} from '../helpers/webkit-page';

let display = '';
let stopXvfb = () => {};
let sandbox: ReturnType<typeof startCliServer> | undefined;
let sandboxLine: { baseUrl: string; tokens: Record<string, string> } | undefined;

beforeAll(async () => {
  sandbox = startCliServer(['sandbox', '--port', '0', '--contacts', '40', '--seed', 'webkit']);
  const xvfb = await startXvfb();
  display = xvfb.display;
  stopXvfb = xvfb.stop;
  sandboxLine = JSON.parse(await sandbox.firstLine);
});
afterAll(async () => {
  stopXvfb();
  await sandbox?.stop();
});

const cli = (dataDir: string, ...args: string[]) => runCli(['--data-dir', dataDir, '--json', ...args]);

/** A data folder with the sandbox account synced and two iPhones: the one scanning and its twin (the oracle). */
async function desktop() {
  const dataDir = tempDir();
  expect(
    (await addAccountWithToken(dataDir, sandboxLine?.baseUrl ?? '', sandboxLine?.tokens['admin'] ?? '')).code,
  ).toBe(0);
  expect((await cli(dataDir, 'sync')).code).toBe(0);
  for (const name of ['iPhone', 'Twin']) {
    expect((await cli(dataDir, 'device', 'add', '--name', name, '--platform', 'ios')).code).toBe(0);
  }
  const preview = async (device: string) =>
    JSON.parse((await cli(dataDir, 'export', '--device', device, '--period', 'all', '--dry-run')).stdout) as {
      delivered: number;
    };
  return { dataDir, preview };
}

/** `export --qr` in its own process, as a user runs it; resolves once the QR code and the check code are on screen. */
function exportByQr(dataDir: string): { child: ChildProcess; shown: Promise<{ terminal: string; checkCode: string }> } {
  const args = ['--data-dir', dataDir, '--json', 'export', '--device', 'iphone', '--period', 'all', '--qr'];
  const child = spawn(process.execPath, [cliPath, ...args], {
    cwd: projectRoot,
    env: terminalEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  onTestFinished(() => {
    if (child.exitCode === null) child.kill('SIGTERM');
  });
  let stderr = '';
  const shown = new Promise<{ terminal: string; checkCode: string }>((resolve, reject) => {
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      const checkCode = /Check code: (\d{3} \d{3})/.exec(stderr)?.[1];
      if (checkCode) resolve({ terminal: stderr, checkCode });
    });
    child.on('close', (code) => reject(new Error(`export --qr ended (${code}) before showing its QR code: ${stderr}`)));
  });
  return { child, shown };
}

function ended(child: ChildProcess): Promise<{ code: number | null; stdout: string }> {
  let stdout = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout })));
}

/** The first non-loopback IPv4 address, or null on a machine with only loopback. */
function lanAddress(): string | null {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) if (address.family === 'IPv4' && !address.internal) return address.address;
  }
  return null;
}

/**
 * A handoff of three cards opened by the test, on the LAN address; where there is only
 * loopback (or `loopbackRoute`), on 127.0.0.1 under the made-up name phone.test, which the
 * proxy resolves: an insecure origin either way.
 */
async function testHandoff(options: { ttlMs?: number; holdPhoneMessages?: boolean; loopbackRoute?: boolean } = {}) {
  const lan = options.loopbackRoute ? null : lanAddress();
  const names = ['Анна Сергеевна', 'Richard Anderson', 'Илья Прокофьев'];
  const vcard = names
    .map((name) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${name}\r\nN:;${name};;;\r\nEND:VCARD\r\n`)
    .join('');
  const acks: number[] = [];
  const handoff = await openHandoff({
    bindAddress: lan ?? '127.0.0.1',
    urlHost: lan ?? 'phone.test',
    content: { vcard: new TextEncoder().encode(vcard), count: 3, names, fileName: 'amo.vcf', accounts: ['acme'] },
    assets: await loadPhoneAssets(join(projectRoot, 'out', 'renderer')),
    onAcknowledged: () => {
      acks.push(Date.now());
    },
    ...(options.ttlMs === undefined ? {} : { ttlMs: options.ttlMs }),
  });
  onTestFinished(() => handoff.cancel().then(() => undefined));
  const needsProxy = lan === null || options.holdPhoneMessages === true;
  const proxy = needsProxy
    ? await startPhoneProxy({
        hosts: { 'phone.test': '127.0.0.1' },
        holdPhoneMessages: options.holdPhoneMessages === true,
      })
    : null;
  if (proxy) onTestFinished(proxy.close);
  const phone = await openWebKitPhone({ display, ...(proxy ? { httpProxy: proxy.address } : {}) });
  /** Where a Node client reaches the server (phone.test resolves only through the proxy). */
  const via = lan === null ? `127.0.0.1:${handoff.port}` : undefined;
  return { handoff, acks, phone, via };
}

describe('the companion page in WebKit, as on an iPhone', () => {
  it('the terminal’s QR code opens the page on the LAN; same check code; the import link saves exactly the export; the desktop records it', async () => {
    const { dataDir, preview } = await desktop();
    const expected = (await preview('iphone')).delivered;
    expect(expected).toBeGreaterThan(8);
    const run = exportByQr(dataDir);
    const exit = ended(run.child);
    const { terminal, checkCode } = await run.shown;
    const url = readTerminalQr(terminal);
    expect(url).toMatch(/^http:\/\/[\d.]+:\d+\/p\/[\w-]+#k=[\w-]+$/);
    expect(new URL(url ?? '').hostname).not.toMatch(/^127\./);

    const phone = await openWebKitPhone({ display });
    const { session } = phone;
    await session.navigate(url ?? '');
    await watchProblems(session);
    // As on Wi-Fi: an insecure origin, so no WebCrypto and no randomUUID in this engine either.
    expect(await session.execute('return [isSecureContext, typeof crypto.subtle, typeof crypto.randomUUID]')).toEqual([
      false,
      'undefined',
      'undefined',
    ]);
    expect(await session.execute('return [innerWidth, innerHeight, devicePixelRatio]')).toEqual([390, 844, 3]);

    await waitForText(session, '[data-testid="check-code"]', checkCode);
    await waitForText(session, '[role="status"]', 'Contacts received; your computer has noted it.');
    await waitForText(session, '#summary-count', `${expected} contacts`);
    // The key left the address bar (replaceState), kept for a reload in this tab's sessionStorage.
    expect(new URL(await session.currentUrl()).hash).toBe('');
    // The names the desktop put in the file, in its order: the twin's export is the oracle.
    const twinFile = join(tempDir(), 'twin.vcf');
    expect((await cli(dataDir, 'export', '--device', 'twin', '--period', 'all', '--out', twinFile)).code).toBe(0);
    const exported = readFileSync(twinFile);
    const names = readVCards(exported.toString('utf8')).map((card) => card.text('FN'));
    expect(await textsOf(session, 'ul.names li')).toEqual(names.slice(0, 8));
    await waitForText(session, 'p.more', `and ${expected - 8} more`);
    // Several contacts on an iPhone: Safari's preview would show only the first, so the page
    // saves the file to Files and says what to tap there, with the number to expect.
    const importLink = await waitForText(session, 'a[download]', 'Save the contacts to Files');
    expect(await session.attribute(importLink, 'href')).toMatch(/^data:application\/octet-stream,BEGIN%3AVCARD/);
    const fileName = await session.attribute(importLink, 'download');
    expect(await textsOf(session, '#import-steps li')).toEqual([
      'Tap Save the contacts to Files. If Safari asks, tap Download.',
      `Open the Files app, then Downloads, and tap ${fileName}.`,
      `Tap Add All ${expected.toLocaleString('en-US')} Contacts.`,
      `Contacts now has these ${expected.toLocaleString('en-US')} contacts: search for a name to check.`,
    ]);

    // The desktop heard the acknowledgement and wrote its ledger before the page said "Received".
    const { code, stdout } = await exit;
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ delivery: 'lan', outcome: 'delivered', delivered: expected });
    expect((await preview('iphone')).delivered).toBe(0);
    await expect(fetch(url?.replace(/#.*/, '') ?? '')).rejects.toThrow();

    await screenshotsInBothLanguages(phone, '2-received');
    await waitForText(session, '#summary-count', `${expected} contacts`);

    // A tap on "Save the contacts to Files": WebKit saves the data: link's file, byte for byte the export.
    await session.click(importLink);
    const [saved] = await until(
      async () => phone.downloaded(),
      (files) => files.length > 0,
      'the downloaded file',
    );
    expect(saved).toMatch(/^amocrm-\d{4}-\d{2}-\d{2}\.vcf$/);
    const received = readFileSync(join(phone.downloads, saved ?? ''));
    expect(readVCards(received.toString('utf8'))).toHaveLength(expected);
    expect(received.equals(exported)).toBe(true);
    expect(await problems(session)).toEqual([]);
  });

  it('a second phone, while another holds the handoff: “Another phone is already receiving these contacts.”', async () => {
    const { handoff, acks, phone, via } = await testHandoff();
    // The first phone: at the protocol level, it has said hello and holds the handoff.
    const first = await connectPhone(scan(handoff.url), via === undefined ? {} : { via });
    first.hello();
    await first.payload();
    await phone.session.navigate(handoff.url);
    await watchProblems(phone.session);
    expect(await phone.session.execute('return isSecureContext')).toBe(false);
    await waitForText(phone.session, '[data-testid="check-code"]', handoff.checkCode);
    await waitForText(phone.session, '[role="alert"]', 'Another phone is already receiving these contacts.');
    await screenshotsInBothLanguages(phone, '3-second-phone');
    await waitForText(phone.session, '[role="alert"]', 'Another phone is already receiving these contacts.');
    expect(acks).toEqual([]);
    expect(await problems(phone.session)).toEqual([]);
  });

  it('expired while the page waits (its messages lost on the way): “This QR code has expired”', async () => {
    // Through the route of a machine with only loopback, so that route is proven on every run.
    const { handoff, acks, phone } = await testHandoff({ ttlMs: 4000, holdPhoneMessages: true, loopbackRoute: true });
    expect(new URL(handoff.url).hostname).toBe('phone.test');
    await phone.session.navigate(handoff.url);
    await watchProblems(phone.session);
    expect(await phone.session.execute('return isSecureContext')).toBe(false);
    await waitForText(phone.session, '[data-testid="check-code"]', handoff.checkCode);
    await waitForText(phone.session, '[role="status"]', 'Connected. Waiting for your computer to send the contacts…');
    await screenshotsInBothLanguages(phone, '1-waiting');
    await waitForText(phone.session, '[role="alert"]', 'This QR code has expired: show a new one on your computer.');
    expect(await handoff.outcome).toEqual({ kind: 'expired' });
    await screenshotsInBothLanguages(phone, '4-expired');
    expect(acks).toEqual([]);
    expect(await problems(phone.session)).toEqual([]);
  });
});
