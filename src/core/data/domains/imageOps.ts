/**
 * Host loops over one image at a time: [height, width, channels] values in [-1, 1], row-major, as
 * Dataset holds them. The translation families' second domains are built from the digits with
 * these once, when data loads, so none of it runs in the training step.
 */
export interface Image {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly values: Float32Array;
}

const BACKGROUND = -1;

/** Grey morphology with a 3×3 square: `max` thickens strokes (dilation), `min` thins them (erosion). */
export function morph(image: Image, combine: 'max' | 'min'): Image {
  const { height, width, channels, values } = image;
  const out = new Float32Array(values.length);
  const pick = combine === 'max' ? Math.max : Math.min;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        let best = combine === 'max' ? -Infinity : Infinity;
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const yy = y + dy;
            const xx = x + dx;
            // Outside the frame is background: erosion then clears strokes that touch the edge.
            const value = yy < 0 || yy >= height || xx < 0 || xx >= width ? BACKGROUND : values[(yy * width + xx) * channels + c]!;
            best = pick(best, value);
          }
        }
        out[(y * width + x) * channels + c] = best;
      }
    }
  }
  return { ...image, values: out };
}

/** A turn by `degrees` (counter-clockwise) about the centre, bilinear, background outside. */
export function rotate(image: Image, degrees: number): Image {
  const { height, width, channels, values } = image;
  const out = new Float32Array(values.length);
  const angle = (degrees * Math.PI) / 180;
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
  const [cx, cy] = [(width - 1) / 2, (height - 1) / 2];
  const at = (x: number, y: number, c: number) => (x < 0 || x >= width || y < 0 || y >= height ? BACKGROUND : values[(y * width + x) * channels + c]!);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // The inverse map: where in the source this output pixel comes from.
      const sx = cos * (x - cx) - sin * (y - cy) + cx;
      const sy = sin * (x - cx) + cos * (y - cy) + cy;
      // Snap values a rounding error off a whole pixel, so quarter turns move pixels exactly.
      const [rx, ry] = [Math.abs(sx - Math.round(sx)) < 1e-9 ? Math.round(sx) : sx, Math.abs(sy - Math.round(sy)) < 1e-9 ? Math.round(sy) : sy];
      const [x0, y0] = [Math.floor(rx), Math.floor(ry)];
      const [fx, fy] = [rx - x0, ry - y0];
      for (let c = 0; c < channels; c++) {
        out[(y * width + x) * channels + c] = (1 - fx) * (1 - fy) * at(x0, y0, c) + fx * (1 - fy) * at(x0 + 1, y0, c)
          + (1 - fx) * fy * at(x0, y0 + 1, c) + fx * fy * at(x0 + 1, y0 + 1, c);
      }
    }
  }
  return { ...image, values: out };
}

/**
 * Sobel edge strength of a grey image, scaled so the strongest edge a [-1, 1] image can have
 * (a step from −1 to 1 across the kernel) maps to 1 and flat areas to −1.
 */
export function sobelEdges(image: Image): Image {
  const { height, width, values } = image;
  if (image.channels !== 1) throw new Error('sobelEdges needs a grey image');
  const at = (x: number, y: number) => values[Math.min(Math.max(y, 0), height - 1) * width + Math.min(Math.max(x, 0), width - 1)]!;
  const out = new Float32Array(values.length);
  const strongest = 8; // |Gx| for a −1 → 1 step: (1 + 2 + 1) · 2
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const gx = at(x + 1, y - 1) + 2 * at(x + 1, y) + at(x + 1, y + 1) - at(x - 1, y - 1) - 2 * at(x - 1, y) - at(x - 1, y + 1);
      const gy = at(x - 1, y + 1) + 2 * at(x, y + 1) + at(x + 1, y + 1) - at(x - 1, y - 1) - 2 * at(x, y - 1) - at(x + 1, y - 1);
      out[y * width + x] = Math.min(Math.hypot(gx, gy) / strongest, 1) * 2 - 1;
    }
  }
  return { ...image, values: out };
}

/** Each output pixel the mean of a factor×factor block: a blur and a downsample in one (28 → 14 px). */
export function downsample(image: Image, factor: number): Image {
  const { height, width, channels, values } = image;
  if (height % factor !== 0 || width % factor !== 0) throw new Error(`downsample: ${height}×${width} does not divide by ${factor}`);
  const [h, w] = [height / factor, width / factor];
  const out = new Float32Array(h * w * channels);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let dy = 0; dy < factor; dy++) {
          for (let dx = 0; dx < factor; dx++) sum += values[((y * factor + dy) * width + x * factor + dx) * channels + c]!;
        }
        out[(y * w + x) * channels + c] = sum / (factor * factor);
      }
    }
  }
  return { height: h, width: w, channels, values: out };
}

/** Bilinear enlargement by `factor` (edges clamped): with downsample, a blur that keeps the size. */
export function upsample(image: Image, factor: number): Image {
  const { height, width, channels, values } = image;
  const [h, w] = [height * factor, width * factor];
  const out = new Float32Array(h * w * channels);
  const clampX = (x: number) => Math.min(Math.max(x, 0), width - 1);
  const clampY = (y: number) => Math.min(Math.max(y, 0), height - 1);
  for (let y = 0; y < h; y++) {
    const sy = (y + 0.5) / factor - 0.5;
    const y0 = Math.floor(sy);
    const fy = sy - y0;
    for (let x = 0; x < w; x++) {
      const sx = (x + 0.5) / factor - 0.5;
      const x0 = Math.floor(sx);
      const fx = sx - x0;
      for (let c = 0; c < channels; c++) {
        const at = (xx: number, yy: number) => values[(clampY(yy) * width + clampX(xx)) * channels + c]!;
        out[(y * w + x) * channels + c] = (1 - fx) * (1 - fy) * at(x0, y0) + fx * (1 - fy) * at(x0 + 1, y0)
          + (1 - fx) * fy * at(x0, y0 + 1) + fx * fy * at(x0 + 1, y0 + 1);
      }
    }
  }
  return { height: h, width: w, channels, values: out };
}
