#!/usr/bin/env node
/** `npm run bench [-- --contacts N]`: runs every tests/bench/*.bench.ts in turn, one process each. */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const benchDir = fileURLToPath(new URL('../tests/bench/', import.meta.url));
let failed = false;
for (const file of readdirSync(benchDir)
  .filter((name) => name.endsWith('.bench.ts'))
  .sort()) {
  console.log(`\n# ${file}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', `${benchDir}${file}`, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
