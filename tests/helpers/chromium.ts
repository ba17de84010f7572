/**
 * A real, system-installed Chromium for the end-to-end tests, driven by playwright-core.
 * No browser is downloaded: CI installs Debian's `chromium` package, and a missing browser
 * is a failure with a clear message, never a silently skipped suite.
 */
import { accessSync, constants } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll } from 'vitest';

export const chromiumPath = '/usr/bin/chromium';

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function launchChromium(): Promise<Browser> {
  try {
    accessSync(chromiumPath, constants.X_OK);
  } catch {
    throw new Error(
      `The end-to-end tests need Chromium at ${chromiumPath}, and there is none (or it is not executable). ` +
        'Install it with `sudo apt-get install chromium` (CI does this); playwright-core never downloads a browser here.',
    );
  }
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}

/**
 * One Chromium for a test file (or a describe block), launched by the first test that asks
 * for it and closed after the last: call at the file's or block's top level. Launched
 * lazily so that, without a browser, each test fails with the reason (a failing beforeAll
 * would list them as skipped).
 */
export function chromiumForFile(): () => Promise<Browser> {
  let launched: Promise<Browser> | undefined;
  afterAll(async () => {
    await (await launched?.catch(() => undefined))?.close();
  });
  return () => {
    launched ??= launchChromium();
    return launched;
  };
}
