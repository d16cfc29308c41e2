import type { Dataset } from '../data/dataset';
import { oneHot, type LatentSpec, type LatentValues } from '../models/latent';
import { codeLayout, type CodeSpec } from '../models/codeLayout';
import type { Random } from '../util/random';
import { drawCodes, drawNoise, drawSources, drawSynthesis, presentClasses } from '../models/latentDraws';

/** Latents for a sample grid and, when rows mean something, how many columns a row has. */
export interface SampleGrid {
  readonly latents: LatentValues;
  readonly columns?: number;
}

/**
 * The latents a sample grid shows, drawn from `random` (the run's fixed-noise stream, or a seed the
 * user gave). Images of a conditional model: one row per class, with the same z down each column so
 * columns compare. InfoGAN: one row per category of the first categorical code, columns sweeping
 * the first continuous code over its range (or, without one, fresh noise per column). Otherwise, and
 * for 2D points (a scatter plot has no rows), `count` independent draws.
 */
export function sampleGrid(spec: LatentSpec, random: Random, count: number, dataset: Pick<Dataset, 'kind' | 'labels'>): SampleGrid {
  if (dataset.kind === 'images' && spec.classes) return classRows(spec, random, count, presentClasses(dataset));
  if (dataset.kind === 'images' && spec.codes) return codeTraversal(spec, spec.codes, random, count);
  const z = drawNoise(random, spec, count);
  const classes = presentClasses(dataset);
  return {
    latents: {
      count, z,
      ...(spec.classes ? { labels: oneHot(Array.from({ length: count }, (_, i) => classes[i % classes.length]!), spec.classes.names.length) } : {}),
      ...(spec.codes ? { codes: drawCodes(random, spec.codes, count) } : {}),
      ...(spec.source ? { source: drawSources(random, spec.source.images, count) } : {}),
      ...synthesisRows(spec, random, Array.from({ length: count }, (_, i) => i)),
    },
  };
}

/** A style generator's synthesis draws for grid cells: one draw per distinct index, so cells sharing a z share their noise too. */
function synthesisRows(spec: LatentSpec, random: Random, indices: readonly number[]): Pick<LatentValues, 'synthesis'> {
  if (!spec.synthesis) return {};
  const drawn = drawSynthesis(random, spec.synthesis, Math.max(...indices) + 1);
  return { synthesis: gatherRows(drawn, spec.synthesis.normals + spec.synthesis.uniforms, indices) };
}

function classRows(spec: LatentSpec, random: Random, count: number, classes: readonly number[]): SampleGrid {
  const columns = Math.max(1, Math.floor(count / classes.length));
  const columnNoise = drawNoise(random, spec, columns);
  const cells = cellsOf(classes.length, columns);
  return {
    columns,
    latents: {
      count: cells.length,
      z: gatherRows(columnNoise, spec.noiseSize, cells.map(({ column }) => column)),
      labels: oneHot(cells.map(({ row }) => classes[row]!), spec.classes!.names.length),
      ...synthesisRows(spec, random, cells.map(({ column }) => column)),
    },
  };
}

function codeTraversal(spec: LatentSpec, codes: CodeSpec, random: Random, count: number): SampleGrid {
  const [categories] = codes.categorical;
  const [swept] = codes.continuous;
  const columns = categories !== undefined ? Math.max(1, Math.floor(count / categories)) : Math.ceil(Math.sqrt(count));
  const rows = categories ?? Math.max(1, Math.floor(count / columns));
  const cells = cellsOf(rows, columns);
  // What varies along a row is the swept code when there is one, else the noise.
  const noiseOf = swept
    ? (categories !== undefined ? () => 0 : (cell: Cell) => cell.row)
    : (cell: Cell) => cell.column;
  const noise = drawNoise(random, spec, Math.max(...cells.map(noiseOf)) + 1);
  const layout = codeLayout(codes);
  const values = new Float32Array(cells.length * layout.width);
  cells.forEach((cell, i) => {
    const row = i * layout.width;
    // Codes not shown by the grid stay fixed: category 0, the middle of each range.
    layout.categorical.forEach(({ offset }, k) => { values[row + offset + (k === 0 ? cell.row : 0)] = 1; });
    codes.continuous.forEach(({ min, max }, k) => {
      const position = k === 0 && columns > 1 ? cell.column / (columns - 1) : 0.5;
      values[row + layout.continuousOffset + k] = min + (max - min) * position;
    });
  });
  return {
    columns,
    latents: { count: cells.length, z: gatherRows(noise, spec.noiseSize, cells.map(noiseOf)), codes: values, ...synthesisRows(spec, random, cells.map(noiseOf)) },
  };
}

interface Cell {
  readonly row: number;
  readonly column: number;
}

function cellsOf(rows: number, columns: number): Cell[] {
  return Array.from({ length: rows * columns }, (_, i) => ({ row: Math.floor(i / columns), column: i % columns }));
}

function gatherRows(source: Float32Array, width: number, indices: readonly number[]): Float32Array {
  const out = new Float32Array(indices.length * width);
  indices.forEach((index, i) => out.set(source.subarray(index * width, (index + 1) * width), i * width));
  return out;
}
