/**
 * The files the handoff server may send to a phone: the companion page and exactly the
 * built assets it loads (read from vite's manifest), plus its web-app files. Nothing of
 * the desktop window is ever served on the network.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface PhoneAssets {
  /** The page's HTML (served for /p/TOKEN and /p/share). */
  readonly pageHtml: Buffer;
  /** File name (in the built assets folder) -> absolute path. */
  readonly assets: ReadonlyMap<string, string>;
  /** The web-app folder (manifest, icons, service worker). */
  readonly appDir: string;
}

interface ManifestChunk {
  readonly file: string;
  readonly imports?: readonly string[];
  readonly css?: readonly string[];
  readonly assets?: readonly string[];
}

export const phoneEntry = 'phone/index.html';

/** Everything the phone entry pulls in, transitively, as built file paths ("assets/x.js"). */
export function phoneFiles(manifest: Readonly<Record<string, ManifestChunk>>): string[] {
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const file of [...(chunk.css ?? []), ...(chunk.assets ?? [])]) files.add(file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(phoneEntry);
  return [...files];
}

export async function loadPhoneAssets(uiDir: string): Promise<PhoneAssets> {
  let manifest: Record<string, ManifestChunk>;
  let pageHtml: Buffer;
  try {
    manifest = JSON.parse(await readFile(join(uiDir, '.vite', 'manifest.json'), 'utf8'));
    pageHtml = await readFile(join(uiDir, phoneEntry));
  } catch (error) {
    throw new Error(`The phone page is not built in ${uiDir} (run: npm run build): ${(error as Error).message}`);
  }
  const assets = new Map<string, string>();
  for (const file of phoneFiles(manifest)) {
    if (file.startsWith('assets/') && !file.slice('assets/'.length).includes('/')) {
      assets.set(file.slice('assets/'.length), join(uiDir, file));
    }
  }
  return { pageHtml, assets, appDir: join(uiDir, 'phone-app') };
}
