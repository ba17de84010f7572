/**
 * Issue 8's figure: how much the WebKit suite (tests/e2e/webkit-handoff.test.ts) adds to the
 * test command, against a baseline from the same run: the Chromium QR handoff suite
 * (tests/e2e/handoff-qr.test.ts). Each is run by vitest in its own process, as npm test runs
 * them (end-to-end files one at a time); wall time, including vitest's own start.
 * Needs the built UI, Debian's chromium, webkit2gtk-driver, xvfb and xauth.
 * Usage: npx tsx tests/bench/webkit-suite.bench.ts
 */
import { spawnSync } from 'node:child_process';
import { projectRoot } from '../helpers/cli';
import { report } from './bench-kit';

function suiteMs(file: string): number {
  const started = performance.now();
  const run = spawnSync('npx', ['vitest', 'run', '--project', 'e2e', file], { cwd: projectRoot, encoding: 'utf8' });
  const elapsed = performance.now() - started;
  if (run.status !== 0) throw new Error(`${file} failed:\n${run.stdout}\n${run.stderr}`);
  return elapsed;
}

const webkit = suiteMs('tests/e2e/webkit-handoff.test.ts');
const chromium = suiteMs('tests/e2e/handoff-qr.test.ts');
report('the WebKit suite, added to npm test (target: under 30 s)', webkit, 'the Chromium QR handoff suite', chromium);
