/**
 * Script features older iPhones cannot parse. A syntax error is not a missing feature that
 * the page can detect: the whole module fails to load and the page stays blank, handoff
 * included. The build targets Electron's Chromium, so nothing is transpiled away for Safari:
 * the page's sources (and the shared code it bundles) must not use them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../helpers/cli';

function sources(dir: string): string[] {
  return readdirSync(join(projectRoot, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => join(dir, file));
}

describe('the phone page parses on older iOS Safari', () => {
  it('uses no regular-expression lookbehind (Safari has it only since iOS 16.4)', () => {
    const offenders = [...sources('src/renderer/phone'), ...sources('src/shared')].filter((file) =>
      /\(\?<[!=]/.test(readFileSync(join(projectRoot, file), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
