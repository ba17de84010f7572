/**
 * Browser mode for the end-to-end tests: the real CLI serving the built desktop UI on a
 * fresh data folder, the API called as the page calls it, and pages that record what went
 * wrong inside them.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect, onTestFinished } from 'vitest';
import type { AccountSummary } from '../../src/shared/api/types';
import { startCliServer } from './cli';
import { tempDir } from './temp-dir';

export interface Served {
  /** The address the CLI printed, secret in the fragment. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly secret: string;
  readonly stop: () => Promise<void>;
  readonly exitCode: () => number | null;
}

/** `amo-phonebook --data-dir <fresh> --json serve --port 0`, stopped and removed when the test ends. */
export async function serve(): Promise<Served> {
  const served = await startServed();
  onTestFinished(served.stop); // runs before tempDir's removal: hooks run in reverse order
  return served;
}

/**
 * The same, for a whole test file (started in beforeAll, stopped in afterAll by the caller):
 * one demo sync shared by every test in the file.
 */
export async function startServed(): Promise<Served> {
  const dataDir = tempDir('amo-phonebook-e2e-');
  const server = startCliServer(['--data-dir', dataDir, '--json', 'serve', '--port', '0']);
  const ready = JSON.parse(await server.firstLine) as { url: string; port: number; dataDir: string };
  expect(ready.dataDir).toBe(dataDir);
  const url = new URL(ready.url);
  const secret = /^#secret=([\w-]{32,})$/.exec(url.hash)?.[1];
  if (!secret) throw new Error(`The printed address carries no secret in its fragment: ${ready.url}`);
  expect(url.origin).toBe(`http://127.0.0.1:${ready.port}`);
  return {
    url: ready.url,
    origin: url.origin,
    port: ready.port,
    secret,
    stop: server.stop,
    exitCode: () => server.child.exitCode,
  };
}

/** A file's shared app with the demo account connected and synced (about 8 s, paid once). */
export async function startDemoServed(): Promise<{ served: Served; account: AccountSummary }> {
  const served = await startServed();
  const account = await callApi<AccountSummary>(served, 'connectDemoAccount', {});
  await callApi(served, 'syncAccounts', {});
  return { served, account };
}

/** Numbers as the window's Intl formatting writes them, and text with its narrow spaces made plain, for comparison. */
export const formatNumber = (locale: string, value: number) => new Intl.NumberFormat(locale).format(value);
export const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();

/** The API as the page calls it; used as the oracle for what the page should show. */
export async function callApi<T>(served: Served, verb: string, input: unknown): Promise<T> {
  const response = await fetch(`${served.origin}/api/${verb}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${served.secret}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  expect(response.status).toBe(200);
  const envelope = (await response.json()) as { ok: true; value: T } | { ok: false; error: unknown };
  if (!envelope.ok) throw new Error(`${verb} failed: ${JSON.stringify(envelope.error)}`);
  return envelope.value;
}

/** A page that records what went wrong inside it, so a test can insist nothing did. */
export async function openPage(
  browser: Browser,
  locale: 'en-US' | 'ru-RU',
  look: { viewport?: { width: number; height: number }; colorScheme?: 'light' | 'dark' } = {},
): Promise<{ page: Page; problems: string[] }> {
  const context: BrowserContext = await browser.newContext({
    locale,
    viewport: look.viewport ?? { width: 1280, height: 800 },
    colorScheme: look.colorScheme ?? 'light',
  });
  onTestFinished(() => context.close());
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()} (${message.location().url})`);
  });
  return { page, problems };
}
