import type { GanConfig } from '../../config/schema';
import type { ConfigIssue } from '../../errors';
import { networkShape } from '../../networks/shapes';

/** A config field a family cannot train with: when it is set, and why not. */
export interface Refusal {
  readonly path: readonly (string | number)[];
  readonly set: (config: GanConfig) => boolean;
  readonly why: string;
}

/** One issue per refused field the config sets, each naming the family and what to do. */
export function refusedFields(kind: string, refusals: readonly Refusal[], config: GanConfig): ConfigIssue[] {
  return refusals.filter((refusal) => refusal.set(config))
    .map((refusal) => ({ path: refusal.path, message: `the ${kind} family ${refusal.why}; remove it` }));
}

/** PacGAN's packing is the plain GAN's: the other families build their discriminators (or none) themselves. */
const packingRefusal: Refusal = {
  path: ['model', 'discriminator', 'packing'], set: ({ model }) => model.discriminator.packing !== undefined,
  why: 'pairs each example with its own code or reconstruction, and its D (where it has one) reads one example at a time',
};

/** Spectral normalization is the plain GAN's for the same reason: the other families build their discriminators themselves. */
const spectralNormRefusal: Refusal = {
  path: ['model', 'discriminator', 'spectralNorm'], set: ({ model }) => model.discriminator.spectralNorm === true,
  why: 'builds its own discriminator (where it has one) from plain layers',
};

/** What no family that reconstructs its input can use: labels, codes, warped or noisy inputs, a generator average, a generator with randomness of its own. */
export const reconstructingRefusals: readonly Refusal[] = [
  {
    path: ['model', 'kind'], set: ({ model }) => networkShape(model).synthesisInputs !== undefined,
    why: `decodes a code with the generator alone, and this generator also draws per-pixel noise and mixes styles, so its reconstructions would not be repeatable`,
  },
  { path: ['model', 'conditional'], set: ({ model }) => model.conditional !== undefined, why: 'learns from unlabelled data: its encoder finds the structure labels would give' },
  { path: ['model', 'infogan'], set: ({ model }) => model.infogan !== undefined, why: 'already learns an inverse of G (the encoder), which InfoGAN\'s Q head would duplicate' },
  { path: ['regularizers', 'augmentation'], set: ({ regularizers }) => regularizers.augmentation !== undefined, why: 'pairs each image with its code, and warping the image breaks the pair' },
  { path: ['regularizers', 'instanceNoise'], set: ({ regularizers }) => regularizers.instanceNoise !== undefined, why: 'pairs each image with its code, and noise on one side only breaks the pair' },
  {
    path: ['training', 'generatorEma'], set: ({ training }) => training.generatorEma !== undefined,
    why: 'reconstructs with the generator that trained beside the encoder, not an average of it',
  },
  packingRefusal,
  spectralNormRefusal,
];

/** What the translation families (CycleGAN, pix2pix) cannot train with; their model section is refused as a whole, since they build their own networks. */
export const translatingRefusals: readonly Refusal[] = [
  {
    path: ['regularizers', 'augmentation'], set: ({ regularizers }) => regularizers.augmentation !== undefined,
    why: 'compares each translation with its source pixel by pixel (cycle, L1), which warping one side breaks',
  },
  {
    path: ['regularizers', 'instanceNoise'], set: ({ regularizers }) => regularizers.instanceNoise !== undefined,
    why: 'compares each translation with its source pixel by pixel (cycle, L1), which noise on one side blurs',
  },
  ...(['gradientPenalty', 'r1'] as const).map((name): Refusal => ({
    path: ['regularizers', name], set: ({ regularizers }) => regularizers[name] !== undefined,
    why: 'trains its patch critics without input-gradient penalties',
  })),
  { path: ['training', 'generatorEma'], set: ({ training }) => training.generatorEma !== undefined, why: 'translates with the generators it trains, not an average of them' },
  {
    path: ['objective', 'kind'], set: ({ objective }) => objective.kind === 'wasserstein',
    why: 'has no Lipschitz constraint on its patch critics for the wasserstein loss; use least-squares or non-saturating',
  },
];
