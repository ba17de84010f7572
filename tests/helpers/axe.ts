/**
 * axe-core run inside a page: the WCAG 2.1 A/AA rules, evaluated as a script (so the
 * page's CSP does not block it). `seriousViolations` keeps what the issue asks to be
 * absent: violations of serious or critical impact, each as "rule: help (where)".
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: ReadonlyArray<{ readonly target: readonly string[] }>;
}

export async function accessibilityViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (options: unknown) => Promise<{ violations: Violation[] }> } })
      .axe;
    const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      nodes: nodes.slice(0, 3).map((node) => ({ target: node.target })),
    }));
  });
}

export async function seriousViolations(page: Page): Promise<string[]> {
  return (await accessibilityViolations(page))
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((n) => n.target.join(' ')).join('; ')})`,
    );
}

/**
 * The check every window test makes: no serious or critical violation on the page as it is now,
 * in its colour scheme and in the other one (a dark system theme changes every colour, so
 * contrast is checked twice); the page's own scheme is restored after.
 */
export async function expectAccessible(page: Page): Promise<void> {
  const dark = await page.evaluate(
    () =>
      (globalThis as unknown as { matchMedia: (query: string) => { matches: boolean } }).matchMedia(
        '(prefers-color-scheme: dark)',
      ).matches,
  );
  const asIs = await seriousViolations(page);
  await page.emulateMedia({ colorScheme: dark ? 'light' : 'dark' });
  const other = await seriousViolations(page).finally(() =>
    page.emulateMedia({ colorScheme: dark ? 'dark' : 'light' }),
  );
  expect({ [dark ? 'dark' : 'light']: asIs, [dark ? 'light' : 'dark']: other }).toEqual({ light: [], dark: [] });
}
