/**
 * Writing a .vcf atomically: a temporary file in the same folder, flushed to disk, then
 * renamed over the target. A crash or kill leaves either the old file or the complete new
 * one, never half a file (R15: only a complete file counts as delivered).
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../shared/errors';

/**
 * `data` may come in parts (a big export's chunks), written one after the other: no copy
 * of the whole is made to join them.
 */
export async function writeFileAtomically(
  path: string,
  data: string | Uint8Array | readonly Uint8Array[],
): Promise<void> {
  const folder = dirname(path);
  const folderStat = await stat(folder).catch(() => null);
  if (!folderStat?.isDirectory()) {
    throw new AppError('OUTPUT_NOT_WRITABLE', `The folder ${folder} does not exist`, { path });
  }
  const temporary = join(folder, `.${basename(path)}.${randomBytes(6).toString('hex')}.part`);
  try {
    const handle = await open(temporary, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600);
    try {
      // Each writeFile continues where the last one ended.
      if (Array.isArray(data)) for (const part of data as readonly Uint8Array[]) await handle.writeFile(part);
      else await handle.writeFile(data as string | Uint8Array);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    throw new AppError(
      'OUTPUT_NOT_WRITABLE',
      `Cannot write ${path} (${code})`,
      { path, reason: code },
      { cause: error },
    );
  }
  await syncFolder(folder);
}

/** Makes the rename itself durable; some platforms cannot open a folder, which is fine. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, constants.O_RDONLY);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot fsync a directory; the rename is still atomic there.
  }
}
