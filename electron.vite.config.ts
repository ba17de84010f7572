/**
 * Builds the three Electron parts: main (the core plus the thin electron/ shell), the
 * preload (one CommonJS file, as a sandboxed preload must be), and the renderer's two
 * pages (the desktop window and the phone companion page).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

export default defineConfig({
  main: {
    define: { __APP_VERSION__: JSON.stringify(version) },
    build: {
      // index: the main process (windows, keychain, IPC); core: the utility process the core runs in.
      rolldownOptions: {
        input: { index: resolve('src/main/electron/main.ts'), core: resolve('src/main/core-process/entry.ts') },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require() anything but electron: bundle it whole, as CJS.
      externalizeDeps: false,
      isolatedEntries: true,
      rolldownOptions: {
        input: { index: resolve('src/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    base: './',
    plugins: [react()],
    build: {
      minify: true,
      // The handoff server reads it to serve a phone exactly the phone page's files.
      manifest: true,
      rolldownOptions: {
        input: {
          desktop: resolve('src/renderer/desktop/index.html'),
          phone: resolve('src/renderer/phone/index.html'),
        },
      },
    },
  },
});
