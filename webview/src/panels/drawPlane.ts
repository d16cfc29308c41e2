import type { FieldRecord, PlanePoint } from '../../../src/core/run/records';
import type { Palette } from '../ui/palette';
import { heatScale, paintCells } from './heatScale';

/** The longest arrow, as a fraction of the plane's width; the others keep their relative lengths. */
const longestArrow = 0.08;

/**
 * The GAN Lab view of one step: D's scores as a heat map over the plane, real and generated
 * points, and per generated point an arrow along the generator's gradient.
 */
export function drawPlane(context: CanvasRenderingContext2D, field: FieldRecord, palette: Palette, width: number, height: number): void {
  const { toX, toY } = planeToCanvas(field.bounds, width, height);
  // Row 0 of the grid is the top (yMax), as on the canvas: the cells map straight onto it.
  const cells = paintCells(field.scores, field.size, field.scoreRange, heatScale(palette));
  context.imageSmoothingEnabled = true;
  context.drawImage(cells, 0, 0, width, height);

  drawArrows(context, field.fake, field.arrows, palette.foreground, width, toX, toY);
  drawPoints(context, field.real, palette.blue, palette.background, toX, toY);
  drawPoints(context, field.fake, palette.orange, palette.background, toX, toY);
}

/** Canvas pixels of the plane's coordinates: its bounds fill the canvas, y upwards. */
export function planeToCanvas(bounds: FieldRecord['bounds'], width: number, height: number): { toX: (x: number) => number; toY: (y: number) => number } {
  return {
    toX: (x) => ((x - bounds.xMin) / (bounds.xMax - bounds.xMin || 1)) * width,
    toY: (y) => ((bounds.yMax - y) / (bounds.yMax - bounds.yMin || 1)) * height,
  };
}

function drawPoints(context: CanvasRenderingContext2D, points: readonly PlanePoint[], fill: string, outline: string, toX: (x: number) => number, toY: (y: number) => number): void {
  context.fillStyle = fill;
  context.strokeStyle = outline;
  context.lineWidth = 1;
  for (const [x, y] of points) {
    context.beginPath();
    context.arc(toX(x), toY(y), 3, 0, Math.PI * 2);
    context.fill();
    context.stroke();
  }
}

function drawArrows(context: CanvasRenderingContext2D, from: readonly PlanePoint[], arrows: readonly PlanePoint[], colour: string, width: number, toX: (x: number) => number, toY: (y: number) => number): void {
  const longest = Math.max(...arrows.map(([dx, dy]) => Math.hypot(dx, dy)), 0);
  if (!(longest > 0) || !Number.isFinite(longest)) return;
  const scale = (longestArrow * width) / longest;
  context.strokeStyle = colour;
  context.fillStyle = colour;
  context.lineWidth = 1;
  context.globalAlpha = 0.75;
  from.forEach(([x, y], index) => {
    const [dx, dy] = arrows[index] ?? [0, 0];
    const length = Math.hypot(dx, dy) * scale;
    if (!(length >= 1)) return;
    // Screen y grows downwards, the plane's upwards.
    const angle = Math.atan2(-dy, dx);
    const startX = toX(x);
    const startY = toY(y);
    const endX = startX + Math.cos(angle) * length;
    const endY = startY + Math.sin(angle) * length;
    context.beginPath();
    context.moveTo(startX, startY);
    context.lineTo(endX, endY);
    context.stroke();
    const head = Math.min(5, length / 2);
    context.beginPath();
    context.moveTo(endX, endY);
    context.lineTo(endX - head * Math.cos(angle - 0.45), endY - head * Math.sin(angle - 0.45));
    context.lineTo(endX - head * Math.cos(angle + 0.45), endY - head * Math.sin(angle + 0.45));
    context.closePath();
    context.fill();
  });
  context.globalAlpha = 1;
}
