import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../../../backend/tf';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { TranslationDomains } from '../../../data/dataset';
import { criticOf, EVALUATION_CHUNK } from '../../../models/apply';
import type { AdversarialObjective } from '../../../objectives/adversarial';
import type { ImageShape } from './networks';

/** A translator in inference mode, in chunks (evaluation batches can be large): D's chunked application serves any image → tensor network. */
export function translate(generator: LayersModel, x: Tensor): Tensor {
  return criticOf(generator, undefined, false, EVALUATION_CHUNK)(x);
}

/** A patch critic's displayed output per image (the mean over its patches), in inference mode: what its histograms bin. */
export function scorePerImage(critic: LayersModel, objective: AdversarialObjective, x: Tensor): Tensor {
  return tf.mean(objective.displayed(translate(critic, x)), 1);
}

/** Each domain's image shape: a, the source of a → b, and b, its target. */
export interface DomainShapes {
  readonly a: ImageShape;
  readonly b: ImageShape;
}

/** The shapes of two-domain data (the dataset is domain b, with a beside it). */
export function domainShapes(target: { readonly exampleShape: ImageShape; readonly translation?: TranslationDomains }): DomainShapes {
  if (!target.translation) throw new Error('translation needs data of kind domains');
  return { a: target.translation.source.exampleShape, b: target.exampleShape };
}
