import type { z } from 'zod';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { cycleGanSection } from './config';
import type { DomainShapes } from '../shared/translation/apply';
import { patchDiscriminator, resnetGenerator, translatorKernels, translatorStreams, type ImageShape } from '../shared/translation/networks';

export type CycleGanSection = z.output<typeof cycleGanSection>;

/** CycleGAN's four networks: a translator each way, and a critic per domain. */
export interface CycleGanNetworks {
  /** a → b. */
  readonly generatorAB: LayersModel;
  /** b → a. */
  readonly generatorBA: LayersModel;
  /** Judges domain a: real a against G_BA(b). */
  readonly discriminatorA: LayersModel;
  /** Judges domain b: real b against G_AB(a). */
  readonly discriminatorB: LayersModel;
  dispose(): void;
}

/** The networks a run of this section, shapes and seed starts from (also the untrained baseline of evaluation). */
export function buildCycleGanNetworks(section: CycleGanSection, shapes: DomainShapes, seed: number): CycleGanNetworks {
  const channels = (shape: ImageShape) => shape[2]!;
  const networks = {
    generatorAB: resnetGenerator(section.generator, shapes.a, channels(shapes.b), translatorKernels(seed, translatorStreams.generatorAB), 'generator_ab'),
    generatorBA: resnetGenerator(section.generator, shapes.b, channels(shapes.a), translatorKernels(seed, translatorStreams.generatorBA), 'generator_ba'),
    discriminatorA: patchDiscriminator(section.discriminator, shapes.a, translatorKernels(seed, translatorStreams.discriminatorA), 'discriminator_a'),
    discriminatorB: patchDiscriminator(section.discriminator, shapes.b, translatorKernels(seed, translatorStreams.discriminatorB), 'discriminator_b'),
  };
  return { ...networks, dispose: () => Object.values(networks).forEach((network) => network.dispose()) };
}
