/** Types for electron-native.js (a plain ES module run by node), for the TypeScript callers. */
export interface ElectronSqlitePlan {
  readonly dir: string;
  readonly binding: string;
  readonly args: string[];
  readonly env: Record<string, string | undefined>;
}

export function electronSqlitePlan(options: {
  root: string;
  electronVersion: string;
  arch: string;
  sqliteVersion: string;
  env: Record<string, string | undefined>;
}): ElectronSqlitePlan;

export function ensureElectronSqlite(options: {
  root: string;
  electronVersion: string;
  arch?: string;
  log?: (message: string) => void;
}): string;
