/**
 * The way forward from a damaged mirror: keep it aside (renamed, with its companions) and let
 * the next start create an empty one. Only a mirror that really fails to open is moved: a
 * healthy one holds what each phone already has (the ledger), and losing that would send
 * every contact to every phone again, so it is never moved by mistake.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import { mirrorFileName } from '../lib/paths';
import { setAside, sqliteCompanions } from '../lib/set-aside';
import { closeStore, openStore } from './open-store';

export type StartFreshOutcome =
  /** The damaged mirror now lives at `aside`; the next start begins with an empty one. */
  | { readonly kind: 'kept-aside'; readonly aside: string; readonly reason: string }
  /** It opened fine: nothing was moved. */
  | { readonly kind: 'healthy' }
  /** Written by a newer version: updating the app is the way, nothing was moved. */
  | { readonly kind: 'too-new' }
  | { readonly kind: 'no-mirror' };

export function startFreshIfDamaged(dataDir: string, now = new Date()): StartFreshOutcome {
  const path = join(dataDir, mirrorFileName);
  if (!existsSync(path)) return { kind: 'no-mirror' };
  try {
    closeStore(openStore(path));
    return { kind: 'healthy' };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === 'DB_TOO_NEW') return { kind: 'too-new' };
    if (error.code !== 'DB_CORRUPT') throw error;
    const aside = setAside(path, now, sqliteCompanions);
    return aside ? { kind: 'kept-aside', aside, reason: error.message } : { kind: 'no-mirror' };
  }
}
