import { planeBounds } from '../eval/plane';
import { blankPixels, encodePng, type Rgb, type RgbaPixels } from './png';

export interface ScatterOptions {
  /** Width and height of the square plot in pixels. Default 320. */
  readonly size?: number;
  /** Radius of each dot in pixels. Default 2. */
  readonly pointRadius?: number;
}

export const scatterColours = {
  background: [255, 255, 255],
  axes: [222, 222, 222],
  real: [160, 160, 160],
  generated: [232, 89, 12],
} as const satisfies Record<string, Rgb>;

/**
 * A scatter plot of 2D points (x, y interleaved) over the data plane (planeBounds, the same view
 * the dashboard's field uses), y pointing up: real points in grey beneath generated points in
 * orange. Points outside the view are not drawn.
 */
export function renderScatter(real: Float32Array, generated: Float32Array, options: ScatterOptions = {}): Buffer {
  const size = Math.max(16, Math.round(options.size ?? 320));
  const radius = Math.max(0, Math.round(options.pointRadius ?? 2));
  const canvas = blankPixels(size, size, scatterColours.background);
  // A margin of one dot keeps dots on the view's edge whole; the frame marks the edge itself.
  const view: View = { first: radius + 1, span: size - 1 - 2 * (radius + 1) };
  const [low, high] = [view.first, view.first + view.span];
  const [middleX, middleY] = [toPixelX(view, 0), toPixelY(view, 0)];
  for (let i = low; i <= high; i++) {
    for (const [x, y] of [[i, low], [i, high], [low, i], [high, i], [i, middleY], [middleX, i]] as const) {
      paint(canvas, x, y, scatterColours.axes);
    }
  }
  drawPoints(canvas, view, real, radius, scatterColours.real);
  drawPoints(canvas, view, generated, radius, scatterColours.generated);
  return encodePng(canvas);
}

/** Where the plane lands on the canvas: from pixel `first`, `span` pixels long on both axes. */
interface View {
  readonly first: number;
  readonly span: number;
}

function toPixelX(view: View, x: number): number {
  return Math.round(view.first + ((x - planeBounds.xMin) / (planeBounds.xMax - planeBounds.xMin)) * view.span);
}

/** Rows grow downwards, y upwards. */
function toPixelY(view: View, y: number): number {
  return Math.round(view.first + ((planeBounds.yMax - y) / (planeBounds.yMax - planeBounds.yMin)) * view.span);
}

function drawPoints(canvas: RgbaPixels, view: View, points: Float32Array, radius: number, colour: Rgb): void {
  for (let i = 0; i + 1 < points.length; i += 2) {
    const x = points[i]!;
    const y = points[i + 1]!;
    // Also rejects NaN, which fails every comparison.
    if (!(x >= planeBounds.xMin && x <= planeBounds.xMax && y >= planeBounds.yMin && y <= planeBounds.yMax)) continue;
    const centreX = toPixelX(view, x);
    const centreY = toPixelY(view, y);
    for (let dy = -radius; dy <= radius; dy++) {
      for (let dx = -radius; dx <= radius; dx++) {
        // r² + r rounds the disk out so small radii look round rather than diamond-shaped.
        if (dx * dx + dy * dy <= radius * radius + radius) paint(canvas, centreX + dx, centreY + dy, colour);
      }
    }
  }
}

function paint(canvas: RgbaPixels, x: number, y: number, [red, green, blue]: Rgb): void {
  if (x < 0 || y < 0 || x >= canvas.width || y >= canvas.height) return;
  const at = (y * canvas.width + x) * 4;
  canvas.data[at] = red;
  canvas.data[at + 1] = green;
  canvas.data[at + 2] = blue;
}
