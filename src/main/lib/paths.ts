/**
 * The per-user data folder, computed the way Electron's `app.getPath('userData')` does
 * for an app named amo-phonebook, so the CLI, browser mode and the desktop app share one
 * mirror without the core importing electron.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const appName = 'amo-phonebook';
/** The mirror's file in the data folder (the core opens it; the desktop shell may keep it aside). */
export const mirrorFileName = 'mirror.sqlite';

export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env['AMO_PHONEBOOK_DATA_DIR']) return env['AMO_PHONEBOOK_DATA_DIR'];
  const home = homedir();
  switch (platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', appName);
    case 'win32':
      return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), appName);
    default:
      return join(env['XDG_CONFIG_HOME'] ?? join(home, '.config'), appName);
  }
}

/** Where an export goes when the user did not pick a file: Downloads, else the data folder. */
export function defaultExportFolder(dataDir: string): string {
  const downloads = join(homedir(), 'Downloads');
  return existsSync(downloads) ? downloads : join(dataDir, 'exports');
}

/** The built renderer (`npm run build`), when the core runs from this checkout. */
export function builtUiDir(): string {
  // src/main/lib -> project root
  return fileURLToPath(new URL('../../../out/renderer/', import.meta.url));
}
