/**
 * better-sqlite3 for Electron, without touching the Node build that tests and the CLI use.
 *
 * A native module is built for one ABI. Tests and the CLI run on Node; the desktop app runs
 * on Electron. So the Electron build lives in its own copy of the package under
 * node_modules/.electron-native/, compiled against Electron's headers with node-gyp, and the
 * app loads it through better-sqlite3's `nativeBinding` option. `npm start` calls this in
 * development; electron-builder's beforePack hook (scripts/packaging-hooks.ts) calls it for
 * each packaged arch.
 *
 * Why not @electron/rebuild (checked with `npm view @electron/rebuild versions engines`):
 * 4.x requires Node >= 22.12 (this project supports 20.19); 3.7.x depends on a GitHub URL
 * for its node-gyp fork, unreachable from a registry-only network; 3.6.x installs, but it
 * rebuilds node_modules/better-sqlite3 in place (the Node build tests need would be
 * replaced) and pins node-gyp 9. What it would do for us is this one node-gyp call.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/** Where the build goes and how node-gyp is called: a pure function, tested on its own. */
export function electronSqlitePlan({ root, electronVersion, arch, sqliteVersion, env }) {
  const dir = join(
    root,
    'node_modules',
    '.electron-native',
    `better-sqlite3-${sqliteVersion}-electron-${electronVersion}-${arch}`,
  );
  const cleanEnv = { ...env };
  // npm passes its own `nodedir` (here: this machine's Node headers) to child processes;
  // node-gyp would then build for Node's ABI instead of Electron's.
  for (const key of Object.keys(cleanEnv)) {
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|target_arch)$/i.test(key)) delete cleanEnv[key];
  }
  return {
    dir,
    binding: join(dir, 'build', 'Release', 'better_sqlite3.node'),
    args: [
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      `--arch=${arch}`,
      '--dist-url=https://electronjs.org/headers',
    ],
    env: cleanEnv,
  };
}

/** Builds (once per Electron and better-sqlite3 version) and returns the path to the binding. */
export function ensureElectronSqlite({ root, electronVersion, arch = process.arch, log = console.error }) {
  const sqliteDir = join(root, 'node_modules', 'better-sqlite3');
  const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version;
  const plan = electronSqlitePlan({ root, electronVersion, arch, sqliteVersion, env: process.env });
  if (existsSync(plan.binding)) return plan.binding;

  log(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (once; about a minute)…`);
  rmSync(plan.dir, { recursive: true, force: true });
  cpSync(sqliteDir, plan.dir, { recursive: true, filter: (source) => !source.startsWith(join(sqliteDir, 'build')) });
  const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
  const result = spawnSync(process.execPath, [nodeGyp, ...plan.args], {
    cwd: plan.dir,
    env: plan.env,
    stdio: 'inherit',
  });
  if (result.status !== 0 || !existsSync(plan.binding)) {
    rmSync(plan.dir, { recursive: true, force: true });
    throw new Error(
      `could not build better-sqlite3 for Electron ${electronVersion} (node-gyp exited with ${result.status})`,
    );
  }
  return plan.binding;
}
