import type { RgbaPixels } from './png';

/**
 * A 3×5 pixel font for the few words a rendered plot needs (tick values and its legend), drawn at
 * an integer scale: the PNG is made without a canvas or a font file. Each glyph is five rows of
 * three bits, top first.
 */
const glyphs: Readonly<Record<string, readonly string[]>> = {
  '0': ['111', '101', '101', '101', '111'],
  '1': ['010', '110', '010', '010', '111'],
  '2': ['111', '001', '111', '100', '111'],
  '3': ['111', '001', '011', '001', '111'],
  '4': ['101', '101', '111', '001', '001'],
  '5': ['111', '100', '111', '001', '111'],
  '6': ['111', '100', '111', '101', '111'],
  '7': ['111', '001', '010', '010', '010'],
  '8': ['111', '101', '111', '101', '111'],
  '9': ['111', '101', '111', '001', '111'],
  '-': ['000', '000', '111', '000', '000'],
  '.': ['000', '000', '000', '000', '010'],
  ' ': ['000', '000', '000', '000', '000'],
  a: ['000', '011', '101', '101', '011'],
  b: ['100', '110', '101', '101', '110'],
  c: ['000', '011', '100', '100', '011'],
  d: ['001', '011', '101', '101', '011'],
  e: ['000', '111', '111', '100', '011'],
  g: ['000', '011', '101', '011', '110'],
  l: ['110', '010', '010', '010', '111'],
  n: ['000', '110', '101', '101', '101'],
  o: ['000', '010', '101', '101', '010'],
  r: ['000', '101', '110', '100', '100'],
  s: ['000', '011', '110', '011', '110'],
  t: ['010', '111', '010', '010', '011'],
  u: ['000', '101', '101', '101', '011'],
};

export const GLYPH_WIDTH = 3;
export const GLYPH_HEIGHT = 5;

/** Width in pixels of `text` at `scale` (one blank column between glyphs). */
export function textWidth(text: string, scale: number): number {
  return text.length ? (text.length * (GLYPH_WIDTH + 1) - 1) * scale : 0;
}

/** Whether every character of `text` has a glyph: a label from outside (a class folder's name) may not. */
export function drawable(text: string): boolean {
  return [...text].every((character) => glyphs[character] !== undefined);
}

/** Draws `text` with its top-left corner at (x, y); a character without a glyph is a RangeError (a caller's bug). */
export function drawText(canvas: RgbaPixels, text: string, x: number, y: number, scale: number, paint: (canvas: RgbaPixels, x: number, y: number) => void): void {
  [...text].forEach((character, index) => {
    const glyph = glyphs[character];
    if (!glyph) throw new RangeError(`no glyph for '${character}'`);
    const left = x + index * (GLYPH_WIDTH + 1) * scale;
    glyph.forEach((row, rowIndex) => {
      for (let column = 0; column < GLYPH_WIDTH; column++) {
        if (row[column] !== '1') continue;
        for (let dy = 0; dy < scale; dy++) {
          for (let dx = 0; dx < scale; dx++) paint(canvas, left + column * scale + dx, y + rowIndex * scale + dy);
        }
      }
    });
  });
}
