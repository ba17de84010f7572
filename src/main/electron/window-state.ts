/**
 * Where the window opens: where the user left it, unless that place is no longer on any
 * screen (a monitor unplugged, a laptop undocked), in which case it opens centred at the
 * default size. Pure: the displays are passed in.
 */

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface SavedWindow extends Rect {
  readonly maximized: boolean;
}

export interface WindowPlacement {
  /** Without x/y Electron centres the window on the primary display. */
  readonly bounds: { x?: number; y?: number; width: number; height: number };
  readonly maximized: boolean;
}

/** How much of the title bar must be on a screen for the user to grab it. */
const grabWidth = 100;
const grabHeight = 30;

export function windowPlacement(
  saved: SavedWindow | undefined,
  workAreas: readonly Rect[],
  defaults: { width: number; height: number },
): WindowPlacement {
  if (!saved) return { bounds: { ...defaults }, maximized: false };
  const titleBar: Rect = { x: saved.x, y: saved.y, width: saved.width, height: Math.min(grabHeight, saved.height) };
  const screen = workAreas.find((area) => overlap(titleBar, area, grabWidth, Math.min(grabHeight, saved.height)));
  if (!screen) return { bounds: { ...defaults }, maximized: saved.maximized };
  return {
    bounds: {
      x: saved.x,
      y: saved.y,
      // A window bigger than its screen (resolution lowered since) would hide its edges.
      width: Math.min(saved.width, screen.width),
      height: Math.min(saved.height, screen.height),
    },
    maximized: saved.maximized,
  };
}

function overlap(a: Rect, b: Rect, minWidth: number, minHeight: number): boolean {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width >= Math.min(minWidth, a.width) && height >= minHeight;
}
