import type { FieldRecord, PlanePoint } from '../../../src/core/run/records';
import type { Palette } from '../ui/palette';
import { withAlpha } from '../ui/palette';
import { planeToCanvas } from './drawPlane';

type LatentGrid = NonNullable<FieldRecord['latentGrid']>;

/** The inset showing z's own square, as a fraction of the canvas side. */
const insetShare = 0.26;

/** A lattice cell's colour from its place in z: hue along z₁, lightness along z₂, so a cell is found again after G moves it. */
function cellColour(column: number, row: number, size: number): string {
  const hue = Math.round((300 * column) / Math.max(1, size - 2));
  const lightness = Math.round(38 + (24 * row) / Math.max(1, size - 2));
  return `hsl(${hue} 70% ${lightness}%)`;
}

/**
 * GAN Lab's latent-space view: G's image of a z lattice over the data plane. Each lattice cell is
 * filled with the colour of its place in z (the inset shows z's square with the same colours), so
 * stretched, folded or collapsed regions of the mesh show where G spreads z over the data and
 * where it squeezes many z onto one place. Real points are drawn faintly beneath.
 */
export function drawLatent(context: CanvasRenderingContext2D, field: FieldRecord, grid: LatentGrid, palette: Palette, width: number, height: number): void {
  const { toX, toY } = planeToCanvas(field.bounds, width, height);
  context.fillStyle = withAlpha(palette.blue, 0.35);
  for (const [x, y] of field.real) {
    context.beginPath();
    context.arc(toX(x), toY(y), 2, 0, Math.PI * 2);
    context.fill();
  }
  const at = (column: number, row: number): PlanePoint | undefined => grid.points[row * grid.size + column];
  const mapped = (point: PlanePoint): [number, number] => [toX(point[0]), toY(point[1])];
  drawMesh(context, grid, (column, row) => at(column, row), mapped, palette, 0.45);
  // The inset: z's own square, the same lattice undeformed.
  const side = Math.round(Math.min(width, height) * insetShare);
  context.fillStyle = palette.background;
  context.fillRect(0, 0, side + 8, side + 8);
  const step = side / Math.max(1, grid.size - 1);
  drawMesh(context, grid, (column, row) => [column, row], ([column, row]) => [4 + column * step, 4 + (grid.dims === 2 ? (grid.size - 1 - row) * step : side / 2)], palette, 0.9);
  context.strokeStyle = withAlpha(palette.foreground, 0.5);
  context.strokeRect(0.5, 0.5, side + 7, side + 7);
}

/** The lattice's cells (two-dimensional z) or its line (one-dimensional), through `place`. */
function drawMesh(context: CanvasRenderingContext2D, grid: LatentGrid, point: (column: number, row: number) => PlanePoint | undefined,
  place: (point: PlanePoint) => [number, number], palette: Palette, alpha: number): void {
  const { size } = grid;
  context.lineWidth = 1;
  if (grid.dims === 1) {
    for (let column = 0; column + 1 < size; column++) {
      const from = point(column, 0);
      const to = point(column + 1, 0);
      if (!from || !to) continue;
      context.strokeStyle = cellColour(column, size / 2, size);
      context.lineWidth = 2.5;
      context.beginPath();
      context.moveTo(...place(from));
      context.lineTo(...place(to));
      context.stroke();
    }
    return;
  }
  for (let row = 0; row + 1 < size; row++) {
    for (let column = 0; column + 1 < size; column++) {
      const corners = [point(column, row), point(column + 1, row), point(column + 1, row + 1), point(column, row + 1)];
      if (corners.some((corner) => corner === undefined)) continue;
      context.beginPath();
      corners.forEach((corner, index) => (index === 0 ? context.moveTo(...place(corner!)) : context.lineTo(...place(corner!))));
      context.closePath();
      context.globalAlpha = alpha;
      context.fillStyle = cellColour(column, row, size);
      context.fill();
      context.globalAlpha = 1;
      context.strokeStyle = withAlpha(palette.foreground, 0.35);
      context.stroke();
    }
  }
}
