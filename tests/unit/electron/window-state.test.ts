/** The window reopens where it was left, unless that place is off every screen. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDesktopState, updateDesktopState } from '../../../src/main/electron/desktop-state';
import { windowPlacement } from '../../../src/main/electron/window-state';
import { tempDir } from '../../helpers/temp-dir';

const laptop = { x: 0, y: 0, width: 1440, height: 870 };
const monitor = { x: 1440, y: -200, width: 2560, height: 1400 };
const defaults = { width: 1100, height: 760 };

describe('windowPlacement', () => {
  it('opens at the default size, centred, the first time', () => {
    expect(windowPlacement(undefined, [laptop], defaults)).toEqual({ bounds: defaults, maximized: false });
  });

  it('restores a place on any connected screen, maximised or not', () => {
    const saved = { x: 1600, y: 0, width: 1200, height: 800, maximized: true };
    expect(windowPlacement(saved, [laptop, monitor], defaults)).toEqual({
      bounds: { x: 1600, y: 0, width: 1200, height: 800 },
      maximized: true,
    });
  });

  it('falls back to the default when the screen it was on is gone', () => {
    const saved = { x: 1600, y: 0, width: 1200, height: 800, maximized: false };
    expect(windowPlacement(saved, [laptop], defaults)).toEqual({ bounds: defaults, maximized: false });
  });

  it('needs the title bar on screen, not just a corner', () => {
    // Only 20 px of the window's left edge is on the laptop screen: not enough to grab.
    const sliver = { x: 1420, y: 100, width: 900, height: 600, maximized: false };
    expect(windowPlacement(sliver, [laptop], defaults).bounds).toEqual(defaults);
    // Title bar above the top of every screen.
    const above = { x: 100, y: -500, width: 900, height: 480, maximized: false };
    expect(windowPlacement(above, [laptop], defaults).bounds).toEqual(defaults);
  });

  it('shrinks a window larger than its screen (resolution lowered since)', () => {
    const big = { x: 0, y: 0, width: 2500, height: 1600, maximized: false };
    expect(windowPlacement(big, [laptop], defaults).bounds).toEqual({ x: 0, y: 0, width: 1440, height: 870 });
  });
});

describe('desktop-state.json', () => {
  it('remembers changes and forgets a damaged file', async () => {
    const path = join(tempDir(), 'desktop-state.json');
    expect(await readDesktopState(path)).toEqual({});
    await updateDesktopState(path, { window: { x: 1, y: 2, width: 800, height: 600, maximized: false } });
    await updateDesktopState(path, { keychainNoticeDismissed: true });
    expect(await readDesktopState(path)).toEqual({
      window: { x: 1, y: 2, width: 800, height: 600, maximized: false },
      keychainNoticeDismissed: true,
    });
    writeFileSync(path, '{"window":{"x":"left"}}');
    expect(await readDesktopState(path)).toEqual({});
    writeFileSync(path, 'garbage');
    expect(await readDesktopState(path)).toEqual({});
  });

  it('never throws when the folder is gone', async () => {
    await expect(updateDesktopState(join(tempDir(), 'missing', 'x.json'), {})).resolves.toBeUndefined();
  });
});
