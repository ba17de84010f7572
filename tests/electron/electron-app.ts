/**
 * Starting the built app in the real Electron for a test: its own data folder, the
 * better-sqlite3 build for Electron's ABI (made once, as `npm start` does), and a
 * Playwright handle on the main process and the first window.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type ElectronApplication, _electron as electron, type Page } from 'playwright-core';
import { ensureElectronSqlite } from '../../scripts/electron-native.js';
import { projectRoot } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

const require = createRequire(import.meta.url);

export interface RunningApp {
  readonly app: ElectronApplication;
  readonly page: Page;
  readonly dataDir: string;
  close(): Promise<void>;
}

export async function launchApp(): Promise<RunningApp> {
  // The electron package's main export is the binary's path (it downloads it on first use).
  let executablePath: string;
  try {
    // biome-ignore lint/style/noRestrictedImports: the binary's path from the electron package, not Electron's API
    executablePath = require('electron') as unknown as string;
  } catch (error) {
    throw new Error(
      `Electron's binary is not installed and could not be downloaded; these tests need it (${(error as Error).message})`,
    );
  }
  const { version } = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string };
  const binding = ensureElectronSqlite({ root: projectRoot, electronVersion: version });
  const dataDir = tempDir('amo-phonebook-electron-');
  const app = await electron.launch({
    executablePath,
    args: ['.'],
    cwd: projectRoot,
    env: {
      ...process.env,
      AMO_PHONEBOOK_DATA_DIR: dataDir,
      AMO_PHONEBOOK_SQLITE_BINDING: binding,
      ELECTRON_RENDERER_URL: '',
    },
  });
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  return { app, page, dataDir, close: () => app.close() };
}
