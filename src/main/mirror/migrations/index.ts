/**
 * Every schema version, in order. Imported statically (no runtime file reads), so the
 * migrations travel inside any bundle, Electron's included.
 */
import { migration0001Initial } from './0001-initial';
import type { Migration } from './migration';

export const allMigrations: readonly Migration[] = [migration0001Initial];
