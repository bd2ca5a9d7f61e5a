import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { drawQr } from './form01-pdf';

/** The squares drawQr asks for, painted black on white at `scale` pixels a point; then read back. */
function readQr(text: string): string | null {
  const size = 96;
  const scale = 3;
  const side = size * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  const squares: [number, number, number, number][] = [];
  const recorder = {
    save: () => recorder,
    restore: () => recorder,
    fillColor: () => recorder,
    fill: () => recorder,
    rect: (x: number, y: number, w: number, h: number) => {
      squares.push([x, y, w, h]);
      return recorder;
    },
  };
  drawQr(recorder as unknown as Parameters<typeof drawQr>[0], text, 0, 0, size);
  for (const [x, y, w, h] of squares)
    for (let py = Math.round(y * scale); py < Math.round((y + h) * scale); py++)
      for (let px = Math.round(x * scale); px < Math.round((x + w) * scale); px++) {
        const i = (py * side + px) * 4;
        pixels[i] = pixels[i + 1] = pixels[i + 2] = 0;
      }
  // A white border around the one-module quiet zone drawQr leaves, as paper has.
  const margin = 24;
  const framed = new Uint8ClampedArray((side + 2 * margin) ** 2 * 4).fill(255);
  for (let row = 0; row < side; row++)
    framed.set(
      pixels.subarray(row * side * 4, (row + 1) * side * 4),
      ((row + margin) * (side + 2 * margin) + margin) * 4,
    );
  return jsQR(framed, side + 2 * margin, side + 2 * margin)?.data ?? null;
}

describe('the Form 01 QR', () => {
  it.each(['00264.GD_2026_0101', '12345.GD_2027_79TTA'])('reads back as the dossier number %s', (number) => {
    expect(readQr(number)).toBe(number);
  });
});
