import type { Palette, Rgba } from '../ui/palette';
import { parseColour } from '../ui/palette';

/**
 * D's score colour scale: the editor background in the middle, shading towards the theme's
 * purple where D says "generated" (low) and its green where D says "real" (high). Kept
 * partly transparent to the background so points and arrows stay legible in every theme.
 */
export function heatScale(palette: Palette): (fraction: number) => Rgba {
  const background = parseColour(palette.background);
  const low = parseColour(palette.purple);
  const high = parseColour(palette.green);
  const strength = 0.7;
  const shade = (level: number): Rgba => {
    const fraction = level / 255;
    const target = fraction < 0.5 ? low : high;
    const amount = Math.abs(fraction - 0.5) * 2 * strength;
    return [
      Math.round(background[0] + (target[0] - background[0]) * amount),
      Math.round(background[1] + (target[1] - background[1]) * amount),
      Math.round(background[2] + (target[2] - background[2]) * amount),
      255,
    ];
  };
  const table = Array.from({ length: 256 }, (_, level) => shade(level));
  // A NaN fraction clamps to a NaN index, which has no entry.
  const lowest = shade(0);
  return (fraction) => table[Math.max(0, Math.min(255, Math.round(fraction * 255)))] ?? lowest;
}

/** Paints `values` (row-major, `columns` wide) into an offscreen canvas, one pixel per cell. */
export function paintCells(values: readonly number[], columns: number, range: readonly [number, number], colourAt: (fraction: number) => Rgba): HTMLCanvasElement {
  const rows = Math.max(1, Math.ceil(values.length / columns));
  const canvas = document.createElement('canvas');
  canvas.width = columns;
  canvas.height = rows;
  const context = canvas.getContext('2d');
  if (context === null) return canvas;
  const image = context.createImageData(columns, rows);
  const span = range[1] - range[0] || 1;
  values.forEach((value, cell) => {
    const colour = colourAt(Number.isFinite(value) ? (value - range[0]) / span : 0.5);
    image.data.set(colour, cell * 4);
  });
  context.putImageData(image, 0, 0);
  return canvas;
}
