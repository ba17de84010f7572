/**
 * electron-builder's hooks (loaded by electron-builder.config.ts, which electron-builder
 * reads with jiti; nothing here runs in `npm test` except through fakes).
 *
 * beforePack: builds better-sqlite3 for the target Electron and arch with node-gyp
 *   (scripts/electron-native.js: the same build `npm start` uses, in its own folder, so
 *   node_modules/better-sqlite3 keeps the Node build tests need) and stages it at
 *   out/native/better_sqlite3.node, which the app loads when packaged.
 * afterPack: flips Electron's fuses on the packaged binary, before signing.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FuseConfig, FuseV1Options, FuseVersion } from '@electron/fuses';
import type { AfterPackContext } from 'electron-builder';
import { ensureElectronSqlite } from './electron-native.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** electron-builder's `Arch` enum, by value (importing the enum would load electron-builder). */
const archNames: Record<number, string> = { 0: 'ia32', 1: 'x64', 2: 'armv7l', 3: 'arm64', 4: 'universal' };

export const stagedBinding = join('out', 'native', 'better_sqlite3.node');

/**
 * The fuses: switches compiled into Electron's binary that no command line or environment
 * variable can turn back.
 */
export function fuseConfig(platform: string, arch: string): FuseConfig {
  return {
    version: FuseVersion.V1,
    // ELECTRON_RUN_AS_NODE would turn the signed app into a general-purpose Node.js.
    [FuseV1Options.RunAsNode]: false,
    // Cookies (the consent window's amoCRM session) encrypted with the OS keychain key.
    [FuseV1Options.EnableCookieEncryption]: true,
    // NODE_OPTIONS and --inspect would let anyone who can start the app inject code into it.
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    // The app's code is checked against the hash electron-builder records (macOS, Windows).
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    // ...and only loaded from app.asar, so a loose folder beside it cannot replace it.
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    // The UI is served from app://; file:// gets no extra powers.
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    // Flipping fuses breaks the ad-hoc signature of an unsigned Apple-silicon build.
    resetAdHocDarwinSignature: platform === 'darwin' && arch === 'arm64',
  };
}

export interface HookDeps {
  readonly ensure: typeof ensureElectronSqlite;
  readonly stage: (from: string, to: string) => void;
}

const realDeps: HookDeps = {
  ensure: ensureElectronSqlite,
  stage(from, to) {
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
  },
};

export function createBeforePack(deps: HookDeps = realDeps, projectRoot = root) {
  return async (context: Pick<AfterPackContext, 'arch' | 'packager'>): Promise<void> => {
    const arch = archNames[context.arch] ?? String(context.arch);
    if (arch === 'universal') {
      throw new Error(
        'A universal macOS build needs better-sqlite3 for both arches joined with lipo; build x64 and arm64 separately',
      );
    }
    const electronVersion = context.packager.info.framework.version;
    const binding = deps.ensure({ root: projectRoot, electronVersion, arch });
    deps.stage(binding, join(projectRoot, stagedBinding));
  };
}

export async function afterPack(context: AfterPackContext): Promise<void> {
  const arch = archNames[context.arch] ?? String(context.arch);
  await context.packager.addElectronFuses(context, fuseConfig(context.electronPlatformName, arch));
}

export const beforePack = createBeforePack();
