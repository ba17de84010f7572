/**
 * `npm run e2e:electron`: the real Electron window, driven by Playwright's `_electron`.
 * Needs Electron's binary (downloaded by the electron package on first use) and a display
 * (or xvfb-run). Not part of `npm test`: the binary cannot be downloaded everywhere.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'electron',
    include: ['tests/electron/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
