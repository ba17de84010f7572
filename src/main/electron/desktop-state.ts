/**
 * What the desktop shell remembers between launches (`desktop-state.json` in the data
 * folder): the window's place, and whether the user dismissed the keychain warning. Read
 * through a schema: a damaged or hand-edited file means "remember nothing", never a crash.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomically } from '../lib/atomic-write';

const stateSchema = z.object({
  window: z
    .object({
      x: z.number().int(),
      y: z.number().int(),
      width: z.number().int().positive(),
      height: z.number().int().positive(),
      maximized: z.boolean(),
    })
    .optional(),
  keychainNoticeDismissed: z.boolean().optional(),
});

export type DesktopState = z.infer<typeof stateSchema>;

export const desktopStateFile = 'desktop-state.json';

export async function readDesktopState(path: string): Promise<DesktopState> {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

// Writes one after another: two read-merge-writes at once would lose one change.
let writes: Promise<void> = Promise.resolve();

/** Merges `change` into the file; losing this file loses nothing that matters, so errors are swallowed. */
export function updateDesktopState(path: string, change: Partial<DesktopState>): Promise<void> {
  writes = writes.then(async () => {
    try {
      const next = { ...(await readDesktopState(path)), ...change };
      await writeFileAtomically(path, `${JSON.stringify(next, null, 2)}\n`);
    } catch {
      // The window then opens at its default place next time.
    }
  });
  return writes;
}

/** Resolves once every write so far is on disk: the app waits for it before it exits. */
export function desktopStateWritten(): Promise<void> {
  return writes;
}
