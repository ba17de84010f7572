/**
 * The packaging configuration, checked without packaging anything (that needs Electron's
 * binary and headers from the network): electron-builder's own schema validation, the
 * targets, native modules out of the asar, the fuses, and both hooks with fakes.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import type { AfterPackContext } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import config from '../../../electron-builder.config';
import { afterPack, createBeforePack, fuseConfig, stagedBinding } from '../../../scripts/packaging-hooks';

const require = createRequire(import.meta.url);

describe('electron-builder.config.ts', () => {
  it("passes electron-builder's own schema validation", async () => {
    // Not part of electron-builder's public API: if an upgrade moves it, update this path.
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(
      validateConfiguration(structuredClone({ ...config, beforePack: null, afterPack: null }), new DebugLogger(false)),
    ).resolves.toBeUndefined();
    expect(typeof config.beforePack).toBe('function');
    expect(typeof config.afterPack).toBe('function');
  });

  it('makes AppImage and deb, dmg, and an NSIS installer', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.win?.target).toEqual(['nsis']);
  });

  it("keeps native modules out of the asar, and never rebuilds node_modules' Node build in place", () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(expect.arrayContaining([stagedBinding, '**/*.node']));
    expect(config.npmRebuild).toBe(false);
    expect(config.files).toEqual(
      expect.arrayContaining(['out/**', '!node_modules/better-sqlite3/{build,deps,src}/**']),
    );
  });
});

describe('fuses', () => {
  it('turns off run-as-node, NODE_OPTIONS and --inspect; turns on cookie encryption and asar integrity', () => {
    const fuses = fuseConfig('linux', 'x64');
    expect(fuses).toMatchObject({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
      resetAdHocDarwinSignature: false,
    });
    expect(fuseConfig('darwin', 'arm64').resetAdHocDarwinSignature).toBe(true);
  });

  it('are flipped by afterPack on the packaged binary, through electron-builder', async () => {
    const calls: unknown[][] = [];
    const context = {
      electronPlatformName: 'darwin',
      arch: 3,
      appOutDir: '/dist/mac-arm64',
      packager: {
        addElectronFuses: async (...args: unknown[]) => {
          calls.push(args);
          return 0;
        },
      },
    } as unknown as AfterPackContext;
    await afterPack(context);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.[0]).toBe(context);
    expect(calls[0]?.[1]).toEqual(fuseConfig('darwin', 'arm64'));
  });
});

describe('beforePack', () => {
  it('builds better-sqlite3 for the target Electron and arch, and stages it for the app', async () => {
    const ensured: unknown[] = [];
    const staged: [string, string][] = [];
    const beforePack = createBeforePack(
      {
        ensure: (options) => {
          ensured.push(options);
          return '/cache/better_sqlite3.node';
        },
        stage: (from, to) => staged.push([from, to]),
      },
      '/project',
    );
    const packager = { info: { framework: { version: '45.5.0' } } };
    await beforePack({ arch: 1, packager } as unknown as AfterPackContext);
    expect(ensured).toEqual([{ root: '/project', electronVersion: '45.5.0', arch: 'x64' }]);
    expect(staged).toEqual([['/cache/better_sqlite3.node', join('/project', 'out', 'native', 'better_sqlite3.node')]]);
    await expect(beforePack({ arch: 4, packager } as unknown as AfterPackContext)).rejects.toThrow(/universal/);
  });
});
