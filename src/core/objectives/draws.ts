import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../backend/tf';
import type { Random } from '../util/random';

/** A tensor of standard normals drawn from the run's seeded generator (never TF.js's own RNG). */
export function normalTensor(random: Random, shape: readonly number[]): Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(random.fillNormal(new Float32Array(size)), [...shape]);
}

/** Uniform [0, 1) weights of shape [batch, 1, …] that broadcast over one example. */
export function interpolationWeights(random: Random, batch: number, exampleRank: number): Tensor {
  const values = random.fillUniform(new Float32Array(batch));
  return tf.tensor(values, [batch, ...new Array<number>(exampleRank).fill(1)]);
}
