import type { Tensor } from '@tensorflow/tfjs-core';
import type { LayersModel, SymbolicTensor } from '@tensorflow/tfjs-layers';
import { readAndFree } from '../../backend/reads';
import { tf } from '../../backend/tf';
import type { StyleModelConfig } from '../../config/modelSchema';
import type { SampleView } from '../../families/family';
import { generatorInputs, latentBatch, type LatentSpec, type LatentValues } from '../../models/latent';
import { drawLatents } from '../../models/latentDraws';
import type { DataShape } from '../../models/shape';
import { renderImageGrid } from '../../render/grid';
import { Random } from '../../util/random';
import { FINE_STYLES_START, MIXING_UNIFORMS, STYLE_PARTS, styleGeometry } from './geometry';

/** The style views' own seed stream (fixed across steps, so a view compares step with step). */
const VIEW_SALT = 0x57e1;
/** Truncation ψ per column of the strip: 1 is the untruncated sample, 0 the average w's image. */
export const TRUNCATION_STRIP = [1, 0.75, 0.5, 0.25, 0] as const;
/** Examples of w averaged for w̄, the centre truncation pulls towards. */
const AVERAGE_DRAWS = 1000;

/** What the views read of a style generator: w for its inputs, and the synthesis for chosen styles and noise. */
export interface StyleParts {
  /** The generator's inputs but the synthesis draws → w (sharing the generator's weights). */
  readonly toW: LayersModel;
  readonly synthesis: LayersModel;
  readonly styleCount: number;
  readonly drawsWidth: number;
}

/** The mapping and synthesis of a style generator, taken apart by their names (build.ts). */
export function styleParts(config: StyleModelConfig, generator: LayersModel, exampleShape: readonly number[]): StyleParts {
  const broadcast = generator.getLayer(STYLE_PARTS.broadcast);
  const [w] = broadcast.input as SymbolicTensor[];
  const geometry = styleGeometry(config, exampleShape);
  return {
    toW: tf.model({ inputs: generator.inputs.slice(0, -1), outputs: w! }),
    synthesis: generator.getLayer(STYLE_PARTS.synthesis) as LayersModel,
    styleCount: geometry.styleCount,
    drawsWidth: geometry.noiseValues + MIXING_UNIFORMS,
  };
}

/** w for each row of `latents` (inference mode). */
export function mapToW(parts: StyleParts, latents: LatentValues): Tensor {
  return tf.tidy(() => {
    // The generator's inputs but the synthesis draws (its last, when drawn): w reads z and any labels or codes.
    const inputs = ([] as Tensor[]).concat(generatorInputs(latentBatch(latents)));
    return parts.toW.apply(latents.synthesis ? inputs.slice(0, -1) : inputs, { training: false }) as Tensor;
  });
}

/** Images from ws [count, styles, |w|] and draws [count, width] (zeros: no noise). */
export function synthesize(parts: StyleParts, ws: Tensor, draws?: Tensor): Tensor {
  return tf.tidy(() => parts.synthesis.apply([ws, draws ?? tf.zeros([ws.shape[0]!, parts.drawsWidth])], { training: false }) as Tensor);
}

/** ws taking rows [0, FINE_STYLES_START) from `coarse` and the rest from `fine` (both [count, |w|]). */
export function mixStyles(coarse: Tensor, fine: Tensor, styleCount: number): Tensor {
  return tf.tidy(() => tf.concat([
    tf.tile(tf.expandDims(coarse, 1), [1, FINE_STYLES_START, 1]),
    tf.tile(tf.expandDims(fine, 1), [1, styleCount - FINE_STYLES_START, 1]),
  ], 1));
}

/** Each row of x [count, d] `times` times in a row: [count·times, d]. */
const repeatRows = (x: Tensor, times: number): Tensor => tf.tidy(() => tf.reshape(tf.tile(tf.expandDims(x, 1), [1, times, 1]), [x.shape[0]! * times, x.shape[1]!]));

/** ws with w in every row. */
export const broadcastW = (w: Tensor, styleCount: number): Tensor => tf.tidy(() => tf.tile(tf.expandDims(w, 1), [1, styleCount, 1]));

/** w̄, the average w of `draws` fresh latents: the centre the truncation trick pulls towards ([1, |w|]). */
export function averageW(parts: StyleParts, latent: LatentSpec, seed: number): Tensor {
  return tf.tidy(() => tf.mean(mapToW(parts, viewLatents(latent, seed, 3, AVERAGE_DRAWS)), 0, true));
}

/** Images for `latents` with w pulled towards w̄ by ψ (their own noise draws kept): w̄ + ψ(w − w̄) in every style row. */
export async function truncatedImages(parts: StyleParts, latent: LatentSpec, seed: number, latents: LatentValues, psi: number): Promise<Float32Array> {
  const [images] = await readAndFree(tf.tidy(() => {
    const average = averageW(parts, latent, seed);
    const w = tf.add(average, tf.mul(tf.sub(mapToW(parts, latents), average), psi));
    const draws = latents.synthesis ? tf.tensor2d(latents.synthesis, [latents.count, parts.drawsWidth]) : undefined;
    return synthesize(parts, broadcastW(w, parts.styleCount), draws);
  }));
  return images;
}

/** A view's latents: `count` draws from its own fixed stream, classes in turn for a conditional model. */
function viewLatents(latent: LatentSpec, seed: number, salt: number, count: number): LatentValues {
  const random = Random.derive(seed, VIEW_SALT, salt);
  const classes = latent.classes ? Array.from({ length: count }, (_, i) => i % latent.classes!.names.length) : undefined;
  return drawLatents(random, latent, count, classes);
}

/**
 * The style generator's pictures: a style-mixing grid (coarse styles from each row's w, fine from
 * each column's), a truncation strip (each row's w pulled towards the average w), and noise
 * variations (each row's w with fresh per-pixel noise in every column). Latents come from a fixed
 * stream, so each view shows the same w's at every step.
 */
export function styleViews(parts: StyleParts, latent: LatentSpec, data: DataShape, seed: number): SampleView[] {
  const latentsFor = (salt: number, count: number) => viewLatents(latent, seed, salt, count);
  const render = async (images: Tensor, columns: number) => {
    const [values] = await readAndFree(images);
    return renderImageGrid(values, data.exampleShape, { columns, scale: data.exampleShape[0]! <= 32 ? 2 : 1 });
  };
  const rows = 5;
  const columns = TRUNCATION_STRIP.length;
  return [
    {
      name: 'style-mixing', title: 'Style mixing',
      description: 'Top row and left column: samples of their own w. Each other image takes its coarse styles (the smallest resolution\'s) from its row\'s w '
        + 'and its fine styles from its column\'s: coarse styles should set the digit and its pose, fine ones the stroke.',
      render: () => render(tf.tidy(() => {
        const [rowW, columnW] = [mapToW(parts, latentsFor(1, rows)), mapToW(parts, latentsFor(2, columns))];
        const [rowImages, columnImages] = [synthesize(parts, broadcastW(rowW, parts.styleCount)), synthesize(parts, broadcastW(columnW, parts.styleCount))];
        const cells = synthesize(parts, mixStyles(repeatRows(rowW, columns), tf.tile(columnW, [rows, 1]), parts.styleCount));
        const blank = tf.zeros([1, ...data.exampleShape]);
        const grid: Tensor[] = [blank, columnImages];
        for (let row = 0; row < rows; row++) grid.push(tf.slice(rowImages, row, 1), tf.slice(cells, row * columns, columns));
        return tf.concat(grid, 0);
      }), columns + 1),
    },
    {
      name: 'truncation', title: 'Truncation',
      description: `Each row one w, pulled towards the average w̄ by ψ = ${TRUNCATION_STRIP.join(', ')} from left to right: `
        + 'w̄ + ψ(w − w̄) trades variety for typical, clean images; ψ = 0 is the average image.',
      render: () => render(tf.tidy(() => {
        const average = averageW(parts, latent, seed);
        const w = mapToW(parts, latentsFor(4, rows));
        const truncated = TRUNCATION_STRIP.map((psi) => tf.add(average, tf.mul(tf.sub(w, average), psi)));
        // Row-major: row r, column c is w_r at ψ_c.
        const interleaved = tf.reshape(tf.stack(truncated, 1), [rows * columns, w.shape[1]!]);
        return synthesize(parts, broadcastW(interleaved, parts.styleCount));
      }), columns),
    },
    {
      name: 'noise', title: 'Noise variations',
      description: 'Each row one w; the first column without noise, the others with fresh per-pixel noise: what the noise inputs vary (fine texture, not the digit).',
      render: () => render(tf.tidy(() => {
        const w = mapToW(parts, latentsFor(5, rows));
        const random = Random.derive(seed, VIEW_SALT, 6);
        const draws = new Float32Array(rows * columns * parts.drawsWidth);
        for (let i = 0; i < rows * columns; i++) {
          if (i % columns !== 0) random.fillNormal(draws.subarray(i * parts.drawsWidth, (i + 1) * parts.drawsWidth - MIXING_UNIFORMS));
        }
        return synthesize(parts, broadcastW(repeatRows(w, columns), parts.styleCount), tf.tensor2d(draws, [rows * columns, parts.drawsWidth]));
      }), columns),
    },
  ];
}
