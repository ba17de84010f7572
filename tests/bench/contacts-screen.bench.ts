/**
 * The contacts screen's figures with 100,000 contacts, in Chromium against browser mode:
 * - first rows shown after navigation, against the page's own load (DOMContentLoaded) in
 *   the same navigation as the baseline;
 * - search results on screen after the last keystroke (typed as a person types), against
 *   the same search asked of the API directly over HTTP.
 * Needs the built UI (npx electron-vite build) and Debian's chromium.
 * Usage: npx tsx tests/bench/contacts-screen.bench.ts [--contacts 100000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../helpers/chromium';
import { startCliServer } from '../helpers/cli';
import { argNumber, report } from './bench-kit';
import { fillMirror } from './fill-mirror';

const contacts = argNumber('contacts', 100_000);
const dataDir = mkdtempSync(join(tmpdir(), 'amo-phonebook-bench-'));
fillMirror(join(dataDir, 'mirror.sqlite'), contacts);
const server = startCliServer(['--data-dir', dataDir, '--json', 'serve', '--port', '0']);
const browser = await launchChromium();
/**
 * Runs in the page (a string: the bench's bundler would decorate a function): resolves with
 * the milliseconds from the next keystroke (its input event: non-Latin letters arrive without keydown) to the frame that shows `total` and a first row
 * containing `first`.
 */
const timeToShown = `(total, first) => new Promise((resolve) => {
  let pressed = 0;
  document.addEventListener('input', () => { pressed = performance.now(); }, { once: true, capture: true });
  const check = () => {
    const count = document.querySelector('[data-testid="contacts-count"]')?.textContent ?? '';
    const row = document.querySelector('li.contact-row')?.textContent ?? '';
    if (pressed > 0 && count.replace(/\\D/g, '') === String(total) && row.includes(first)) {
      resolve(performance.now() - pressed);
      return;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
try {
  const ready = JSON.parse(await server.firstLine) as { url: string };
  const origin = new URL(ready.url).origin;
  const secret = new URL(ready.url).hash.replace('#secret=', '');
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });

  const firstRows: number[] = [];
  const loads: number[] = [];
  for (let run = 0; run < 5; run++) {
    await page.goto('about:blank');
    const started = performance.now();
    await page.goto(ready.url, { waitUntil: 'domcontentloaded' });
    loads.push(performance.now() - started);
    await page
      .locator('li.contact-row')
      .first()
      .filter({ hasNotText: /Loading|Загрузка/ })
      .waitFor();
    firstRows.push(performance.now() - started);
  }
  report(
    `${contacts} contacts: first rows on screen after navigation (median of 5)`,
    median(firstRows),
    'the page itself loaded (DOMContentLoaded)',
    median(loads),
  );

  async function typeQueries(keyIntervalMs: number) {
    // Each final keystroke changes the results (checked below), so what is timed is the new answer.
    const queries = ['Смирнова', 'Ив', '8912', 'Ольга', 'mail.ru', 'Пет', 'Козлова'];
    const shown: number[] = [];
    const timed: string[] = [];
    const skipped: string[] = [];
    const direct: number[] = [];
    const search = page.getByRole('searchbox').or(page.getByLabel(/Search by name|Поиск/));
    for (const query of queries) {
      await search.fill('');
      await page
        .getByTestId('contacts-count')
        .filter({ hasText: String(contacts) })
        .waitFor();
      const answer = await fetch(`${origin}/api/searchContacts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ query, offset: 0, limit: 100 }),
      });
      const { value } = (await answer.json()) as { value: { total: number; items: Array<{ name: string }> } };
      const firstName = value.items[0]?.name ?? '';
      const prefix = (await (
        await fetch(`${origin}/api/searchContacts`, {
          method: 'POST',
          headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
          body: JSON.stringify({ query: query.length > 2 ? query.slice(0, -1) : '', offset: 0, limit: 1 }),
        })
      ).json()) as { value: { total: number } };
      if (prefix.value.total === value.total) {
        skipped.push(query);
        continue;
      }
      const t0 = performance.now();
      await fetch(`${origin}/api/searchContacts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ query, offset: 0, limit: 100 }),
      });
      direct.push(performance.now() - t0);
      await search.pressSequentially(query.slice(0, -1), { delay: keyIntervalMs });
      // Timed inside the page (Playwright's own polling would add its intervals): from the
      // last keystroke to the frame where the final query's total and first row show.
      // Armed before the key is pressed, read after: the promise lives in the page meanwhile.
      await page.evaluate(
        `globalThis.shownAfter = (${timeToShown})(${JSON.stringify(value.total)}, ${JSON.stringify(firstName)}); 0`,
      );
      await search.pressSequentially(query.slice(-1));
      const result = await Promise.race([
        page.evaluate('globalThis.shownAfter') as Promise<number>,
        new Promise<null>((resolve) => setTimeout(() => resolve(null), 5000)),
      ]);
      if (result === null) {
        const seen = await page.evaluate(
          `[document.querySelector('[data-testid="contacts-count"]')?.textContent, document.querySelector('li.contact-row')?.textContent]`,
        );
        throw new Error(
          `"${query}" never showed ${value.total} / ${firstName}: the page shows ${JSON.stringify(seen)}`,
        );
      }
      shown.push(result);
      timed.push(query);
    }
    report(
      `search results on screen after the last keystroke, ${shown.length} queries typed ${keyIntervalMs} ms apart (median)`,
      median(shown),
      'the same search asked of the API over HTTP',
      median(direct),
    );
    console.log(
      `  per query (ms): ${timed.map((q, i) => `${q}: ${shown[i]?.toFixed(0)}`).join(', ')}${skipped.length > 0 ? `; not timed (the last key changes nothing): ${skipped.join(', ')}` : ''}`,
    );
  }
  // A quick typist (about 8 keys a second), then a very fast one.
  await typeQueries(120);
  await typeQueries(60);
} finally {
  await browser.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
