import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { Tensor } from '@tensorflow/tfjs-core';
import { readAndFree } from '../../backend/reads';
import { tf } from '../../backend/tf';
import type { Dataset } from '../../data/dataset';

/** Examples per forward pass: bounds the activations held at once for any test set. */
const CHUNK = 500;

/**
 * One number per example of `set`: `predict` (inside a tidy) maps a chunk of its images to a
 * [chunk] or [chunk, 1] tensor, read back chunk by chunk so any set size holds bounded memory.
 */
export async function predictInChunks(set: Dataset, predict: (x: Tensor) => Tensor): Promise<Float32Array> {
  const size = set.values.length / set.count;
  const out = new Float32Array(set.count);
  for (let start = 0; start < set.count; start += CHUNK) {
    const count = Math.min(CHUNK, set.count - start);
    const [values] = await readAndFree(tf.tidy(() =>
      predict(tf.tensor(set.values.subarray(start * size, (start + count) * size), [count, ...set.exampleShape]))));
    out.set(values.subarray(0, count), start);
  }
  return out;
}

/** The share of a labelled set's examples whose most likely class under `classifier` (logits out) is their label. */
export async function classifierAccuracy(classifier: LayersModel, tested: Dataset): Promise<number> {
  const labels = tested.labels;
  if (!labels) throw new Error(`${tested.description} has no labels to test against`);
  // As float32, so the read is the engine's one kind: a class index is exact in a float.
  const predicted = await predictInChunks(tested, (x) => tf.cast(tf.argMax(classifier.predict(x) as Tensor, -1), 'float32'));
  let correct = 0;
  for (let k = 0; k < tested.count; k++) if (predicted[k] === labels[k]) correct++;
  return correct / tested.count;
}
