/**
 * What a person sees on the phone page in WebKit, read over WebDriver: waits on what is on
 * screen, the page's own language switch for screenshots in Russian and English, and the
 * page's errors (WebKitGTK's driver has no log endpoint, so the page records them itself).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './cli';
import type { ElementRef, Session } from './webdriver';
import type { WebKitPhone } from './webkit';

export const phoneScreenshots = join(projectRoot, 'docs', 'screenshots', 'phone');

/** Polls `read` until `accept` holds (20 s at most), and returns the last value read. */
export async function until<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  let last: T | undefined;
  for (;;) {
    try {
      last = await read();
      if (accept(last)) return last;
    } catch {
      // The page may be between documents: try again.
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last seen: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The visible texts of the elements matching `css`. */
export async function textsOf(session: Session, css: string): Promise<string[]> {
  return Promise.all((await session.findAll(css)).map((element) => session.text(element)));
}

/** Waits until an element matching `css` shows exactly `text`, and returns it. */
export async function waitForText(session: Session, css: string, text: string): Promise<ElementRef> {
  const found = await until(
    async () => {
      for (const element of await session.findAll(css)) {
        if ((await session.text(element)).trim() === text) return element;
      }
      return null;
    },
    (element) => element !== null,
    `${css} showing "${text}"`,
  );
  if (found === null) throw new Error('unreachable');
  return found;
}

/** Starts recording the page's uncaught errors, rejections and console.error calls (after load). */
export function watchProblems(session: Session): Promise<unknown> {
  return session.execute(`
    const problems = (window.__problems = []);
    addEventListener('error', (event) => problems.push('error: ' + event.message));
    addEventListener('unhandledrejection', (event) => problems.push('rejection: ' + String(event.reason)));
    const original = console.error.bind(console);
    console.error = (...args) => { problems.push('console.error: ' + args.join(' ')); original(...args); };`);
}

export function problems(session: Session): Promise<string[]> {
  return session.execute('return window.__problems || ["the problem watcher was not installed"]');
}

/**
 * Screenshots of the page as it is, in Russian and in English, switched with the page's
 * own language buttons: docs/screenshots/phone/iphone-STEP-LANG.png. Leaves it in English.
 */
export async function screenshotsInBothLanguages(phone: WebKitPhone, step: string): Promise<void> {
  const { session } = phone;
  mkdirSync(phoneScreenshots, { recursive: true });
  for (const language of ['ru', 'en'] as const) {
    const [button] = await session.findAll(`.language-switch button[lang="${language}"]`);
    if (!button) throw new Error('The page has no language switch');
    await session.click(button);
    await until(
      () => session.execute<string>('return document.documentElement.lang'),
      (lang) => lang === language,
      `the page in ${language}`,
    );
    await shoot(phone, `iphone-${step}-${language}.png`);
  }
}

async function shoot(phone: WebKitPhone, name: string): Promise<void> {
  await phone.fit();
  // Two animation frames: an occasional blank PNG otherwise (webkit-testing.md).
  await phone.session.execute(
    'return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(null))))',
  );
  writeFileSync(join(phoneScreenshots, name), await phone.session.screenshot());
}
