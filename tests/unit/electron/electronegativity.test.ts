/**
 * Doyensec's Electronegativity over src/, as a scanner sees the shell: no finding of severity
 * MEDIUM or HIGH but those reviewed in electronegativity-accepted.json, each with its reason,
 * and no accepted entry left that matches nothing (a fixed finding leaves the list too).
 * Run through its programmatic runner: its CLI relies on a hoisted commander@5 this project
 * does not have. It tries to fetch Electron's release list first; offline, it goes on.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../helpers/cli';

interface Finding {
  readonly id: string;
  readonly file: string;
  readonly severity: { readonly name: string };
  readonly location: { readonly line: number };
}
type Runner = (options: Record<string, unknown>) => Promise<{ issues: Finding[] }>;

const electronVersion = (
  JSON.parse(readFileSync(join(projectRoot, 'node_modules/electron/package.json'), 'utf8')) as { version: string }
).version;
const accepted = (
  JSON.parse(readFileSync(join(projectRoot, 'electronegativity-accepted.json'), 'utf8')) as {
    accepted: Array<{ check: string; file: string; reason: string }>;
  }
).accepted;

describe('Electronegativity', () => {
  it('finds no MEDIUM or HIGH issue in the shell but the accepted ones, each with its reason', async () => {
    const run = createRequire(join(projectRoot, 'package.json'))(
      '@doyensec/electronegativity/dist/runner.js',
    ) as Runner;
    const { issues } = await run({
      input: join(projectRoot, 'src'),
      electronVersionOverride: electronVersion,
      isRelative: true,
    });
    const serious = issues.filter((issue) => issue.severity.name === 'MEDIUM' || issue.severity.name === 'HIGH');
    const isAccepted = (issue: Finding) =>
      accepted.some((entry) => entry.check === issue.id && entry.file === issue.file);
    expect(
      serious.filter((issue) => !isAccepted(issue)).map((issue) => `${issue.id} ${issue.file}:${issue.location.line}`),
    ).toEqual([]);
    for (const entry of accepted) {
      expect(entry.reason.length, entry.check).toBeGreaterThan(40);
      expect(
        serious.some((issue) => issue.id === entry.check && issue.file === entry.file),
        `${entry.check} in ${entry.file} is accepted but no longer found: remove it`,
      ).toBe(true);
    }
    // The scan ran over the shell at all (an empty input would pass the checks above).
    expect(issues.some((issue) => issue.file.startsWith('renderer/'))).toBe(true);
  }, 120_000);
});
