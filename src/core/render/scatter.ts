import { planeBounds } from '../eval/plane';
import { drawText, GLYPH_HEIGHT, textWidth } from './bitmapFont';
import { encodePng, type Rgb, type RgbaPixels } from './png';

export interface ScatterOptions {
  /** Width and height of the square plot area in pixels (the axes and legend add margins). Default 400. */
  readonly size?: number;
  /** Radius of each dot in pixels. Default 2. */
  readonly pointRadius?: number;
}

/**
 * The dashboard's plane view colours (VS Code's chart blue and orange), readable on light and dark
 * backgrounds alike: the background is transparent, so a note's preview in a dark theme shows no
 * light box, and the axes and text are a grey that reads on both.
 */
export const scatterColours = {
  axes: [128, 128, 128],
  real: [55, 148, 255],
  generated: [232, 89, 12],
} as const satisfies Record<string, Rgb>;

/** Tick values on both axes: the data's own [-1, 1] square, inside the plane's margin. */
const TICKS = [-1, -0.5, 0, 0.5, 1];

/** Where the plot area lies in the image, and the image's size. */
export interface ScatterLayout {
  readonly width: number;
  readonly height: number;
  /** Top-left pixel of the plot area, and its side. */
  readonly left: number;
  readonly top: number;
  readonly span: number;
  /** Pixel size of the text. */
  readonly scale: number;
}

export function scatterLayout(size = 400): ScatterLayout {
  const span = Math.max(16, Math.round(size));
  const scale = Math.max(1, Math.round(span / 200));
  const tickLength = 3 * scale;
  const left = textWidth('-0.5', scale) + tickLength + 2 * scale + 1;
  const top = (GLYPH_HEIGHT + 5) * scale;
  const bottom = GLYPH_HEIGHT * scale + tickLength + 3 * scale;
  const right = Math.ceil(textWidth('1', scale) / 2) + 2 * scale;
  return { width: left + span + right, height: top + span + bottom, left, top, span, scale };
}

/** One set of points a scatter plot draws in one colour, named in its legend. */
export interface ScatterSeries {
  /** x, y interleaved. */
  readonly points: Float32Array;
  readonly colour: Rgb;
  readonly label: string;
}

/**
 * A scatter plot of 2D points (x, y interleaved) over the data plane (planeBounds, the same view
 * as the dashboard's plane, with a margin around the data's [-1, 1]² so modes on its edge show
 * whole), y pointing up: real points beneath generated ones, axes with ticks, and a legend.
 * Points outside the view are not drawn.
 */
export function renderScatter(real: Float32Array, generated: Float32Array, options: ScatterOptions = {}): Buffer {
  return renderSeries([
    { points: real, colour: scatterColours.real, label: 'real' },
    { points: generated, colour: scatterColours.generated, label: 'generated' },
  ], options);
}

/** A scatter plot of several series over the plane, each drawn over the ones before it, with a legend naming them in order. */
export function renderSeries(series: readonly ScatterSeries[], options: ScatterOptions = {}): Buffer {
  const layout = scatterLayout(options.size);
  const radius = Math.max(0, Math.round(options.pointRadius ?? 2));
  const canvas: RgbaPixels = { width: layout.width, height: layout.height, data: new Uint8Array(layout.width * layout.height * 4) };
  drawAxes(canvas, layout);
  for (const { points, colour } of series) drawPoints(canvas, layout, points, radius, colour);
  drawLegend(canvas, layout, radius, series);
  return encodePng(canvas);
}

function toPixelX(layout: ScatterLayout, x: number): number {
  return Math.round(layout.left + ((x - planeBounds.xMin) / (planeBounds.xMax - planeBounds.xMin)) * (layout.span - 1));
}

/** Rows grow downwards, y upwards. */
function toPixelY(layout: ScatterLayout, y: number): number {
  return Math.round(layout.top + ((planeBounds.yMax - y) / (planeBounds.yMax - planeBounds.yMin)) * (layout.span - 1));
}

/** The frame, faint zero lines, and ticks with their values below and left of the frame. */
function drawAxes(canvas: RgbaPixels, layout: ScatterLayout): void {
  const { left, top, span, scale } = layout;
  const [right, bottom] = [left + span - 1, top + span - 1];
  const faint = (x: number, y: number) => paint(canvas, x, y, scatterColours.axes, 70);
  const solid = (_canvas: RgbaPixels, x: number, y: number) => paint(canvas, x, y, scatterColours.axes);
  for (let i = 0; i < span; i++) {
    faint(toPixelX(layout, 0), top + i);
    faint(left + i, toPixelY(layout, 0));
    for (const [x, y] of [[left + i, top], [left + i, bottom], [left, top + i], [right, top + i]] as const) solid(canvas, x, y);
  }
  const tickLength = 3 * scale;
  for (const value of TICKS) {
    const label = String(value);
    const x = toPixelX(layout, value);
    const y = toPixelY(layout, value);
    for (let t = 1; t <= tickLength; t++) {
      solid(canvas, x, bottom + t);
      solid(canvas, left - t, y);
    }
    drawText(canvas, label, x - Math.floor(textWidth(label, scale) / 2), bottom + tickLength + 2 * scale, scale, solid);
    drawText(canvas, label, left - tickLength - scale - textWidth(label, scale), y - Math.floor((GLYPH_HEIGHT * scale) / 2), scale, solid);
  }
}

/** "● real  ● generated" above the plot, left-aligned with it. */
function drawLegend(canvas: RgbaPixels, layout: ScatterLayout, radius: number, series: readonly ScatterSeries[]): void {
  const { scale } = layout;
  const dot = Math.max(radius, 2 * scale);
  const y = Math.round(((GLYPH_HEIGHT + 5) * scale - GLYPH_HEIGHT * scale) / 2) - scale;
  let x = layout.left;
  for (const { label, colour } of series) {
    disk(canvas, x + dot, y + Math.floor((GLYPH_HEIGHT * scale) / 2), dot, colour);
    x += 2 * dot + 2 * scale;
    drawText(canvas, label, x, y, scale, (_canvas, px, py) => paint(canvas, px, py, scatterColours.axes));
    x += textWidth(label, scale) + 6 * scale;
  }
}

/** The plane's edges as float32 values: a point stored at ±1.2 in a Float32Array is on the edge, not past it. */
const edges = { xMin: Math.fround(planeBounds.xMin), xMax: Math.fround(planeBounds.xMax), yMin: Math.fround(planeBounds.yMin), yMax: Math.fround(planeBounds.yMax) };

function drawPoints(canvas: RgbaPixels, layout: ScatterLayout, points: Float32Array, radius: number, colour: Rgb): void {
  for (let i = 0; i + 1 < points.length; i += 2) {
    const x = points[i]!;
    const y = points[i + 1]!;
    // Also rejects NaN, which fails every comparison.
    if (!(x >= edges.xMin && x <= edges.xMax && y >= edges.yMin && y <= edges.yMax)) continue;
    disk(canvas, toPixelX(layout, x), toPixelY(layout, y), radius, colour);
  }
}

function disk(canvas: RgbaPixels, centreX: number, centreY: number, radius: number, colour: Rgb): void {
  for (let dy = -radius; dy <= radius; dy++) {
    for (let dx = -radius; dx <= radius; dx++) {
      // r² + r rounds the disk out so small radii look round rather than diamond-shaped.
      if (dx * dx + dy * dy <= radius * radius + radius) paint(canvas, centreX + dx, centreY + dy, colour);
    }
  }
}

function paint(canvas: RgbaPixels, x: number, y: number, [red, green, blue]: Rgb, alpha = 255): void {
  if (x < 0 || y < 0 || x >= canvas.width || y >= canvas.height) return;
  const at = (y * canvas.width + x) * 4;
  canvas.data[at] = red;
  canvas.data[at + 1] = green;
  canvas.data[at + 2] = blue;
  canvas.data[at + 3] = alpha;
}
