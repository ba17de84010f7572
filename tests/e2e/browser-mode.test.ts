/**
 * Browser mode end to end, the way a person uses it: the real CLI serves the built desktop
 * UI (`npx electron-vite build` first), a real Chromium opens the printed address, and the
 * test clicks, types and reads the page. The built-in demo account (12,000 generated
 * contacts behind an in-process amoCRM sandbox) is the data.
 */
import { mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFinished } from 'vitest';
import WebSocket from 'ws';
import { seriousViolations } from '../helpers/axe';
import { callApi, formatNumber, openPage, type Served, serve } from '../helpers/browser-mode';
import { chromiumForFile } from '../helpers/chromium';
import { projectRoot, startCliServer } from '../helpers/cli';
import { ruNoun } from '../helpers/plural';
import { standInOpener } from '../helpers/stand-in-opener';
import { tempDir } from '../helpers/temp-dir';

const demoContacts = 12_000;
const syncTimeout = 60_000;
/** For the list to answer a query: a debounce and one local request, with room for a slow CI. */
const listTimeout = { timeout: 10_000 };
const screenshotPath = join(projectRoot, 'docs', 'screenshots', 'desktop-browser-mode.png');

const searchTotal = (served: Served, query: string) =>
  callApi<{ total: number }>(served, 'searchContacts', { query, offset: 0, limit: 1 }).then((r) => r.total);

interface Row {
  readonly name: string;
  readonly meta: string;
}

/** The rows the virtualized list has rendered, as a person reads them. */
async function renderedRows(page: Page): Promise<Row[]> {
  const texts = await page.locator('li.contact-row').allInnerTexts();
  return texts.map((text) => {
    const [name = '', meta = ''] = text.split('\n').map((line) => line.trim());
    return { name, meta };
  });
}

/** The number in "Found: N" / "Найдено: N", or null while the list is loading. */
async function shownCount(page: Page): Promise<number | null> {
  const text = (await page.getByTestId('contacts-count').textContent()) ?? '';
  // The count is shown with the language's thousands separator ("10,934", "10 934").
  const match = /^(?:Found|Найдено): ([\d,\u00a0 ]+)$/.exec(text.trim());
  return match ? Number((match[1] ?? '').replace(/\D/g, '')) : null;
}

/**
 * The same Russian number spelt the other way round: a person who sees "+7 912 345-67-89"
 * types "89123456789", and one who sees "8 (912) ..." types "+7 (912) ...". Null for
 * foreign numbers and numbers with an extension.
 */
function otherSpelling(phone: string): { query: string; e164: string } | null {
  if (!/^[\d\s()+-]+$/.test(phone)) return null;
  const digits = phone.replace(/\D/g, '');
  const national =
    digits.length === 10 ? digits : digits.length === 11 && /^[78]/.test(digits) ? digits.slice(1) : null;
  if (!national) return null;
  const query = digits.startsWith('8')
    ? `+7 (${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6, 8)}-${national.slice(8)}`
    : `8${national}`;
  return { query, e164: `+7${national}` };
}

const phoneOf = (row: Row) => row.meta.split(' · ')[0] ?? '';
const hasRealName = (row: Row) => /\p{L}{2,}/u.test(row.name) && row.name !== phoneOf(row);

describe('browser mode in Chromium', () => {
  const theBrowser = chromiumForFile();

  it('a person tries the demo: welcome, first sync with progress, list, search by name and phone, details', async () => {
    const browser = await theBrowser();
    const served = await serve();
    const { page, problems } = await openPage(browser, 'en-US');
    await page.goto(served.url);

    // The secret leaves the address bar at once (it stays in this tab's sessionStorage).
    await page.getByRole('heading', { name: 'Connect your amoCRM or Kommo account' }).waitFor();
    expect(page.url()).toBe(`${served.origin}/`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await page.getByRole('button', { name: 'Try the demo account' }).click();

    // The first sync starts by itself, with live progress pushed over the WebSocket.
    const progress = page.getByRole('status').filter({ has: page.locator('progress') });
    await progress.waitFor();
    // Words a sales manager reads: how many have arrived, no pages or request rates.
    await progress.filter({ hasText: /: [\d,]+ contacts? loaded so far…/ }).waitFor();
    expect(await progress.textContent()).not.toMatch(/page|requests\/s/);
    expect(await page.getByRole('button', { name: 'Sync now' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Cancel' }).isVisible()).toBe(true);
    // While contacts are downloading, the empty list must not tell the person to press "Sync now".
    expect(await page.getByText('Press "Sync now" to download them').count()).toBe(0);

    expect(await seriousViolations(page), 'while syncing').toEqual([]);
    // The list shows what has arrived while the sync runs, not "Found: 0".
    await expect
      .poll(async () => ((await progress.count()) > 0 ? ((await shownCount(page)) ?? 0) : -1), { timeout: syncTimeout })
      .toBeGreaterThan(0);
    await expect.poll(() => shownCount(page), { timeout: syncTimeout }).toBe(demoContacts);
    await page
      .getByRole('status')
      .filter({ hasText: `Sync finished: ${demoContacts} new or changed, 0 deleted in amoCRM.` })
      .waitFor();
    expect(await progress.count()).toBe(0);
    await page
      .locator('.account')
      .filter({ hasText: `${demoContacts.toLocaleString('en-US')} contacts, ` })
      .waitFor();

    // Real rows, read the way a person reads them.
    const allRows = await renderedRows(page);
    expect(allRows.length).toBeGreaterThan(10);
    for (const row of allRows) {
      expect(row.name, 'a rendered row is still a placeholder').not.toBe('Loading…');
      expect(row.meta).not.toBe('');
    }
    const named = allRows.filter(hasRealName);
    expect(named.length).toBeGreaterThan(3);

    // Search by a name read off the list.
    const target = named[0] as Row;
    const search = page.getByLabel('Search by name, e-mail or any phone format');
    await search.pressSequentially(target.name, { delay: 15 });
    const nameTotal = await searchTotal(served, target.name);
    expect(nameTotal).toBeGreaterThan(0);
    expect(nameTotal).toBeLessThan(demoContacts);
    await expect.poll(() => shownCount(page), listTimeout).toBe(nameTotal);
    await expect.poll(() => renderedRows(page), listTimeout).toContainEqual(target);
    const nameRows = await renderedRows(page);
    expect(nameRows.length).toBeLessThanOrEqual(nameTotal);
    const words = target.name.toLocaleLowerCase().split(/\s+/);
    for (const row of nameRows) {
      for (const word of words) expect(row.name.toLocaleLowerCase()).toContain(word);
    }

    // Search by a phone number typed differently from how the CRM has it written.
    const withPhone = named.find((row) => otherSpelling(phoneOf(row)) !== null);
    if (!withPhone) throw new Error(`No named row with a Russian number to search for: ${JSON.stringify(named)}`);
    const spelling = otherSpelling(phoneOf(withPhone));
    if (!spelling) throw new Error('unreachable');
    expect(spelling.query.replace(/\D/g, '')).not.toBe(phoneOf(withPhone).replace(/\D/g, ''));
    // Clearing the box shows everything again; the count cannot stay as it was by accident.
    await search.fill('');
    await expect.poll(() => shownCount(page), listTimeout).toBe(demoContacts);
    await search.pressSequentially(spelling.query, { delay: 15 });
    const phoneTotal = await searchTotal(served, spelling.query);
    expect(phoneTotal).toBeGreaterThan(0);
    expect(phoneTotal).toBeLessThan(demoContacts);
    await expect.poll(() => shownCount(page), listTimeout).toBe(phoneTotal);
    await expect.poll(() => renderedRows(page), listTimeout).toContainEqual(withPhone);

    // The start of a number, written with the trunk 8 or with +7: the same contacts, this one among them.
    const national = spelling.e164.slice(2);
    const partialTrunk = `8 ${national.slice(0, 3)} ${national.slice(3, 6)}`;
    const partialTotal = await searchTotal(served, partialTrunk);
    expect(partialTotal).toBe(await searchTotal(served, `+7 ${national.slice(0, 3)} ${national.slice(3, 6)}`));
    expect(partialTotal).toBeGreaterThan(0);
    await search.fill('');
    await search.pressSequentially(partialTrunk, { delay: 15 });
    await expect.poll(() => shownCount(page), listTimeout).toBe(partialTotal);
    await expect.poll(() => renderedRows(page), listTimeout).toContainEqual(withPhone);

    // Open it: the detail pane shows its phone as written and as normalized.
    await page
      .locator('li.contact-row')
      .filter({ hasText: withPhone.meta })
      .filter({ hasText: withPhone.name })
      .getByRole('button')
      .first()
      .click();
    const detail = page.getByRole('complementary', { name: withPhone.name });
    await detail.waitFor();
    const phones = detail.locator('dl > div').filter({ has: page.getByRole('term').filter({ hasText: 'Phones' }) });
    await phones.waitFor();
    const phoneLines = await phones.getByRole('definition').allInnerTexts();
    expect(phoneLines.some((line) => line.startsWith(phoneOf(withPhone)) && line.includes(spelling.e164))).toBe(true);

    // Back to the whole list, with the contact still open: the picture for the docs.
    await search.fill('');
    await expect.poll(() => shownCount(page), listTimeout).toBe(demoContacts);
    await page.getByRole('button', { name: target.name }).first().waitFor();
    await search.blur();
    mkdirSync(join(projectRoot, 'docs', 'screenshots'), { recursive: true });
    await page.screenshot({ path: screenshotPath });

    expect(await seriousViolations(page), 'the list with a contact open').toEqual([]);

    // The page scrolls inside its panes, never as a whole.
    const overflow = await page.evaluate('document.documentElement.scrollHeight - window.innerHeight');
    expect(overflow).toBe(0);

    // A Russian-speaking person on the same server: a fresh browser profile, Russian UI.
    const russian = await openPage(browser, 'ru-RU');
    await russian.page.goto(served.url);
    await russian.page.getByRole('heading', { name: 'Контакты' }).waitFor();
    await expect.poll(() => shownCount(russian.page), listTimeout).toBe(demoContacts);
    expect(await russian.page.getByTestId('contacts-count').textContent()).toBe(
      `Найдено: ${new Intl.NumberFormat('ru').format(demoContacts)}`,
    );
    const russianSearch = russian.page.getByLabel('Поиск по имени, почте или номеру в любом формате');
    await russianSearch.pressSequentially(partialTrunk, { delay: 15 });
    await expect.poll(() => shownCount(russian.page), listTimeout).toBe(partialTotal);
    await russianSearch.fill('');
    await expect.poll(() => shownCount(russian.page), listTimeout).toBe(demoContacts);
    expect(await russian.page.getByRole('button', { name: 'Синхронизировать' }).isEnabled()).toBe(true);
    expect(await russian.page.locator('html').getAttribute('lang')).toBe('ru');
    expect(await russian.page.getByText('Contacts', { exact: true }).count()).toBe(0);
    expect(await seriousViolations(russian.page), 'the Russian list').toEqual([]);

    expect(problems).toEqual([]);
    expect(russian.problems).toEqual([]);
  });

  it('a Russian-speaking person sees the Russian welcome, and a switch to English is remembered', async () => {
    const browser = await theBrowser();
    const served = await serve();
    const { page, problems } = await openPage(browser, 'ru-RU');
    await page.goto(served.url);
    await page.getByRole('heading', { name: 'Подключите аккаунт amoCRM или Kommo' }).waitFor();
    await page.getByRole('button', { name: 'Открыть демо-аккаунт' }).waitFor();
    expect(await page.getByRole('button', { name: 'Try the demo account' }).count()).toBe(0);

    await page.getByLabel('Язык').selectOption('en');
    await page.getByRole('heading', { name: 'Connect your amoCRM or Kommo account' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    // Reloaded, the page still talks to the server (the secret is kept for the tab) and in English.
    await page.reload();
    await page.getByRole('heading', { name: 'Connect your amoCRM or Kommo account' }).waitFor();
    expect(await page.getByLabel('Language').inputValue()).toBe('en');
    expect(problems).toEqual([]);
  });

  it('cancelling the first sync keeps the pages already downloaded, and the list shows them', async () => {
    const browser = await theBrowser();
    const served = await serve();
    const { page, problems } = await openPage(browser, 'en-US');
    await page.goto(served.url);
    await page.getByRole('button', { name: 'Try the demo account' }).click();
    // Two pages in (500 of 12,000 contacts): the cancel lands in the middle of the pull.
    const progress = page
      .getByRole('status')
      .filter({ hasText: /\b([5-9]\d{2}|\d{1,3},\d{3}) contacts loaded so far/ });
    await progress.waitFor({ timeout: syncTimeout });
    const downloaded = Number(
      (/([\d,]+) contacts loaded so far/.exec((await progress.textContent()) ?? '')?.[1] ?? '').replace(/\D/g, ''),
    );
    expect(downloaded).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Sync cancelled. What was already downloaded is kept.' })
      .waitFor();

    const kept = await searchTotal(served, '');
    expect(kept).toBeGreaterThanOrEqual(downloaded);
    expect(kept).toBeLessThan(demoContacts);
    await expect.poll(() => shownCount(page), listTimeout).toBe(kept);
    await page
      .locator('.account')
      .filter({ hasText: `${kept.toLocaleString('en-US')} ${kept === 1 ? 'contact' : 'contacts'}, ` })
      .waitFor();
    expect((await renderedRows(page)).length).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Sync now' }).isEnabled()).toBe(true);
    // The account holds contacts: it says the sync is unfinished, not "Not synced yet".
    await page.locator('.account').filter({ hasText: 'Sync not finished' }).waitFor();
    expect(await page.locator('.account').filter({ hasText: 'Not synced yet' }).count()).toBe(0);
    expect(await seriousViolations(page), 'after a cancelled sync').toEqual([]);
    // The same in Russian, with the count's own noun form.
    const russian = await openPage(browser, 'ru-RU');
    await russian.page.goto(served.url);
    await russian.page
      .locator('.account')
      .filter({
        hasText: `Синхронизация не закончена: пока ${formatNumber('ru-RU', kept)} ${ruNoun(String(kept), 'контакт', 'контакта', 'контактов')}.`,
      })
      .waitFor();
    expect(await russian.page.locator('.account').filter({ hasText: 'Ещё не синхронизирован' }).count()).toBe(0);
    // Sync again in Russian: it says it continues, counting on from what was kept (with the
    // noun's form for that count), not from zero; cancelled again, what came is kept again.
    await russian.page.getByRole('button', { name: 'Синхронизировать' }).click();
    const resumedRu = russian.page
      .getByRole('status')
      .filter({ hasText: /продолжаем с места остановки, уже [\d\s\u00a0]+ контакт(а|ов)?…/ });
    await resumedRu.waitFor({ timeout: syncTimeout });
    const resumedRuText = (await resumedRu.textContent()) ?? '';
    const countedRu = Number((/уже ([\d\s\u00a0]+) контакт/.exec(resumedRuText)?.[1] ?? '').replace(/\D/g, ''));
    expect(countedRu).toBeGreaterThan(kept);
    expect(resumedRuText).toContain(
      `${formatNumber('ru-RU', countedRu)} ${ruNoun(String(countedRu), 'контакт', 'контакта', 'контактов')}…`,
    );
    await russian.page.getByRole('button', { name: 'Отменить' }).click();
    await russian.page
      .getByRole('status')
      .filter({ hasText: 'Синхронизация отменена. Уже загруженное сохранено.' })
      .waitFor({ timeout: syncTimeout });
    const keptAgain = await searchTotal(served, '');
    expect(keptAgain).toBeGreaterThanOrEqual(kept);
    expect(russian.problems).toEqual([]);

    // And again in English: it continues, and counts on from what was kept, not from zero.
    await page.getByRole('button', { name: 'Sync now' }).click();
    const resumed = page
      .getByRole('status')
      .filter({ hasText: /continuing where the last sync stopped, [\d,]+ contacts/ });
    await resumed.waitFor({ timeout: syncTimeout });
    const counted = Number(
      (/stopped, ([\d,]+) contacts/.exec((await resumed.textContent()) ?? '')?.[1] ?? '').replace(/\D/g, ''),
    );
    expect(counted).toBeGreaterThan(keptAgain);
    await page
      .getByRole('status')
      .filter({ hasText: /^Sync finished/ })
      .waitFor({ timeout: syncTimeout });
    await expect.poll(() => shownCount(page), listTimeout).toBe(demoContacts);
    expect(problems).toEqual([]);
  });
});

describe('browser mode keeps its API to the person who launched it', () => {
  it('refuses calls without the secret, from a foreign Host, and event sockets without the secret', async () => {
    const served = await serve();
    const listAccounts = (headers: Record<string, string>) =>
      fetch(`${served.origin}/api/listAccounts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: '{}',
      });

    // The same call succeeds with the secret, so each refusal below is about what is missing.
    const allowed = await listAccounts({ authorization: `Bearer ${served.secret}` });
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toEqual({ ok: true, value: [] });
    expect((await listAccounts({})).status).toBe(401);
    expect((await listAccounts({ authorization: `Bearer ${served.secret.slice(0, -1)}x` })).status).toBe(401);
    expect((await listAccounts({ authorization: served.secret })).status).toBe(401);

    // DNS rebinding: the right secret, but a page from another site reaching us by name.
    const rebound = await rawPost(served.port, '/api/listAccounts', {
      host: 'evil.example',
      authorization: `Bearer ${served.secret}`,
      'content-type': 'application/json',
    });
    expect(rebound.status).toBe(421);
    expect(rebound.body).not.toContain('"ok"');

    // The page itself is public (it holds no secret) and is served with a strict CSP.
    const index = await fetch(`${served.origin}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain(`connect-src 'self' ws://127.0.0.1:${served.port}`);

    const events = `ws://127.0.0.1:${served.port}/api/events`;
    expect(await openSocket(events, ['amo-phonebook.v1', `secret.${served.secret}`], served.origin)).toEqual({
      opened: true,
      protocol: 'amo-phonebook.v1',
    });
    expect(await openSocket(events, ['amo-phonebook.v1'], served.origin)).toEqual({ opened: false, status: 403 });
    expect(await openSocket(events, ['amo-phonebook.v1', 'secret.wrong'], served.origin)).toEqual({
      opened: false,
      status: 403,
    });
    expect(await openSocket(events, ['amo-phonebook.v1', `secret.${served.secret}`], 'http://evil.example')).toEqual({
      opened: false,
      status: 403,
    });

    // SIGTERM is a clean shutdown.
    await served.stop();
    expect(served.exitCode()).toBe(0);
  });
});

function rawPost(
  port: number,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end('{}');
  });
}

function openSocket(
  url: string,
  protocols: string[],
  origin: string,
): Promise<{ opened: true; protocol: string } | { opened: false; status: number | undefined }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, protocols, { origin });
    socket.once('open', () => {
      resolve({ opened: true, protocol: socket.protocol });
      socket.close();
    });
    socket.once('unexpected-response', (req, res) => {
      resolve({ opened: false, status: res.statusCode });
      req.destroy();
    });
    socket.once('error', () => resolve({ opened: false, status: undefined }));
  });
}

describe('browser mode opened by the app itself (serve --open)', () => {
  const theBrowser = chromiumForFile();

  it('the browser gets a one-time launch address: the app works there, and the same address opened again says the page is old', async () => {
    const opener = standInOpener();
    const server = startCliServer(['--data-dir', tempDir(), '--json', 'serve', '--port', '0', '--open'], opener.env);
    onTestFinished(server.stop);
    const ready = JSON.parse(await server.firstLine) as { url: string; port: number };
    const launchUrl = await opener.opened();
    expect(launchUrl).toContain('#launch=');
    expect(launchUrl).not.toContain(new URL(ready.url).hash.slice('#secret='.length));

    const browser = await theBrowser();
    const { page, problems } = await openPage(browser, 'en-US');
    await page.goto(launchUrl);
    await page.getByRole('heading', { name: 'Connect your amoCRM or Kommo account' }).waitFor();
    // The code leaves the address bar at once; the tab keeps the secret it was exchanged for.
    expect(page.url()).toBe(`http://127.0.0.1:${ready.port}/`);
    await page.getByRole('button', { name: 'Try the demo account' }).click();
    await page
      .getByRole('status')
      .filter({ has: page.locator('progress') })
      .waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Sync now' }).waitFor();
    expect(problems).toEqual([]);

    // Someone who read the address from the browser's command line later: it is spent.
    const late = await openPage(browser, 'en-US');
    await late.page.goto(launchUrl);
    await late.page.getByText('This page belongs to an earlier start of the app.', { exact: false }).first().waitFor();
  });
});
