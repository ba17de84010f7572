/** The plan for building better-sqlite3 against Electron's headers, beside the Node build. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronSqlitePlan } from '../../../scripts/electron-native.js';

describe('electronSqlitePlan', () => {
  const plan = electronSqlitePlan({
    root: '/app',
    electronVersion: '45.5.0',
    arch: 'x64',
    sqliteVersion: '12.11.1',
    env: { PATH: '/usr/bin', npm_config_nodedir: '/usr', npm_config_runtime: 'node', npm_config_target: '20.0.0' },
  });

  it('builds in its own folder, never over node_modules/better-sqlite3', () => {
    expect(plan.dir).toBe(
      join('/app', 'node_modules', '.electron-native', 'better-sqlite3-12.11.1-electron-45.5.0-x64'),
    );
    expect(plan.binding).toBe(join(plan.dir, 'build', 'Release', 'better_sqlite3.node'));
  });

  it("targets Electron's headers and ABI", () => {
    expect(plan.args).toEqual([
      'rebuild',
      '--release',
      '--target=45.5.0',
      '--arch=x64',
      '--dist-url=https://electronjs.org/headers',
    ]);
  });

  it("drops npm's Node header settings, which would silently build for Node instead", () => {
    expect(plan.env).toEqual({ PATH: '/usr/bin' });
  });
});
