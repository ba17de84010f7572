/** The app itself: which face runs the core, its version and data folder. */
import { empty } from './fields';
import { verb } from './verb';

export type Face = 'electron' | 'browser' | 'cli';

export interface AppInfo {
  readonly version: string;
  readonly face: Face;
  readonly dataDir: string;
}

/** The app verbs: each one's input schema and what it answers. */
export const appVerbs = {
  getAppInfo: verb(empty).returns<AppInfo>(),
} as const;
