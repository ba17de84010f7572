/**
 * A stand-in for `xdg-open`, the opener the CLI runs on Linux (lib/open-in-browser.ts): first
 * on PATH, it records the arguments it was given, as `ps` would show them to any user. Only
 * what a browser's command line would carry is checked with it; no browser is started.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp-dir';

export function standInOpener(): {
  /** The environment to run the CLI with (PATH with the stand-in first). */
  readonly env: NodeJS.ProcessEnv;
  /** The arguments the opener was run with, once it has been (waits up to 5 s). */
  opened(): Promise<string>;
} {
  const bin = tempDir();
  const recorded = join(bin, 'opened.txt');
  writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$*" > '${recorded}'\n`);
  chmodSync(join(bin, 'xdg-open'), 0o755);
  return {
    env: { PATH: `${bin}:${process.env['PATH'] ?? ''}` },
    async opened() {
      for (let waited = 0; !existsSync(recorded); waited++) {
        if (waited >= 100) throw new Error('The CLI never ran the opener');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return readFileSync(recorded, 'utf8');
    },
  };
}
