import { blankPixels, encodePng, type Rgb } from './png';

export interface ImageGridOptions {
  /** Tiles per row; default: the smallest count that makes the grid near-square. */
  readonly columns?: number;
  /** Integer upscaling (nearest neighbour), so tiny images stay legible. Default 1. */
  readonly scale?: number;
  /** Gap between tiles and around the border, in output pixels. Default 2. */
  readonly separator?: number;
}

// Mid grey stands out against both dark-background (MNIST) and light images.
const separatorColour: Rgb = [128, 128, 128];

/**
 * Tiles `images` (example-major, each [height, width, channels] with channels 1 or 3, values in
 * [-1, 1]) into one PNG. Values map linearly to 0..255 and are clamped; NaN shows as black.
 */
export function renderImageGrid(images: Float32Array, shape: readonly number[], options: ImageGridOptions = {}): Buffer {
  const [height, width, channels] = shape as [number, number, number];
  if (shape.length !== 3 || (channels !== 1 && channels !== 3)) {
    throw new RangeError(`Image grids need [height, width, 1 or 3] images, got [${shape.join(', ')}].`);
  }
  const tileSize = height * width * channels;
  const count = Math.floor(images.length / tileSize);
  if (count < 1 || count * tileSize !== images.length) {
    throw new RangeError(`${images.length} values do not make whole [${shape.join(', ')}] images.`);
  }
  const scale = Math.max(1, Math.round(options.scale ?? 1));
  const gap = Math.max(0, Math.round(options.separator ?? 2));
  const columns = Math.min(count, Math.max(1, Math.round(options.columns ?? Math.ceil(Math.sqrt(count)))));
  const rows = Math.ceil(count / columns);
  const tileWidth = width * scale;
  const tileHeight = height * scale;
  const canvas = blankPixels(columns * (tileWidth + gap) + gap, rows * (tileHeight + gap) + gap, separatorColour);

  for (let n = 0; n < count; n++) {
    const left = gap + (n % columns) * (tileWidth + gap);
    const top = gap + Math.floor(n / columns) * (tileHeight + gap);
    for (let y = 0; y < tileHeight; y++) {
      for (let x = 0; x < tileWidth; x++) {
        const from = n * tileSize + (Math.floor(y / scale) * width + Math.floor(x / scale)) * channels;
        const to = ((top + y) * canvas.width + left + x) * 4;
        for (let c = 0; c < 3; c++) canvas.data[to + c] = toByte(images[from + (channels === 3 ? c : 0)]!);
      }
    }
  }
  return encodePng(canvas);
}

function toByte(value: number): number {
  // NaN fails both comparisons and lands on 0.
  return value > 1 ? 255 : value >= -1 ? Math.round((value + 1) * 127.5) : 0;
}
