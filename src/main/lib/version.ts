/** The app's version, injected at build time by Vite and read from package.json under tsx. */
import { readFileSync } from 'node:fs';

declare const __APP_VERSION__: string | undefined;

function readVersion(): string {
  if (typeof __APP_VERSION__ === 'string') return __APP_VERSION__;
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export const appVersion = readVersion();
