// The style generator's layout, without TF.js: the builder (build.ts), validation, the memory
// estimate and the views all read it here.
import type { DcganModelConfig, StyleModelConfig } from '../../config/modelSchema';
import { DCGAN_LEVELS_BY_SIZE } from '../dcgan/geometry';

/** One modulated 3×3 convolution of the synthesis network. */
export interface SynthesisConv {
  readonly side: number;
  readonly inChannels: number;
  readonly channels: number;
  /** Which of the per-layer styles (rows of ws) modulates it. */
  readonly style: number;
  /** It doubles the side first (the first convolution of every resolution after the constant's). */
  readonly upsample: boolean;
  /** Where its side × side noise values start in a row of the synthesis draws. */
  readonly noiseOffset: number;
}

/** One resolution: its convolutions, then its RGB layer (a modulated 1×1 convolution, not demodulated). */
export interface SynthesisLevel {
  readonly side: number;
  readonly channels: number;
  readonly convs: readonly SynthesisConv[];
  readonly rgbStyle: number;
}

export interface StyleGeometry {
  readonly size: number;
  readonly imageChannels: number;
  readonly levels: readonly SynthesisLevel[];
  /** Rows of ws: one style per convolution, the RGB layer sharing the next convolution's (as StyleGAN2 counts them). */
  readonly styleCount: number;
  /** Per-pixel noise values per example (zero without noise); the two uniforms of the mixing draw follow them. */
  readonly noiseValues: number;
}

/** The nested models' and the broadcast layer's names: views take the generator apart by them. */
export const STYLE_PARTS = { mapping: 'mapping', synthesis: 'synthesis', broadcast: 'style_broadcast' } as const;

/** Mixing draws per example: whether this example mixes, and at which style row. */
export const MIXING_UNIFORMS = 2;

/**
 * Resolutions from the smallest map up to the image (7 → 14 → 28; 4 → … → 32 or 64), as the DCGAN's
 * levels; channels double per halving of the side. The smallest map has one convolution on the
 * learned constant, every other two (the first doubling the side). Bad sizes are config errors
 * caught by validation, so here they are internal errors.
 */
export function styleGeometry(config: StyleModelConfig, exampleShape: readonly number[]): StyleGeometry {
  const [height, width, imageChannels] = exampleShape;
  const size = config.imageSize ?? height ?? 0;
  const halvings = DCGAN_LEVELS_BY_SIZE[size];
  if (halvings === undefined || height !== size || width !== size || imageChannels === undefined) {
    throw new Error(`style image size ${config.imageSize ?? '(from data)'} does not fit data of shape [${exampleShape.join(', ')}]`);
  }
  const levels: SynthesisLevel[] = [];
  let style = 0;
  let noiseOffset = 0;
  let inChannels = config.generator.channels * 2 ** halvings;
  for (let level = 0; level <= halvings; level++) {
    const side = (size / 2 ** halvings) * 2 ** level;
    const channels = config.generator.channels * 2 ** (halvings - level);
    const convs: SynthesisConv[] = [];
    for (let i = 0; i < (level === 0 ? 1 : 2); i++) {
      convs.push({ side, inChannels, channels, style: style++, upsample: level > 0 && i === 0, noiseOffset });
      if (config.generator.noise) noiseOffset += side * side;
      inChannels = channels;
    }
    levels.push({ side, channels, convs, rgbStyle: style });
  }
  return { size, imageChannels, levels, styleCount: style + 1, noiseValues: noiseOffset };
}

/** The first style row of the fine styles: the smallest map's styles are the coarse ones (what a mixing grid takes from its rows' w). */
export const FINE_STYLES_START = 2;

/** D is the DCGAN's: its config read as a DCGAN's, whose builder and tally then serve. */
export function asDcgan(config: StyleModelConfig): DcganModelConfig {
  return {
    kind: 'dcgan', latentSize: config.latentSize,
    ...(config.imageSize !== undefined ? { imageSize: config.imageSize } : {}),
    generator: { channels: config.generator.channels, activation: 'leakyRelu', batchNorm: false },
    discriminator: config.discriminator,
    ...(config.conditional ? { conditional: config.conditional } : {}),
    ...(config.infogan ? { infogan: config.infogan } : {}),
  };
}
