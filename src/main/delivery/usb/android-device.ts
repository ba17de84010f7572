/** An Android phone as `adb devices -l` lists it (devices.ts reads the list; messages.ts explains its state). */
export type AndroidDeviceState = 'device' | 'unauthorized' | 'offline' | 'no-permissions' | 'unknown';

export interface AndroidDevice {
  readonly serial: string;
  /** `device` is the only state in which adb can reverse a port and open a page. */
  readonly state: AndroidDeviceState;
  /** adb's own words for the state ("recovery", "authorizing", "no permissions (…)"). */
  readonly stateText: string;
  /** As adb prints it: spaces become underscores ("Pixel_7"). */
  readonly model?: string;
  readonly product?: string;
  readonly transportId?: string;
}
