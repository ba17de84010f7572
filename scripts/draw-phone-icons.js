/**
 * Draws the phone page's app icons (192 and 512 px PNGs, full-bleed so they also work as
 * maskable icons) into src/renderer/public/phone-app/. Run it again after changing the
 * drawing: `node scripts/draw-phone-icons.js`. The PNGs are committed.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'renderer', 'public', 'phone-app');
const background = [0x1f, 0x6f, 0xeb];
const foreground = [0xff, 0xff, 0xff];

/** How much of pixel (x, y) a shape covers, from 4x4 samples (smooth edges). */
function coverage(x, y, inside) {
  let hits = 0;
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) if (inside(x + (i + 0.5) / 4, y + (j + 0.5) / 4)) hits++;
  }
  return hits / 16;
}

function draw(size) {
  const png = new PNG({ width: size, height: size });
  const s = size / 100; // the drawing is in a 100x100 box; the person stays in the maskable safe zone
  const inPerson = (x, y) => {
    const u = x / s;
    const v = y / s;
    const head = (u - 50) ** 2 + (v - 38) ** 2 <= 13 ** 2;
    // Shoulders: the top half of an ellipse, cut flat at the bottom.
    const body = v <= 74 && v >= 56 && ((u - 50) / 24) ** 2 + ((v - 76) / 20) ** 2 <= 1;
    return head || body;
  };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = coverage(x, y, inPerson);
      const offset = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) {
        png.data[offset + c] = Math.round(background[c] * (1 - a) + foreground[c] * a);
      }
      png.data[offset + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

for (const size of [192, 512]) {
  writeFileSync(join(outDir, `icon-${size}.png`), draw(size));
  console.log(`icon-${size}.png`);
}
