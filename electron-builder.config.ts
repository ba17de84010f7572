/**
 * Packaging: `npm run dist` (electron-vite build, then electron-builder with this file)
 * makes the current system's installers: AppImage and .deb on Linux, .dmg on macOS, an
 * NSIS installer on Windows. It needs Electron's binary and headers from the network.
 */
import type { Configuration } from 'electron-builder';
import { afterPack, beforePack, stagedBinding } from './scripts/packaging-hooks';

const config: Configuration = {
  appId: 'com.amo-phonebook.desktop',
  productName: 'amo-phonebook',
  directories: { output: 'dist', buildResources: 'build' },
  files: [
    'out/**',
    'package.json',
    '!out/**/*.map',
    // The Node build and sources of better-sqlite3: the app loads out/native's Electron build.
    '!node_modules/better-sqlite3/{build,deps,src}/**',
    // tsx (and esbuild under it) serve the CLI from a checkout; the app never loads them.
    '!node_modules/{tsx,esbuild,@esbuild}/**',
  ],
  // A native library cannot be loaded from inside an archive.
  asar: true,
  asarUnpack: [stagedBinding, '**/*.node'],
  // electron-builder would rebuild node_modules/better-sqlite3 in place for Electron, and
  // `npm test` (Node) would then fail to load it; beforePack builds a separate copy instead.
  npmRebuild: false,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  beforePack,
  afterPack,
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Office',
    executableName: 'amo-phonebook',
    maintainer: 'amo-phonebook',
    synopsis: 'Your amoCRM/Kommo contacts on your phone',
  },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.business',
    hardenedRuntime: true,
  },
  win: { target: ['nsis'] },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
  publish: null,
};

export default config;
