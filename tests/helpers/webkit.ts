/**
 * A real WebKit engine for the end-to-end tests: Debian's WebKitGTK (MiniBrowser) driven by
 * its WebDriver server, on a private X server (this build has no headless mode). iPhones run
 * WebKit, so this is the engine the companion page must work in; Chromium with an iPhone
 * viewport is not. The facts behind each setting are in ../shared/reference/webkit-testing.md.
 *
 * Nothing is downloaded: CI installs `webkit2gtk-driver xvfb xauth`, and a missing program
 * is a failure naming the install command, never a silently skipped suite.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { tempDir } from './temp-dir';
import { newSession, type Session } from './webdriver';

export const webKitDriverPath = '/usr/bin/WebKitWebDriver';
const xvfbPath = '/usr/bin/Xvfb';
const installHint = 'Install them with `sudo apt-get install webkit2gtk-driver xvfb xauth` (CI does this).';

export const iPhoneSafari =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
/** An iPhone 14/15's CSS viewport and pixel ratio. */
export const iPhoneViewport = { width: 390, height: 844, devicePixelRatio: 3 } as const;

/** Shared between runs: a fresh cache costs about 300 ms per browser start. */
const sharedCache = join(tmpdir(), 'amo-phonebook-webkit-cache');

function requireExecutable(path: string): void {
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(`The WebKit tests need ${path}, and there is none (or it is not executable). ${installHint}`);
  }
}

/** A private X server for the browser; resolves with its DISPLAY once it accepts clients. */
export async function startXvfb(): Promise<{ display: string; stop: () => void }> {
  requireExecutable(xvfbPath);
  // -displayfd: Xvfb picks a free display number and writes it to fd 3 when it is ready.
  // Tall enough for a 390x844 viewport, plus MiniBrowser's toolbar, at scale 3.
  const child = spawn(xvfbPath, ['-displayfd', '3', '-screen', '0', '1200x3000x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  const display = await new Promise<string>((resolve, reject) => {
    let text = '';
    let errors = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    child.stdio[3]?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(`:${text.trim()}`);
    });
    child.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}: ${errors}`)));
    child.once('error', reject);
  });
  return { display, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitUntilReady(driverUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`WebKitWebDriver exited with ${child.exitCode}: ${output()}`);
    try {
      const response = await fetch(`${driverUrl}/status`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`WebKitWebDriver did not start listening within 10 s: ${output()}`);
}

/**
 * Sizes the window so that the page's viewport is exactly 390x844: --full-screen hides
 * MiniBrowser's toolbar, but a download brings it back (there is no window manager to keep
 * the window full-screen), and the window is then made taller by what the toolbar takes.
 */
async function fitViewport(session: Session): Promise<void> {
  const { width, height } = iPhoneViewport;
  await session.setWindowRect({ width, height });
  for (let attempt = 0; attempt < 40; attempt++) {
    const [innerWidth, innerHeight, outerHeight] = await session.execute<number[]>(
      'return [innerWidth, innerHeight, outerHeight]',
    );
    if (innerWidth === width && innerHeight === height) return;
    if (innerHeight !== undefined && outerHeight !== undefined) {
      await session.setWindowRect({ width, height: outerHeight + (height - innerHeight) });
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`The WebKit viewport did not settle at ${width}x${height}`);
}

export interface WebKitPhone {
  readonly session: Session;
  /** Where the browser saves downloads: fresh for this phone (a second file of the same name is dropped silently). */
  readonly downloads: string;
  /** The files downloaded so far. */
  downloaded(): string[];
  /** Makes the viewport 390x844 again (a download brings MiniBrowser's toolbar back). */
  fit(): Promise<void>;
}

export interface WebKitPhoneOptions {
  readonly display: string;
  /** `host:port` of an HTTP proxy for every request the browser makes (the reference's route on a loopback-only machine). */
  readonly httpProxy?: string;
  readonly userAgent?: string;
}

/**
 * An iPhone-like MiniBrowser: the iPhone's user agent, a 390x844 viewport at device pixel
 * ratio 3, its own download folder. Closed (session, driver, browser) when the test ends.
 */
export async function openWebKitPhone(options: WebKitPhoneOptions): Promise<WebKitPhone> {
  requireExecutable(webKitDriverPath);
  const home = tempDir('amo-phonebook-webkit-');
  const downloads = join(home, 'Downloads');
  const config = join(home, 'config');
  mkdirSync(downloads);
  mkdirSync(config);
  mkdirSync(sharedCache, { recursive: true });
  // WebKitGTK saves downloads to XDG_DOWNLOAD_DIR, read from this file (else to $HOME).
  writeFileSync(join(config, 'user-dirs.dirs'), `XDG_DOWNLOAD_DIR="${downloads}"\n`);

  const port = await freePort();
  const driverUrl = `http://127.0.0.1:${port}`;
  const driver = spawn(webKitDriverPath, [`--port=${port}`], {
    env: {
      ...process.env,
      DISPLAY: options.display,
      // GTK's integer scale: WebKit then reports devicePixelRatio 3 and screenshots in device pixels.
      GDK_SCALE: String(iPhoneViewport.devicePixelRatio),
      HOME: home,
      XDG_CONFIG_HOME: config,
      XDG_DATA_HOME: join(home, 'data'),
      XDG_CACHE_HOME: sharedCache,
      // No accessibility bus on a bare X server: without this GTK waits for it at start.
      NO_AT_BRIDGE: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  driver.stdout?.on('data', collect);
  driver.stderr?.on('data', collect);
  onTestFinished(() => stopChild(driver));
  await waitUntilReady(driverUrl, driver, () => output);

  const session = await newSession(driverUrl, {
    browserName: 'MiniBrowser',
    'webkitgtk:browserOptions': {
      // Once args are given, --automation must be among them. --full-screen drops the
      // toolbar, which otherwise holds the window at 447 px or wider.
      args: ['--automation', '--full-screen', `--user-agent=${options.userAgent ?? iPhoneSafari}`],
    },
    ...(options.httpProxy ? { proxy: { proxyType: 'manual', httpProxy: options.httpProxy } } : {}),
  }).catch((error: unknown) => {
    throw new Error(`No WebKit session (is the X server up?): ${String(error)}\n${output}`);
  });
  // Registered after the driver's stop, so it runs first (hooks run in reverse order).
  onTestFinished(() => session.close().catch(() => undefined));
  await fitViewport(session);
  return { session, downloads, downloaded: () => readdirSync(downloads), fit: () => fitViewport(session) };
}
