import type { z } from 'zod';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { DomainShapes } from '../shared/translation/apply';
import { patchDiscriminator, translatorKernels, translatorStreams, unetGenerator } from '../shared/translation/networks';
import type { pix2pixSection } from './config';

export type Pix2PixSection = z.output<typeof pix2pixSection>;

/** pix2pix's networks: G: a → b, and the conditional critic on (a, b) stacked as channels (none for L1 alone). */
export interface Pix2PixNetworks {
  readonly generator: LayersModel;
  readonly discriminator?: LayersModel;
  dispose(): void;
}

export function buildPix2PixNetworks(section: Pix2PixSection, shapes: DomainShapes, seed: number): Pix2PixNetworks {
  const generator = unetGenerator(section.generator, shapes.a, shapes.b[2]!, translatorKernels(seed, translatorStreams.generatorAB), 'generator_ab');
  const stacked = [shapes.a[0]!, shapes.a[1]!, shapes.a[2]! + shapes.b[2]!];
  const discriminator = section.adversarialWeight > 0
    ? patchDiscriminator(section.discriminator, stacked, translatorKernels(seed, translatorStreams.discriminatorB), 'pair_discriminator')
    : undefined;
  return {
    generator, ...(discriminator ? { discriminator } : {}),
    dispose: () => {
      generator.dispose();
      discriminator?.dispose();
    },
  };
}
