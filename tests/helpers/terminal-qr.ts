/**
 * Reads a QR code drawn in a terminal (`export --qr` draws it on stderr with half blocks,
 * two module rows per text line, black on white) the way a phone's camera would read the
 * screen: back to pixels, then jsQR. The test then opens what the code says, not what the
 * CLI printed next to it.
 */
import jsQR from 'jsqr';

const black = 30;
const scale = 4;
const quietZone = 4;

/** The dark modules, row by row, from the terminal text (ANSI colours included). */
function modules(text: string): boolean[][] {
  const rows: boolean[][] = [];
  let top: boolean[] = [];
  let bottom: boolean[] = [];
  let qrLine = true;
  let foreground = black;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts the ANSI colour codes the terminal text carries
  for (const token of text.matchAll(/\x1b\[(\d+)m|([\s\S])/gu)) {
    const code = token[1];
    const char = token[2];
    if (code !== undefined) {
      const value = Number(code);
      // 0 resets; each QR line then sets black on white again. Only the foreground matters:
      // the border's half blocks are drawn in white (37) on the terminal's own background.
      if (value === 0 || value === black || value === 37) foreground = value === 37 ? 37 : black;
      continue;
    }
    if (char === '\n') {
      if (qrLine && top.length > 0) rows.push(top, bottom);
      top = [];
      bottom = [];
      qrLine = true;
      continue;
    }
    const dark = foreground === black;
    if (char === '█') {
      top.push(dark);
      bottom.push(dark);
    } else if (char === '▀') {
      top.push(dark);
      bottom.push(false);
    } else if (char === '▄') {
      top.push(false);
      bottom.push(dark);
    } else if (char === ' ') {
      top.push(false);
      bottom.push(false);
    } else {
      qrLine = false; // the text around the code (the link, the check code)
    }
  }
  if (qrLine && top.length > 0) rows.push(top, bottom);
  const width = Math.max(...rows.map((row) => row.length));
  return rows.filter((row) => row.length === width);
}

/** The text a camera would read from the QR code in `terminalText`, or null when there is none. */
export function readTerminalQr(terminalText: string): string | null {
  const grid = modules(terminalText);
  if (grid.length === 0) return null;
  const size = (grid[0]?.length ?? 0) + 2 * quietZone;
  const height = grid.length + 2 * quietZone;
  const pixels = new Uint8ClampedArray(size * scale * height * scale * 4).fill(255);
  grid.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (!dark) return;
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const offset = (((y + quietZone) * scale + dy) * size * scale + (x + quietZone) * scale + dx) * 4;
          pixels.fill(0, offset, offset + 3);
        }
      }
    });
  });
  return jsQR(pixels, size * scale, height * scale)?.data ?? null;
}
