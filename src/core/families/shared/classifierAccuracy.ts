import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { Tensor } from '@tensorflow/tfjs-core';
import { readAndFree } from '../../backend/reads';
import { tf } from '../../backend/tf';
import type { Dataset } from '../../data/dataset';

/** Examples per forward pass: bounds the activations held at once for any test set. */
const CHUNK = 500;

/** The share of a labelled set's examples whose most likely class under `classifier` (logits out) is their label. */
export async function classifierAccuracy(classifier: LayersModel, tested: Dataset): Promise<number> {
  const labels = tested.labels;
  if (!labels) throw new Error(`${tested.description} has no labels to test against`);
  const size = tested.values.length / tested.count;
  let correct = 0;
  for (let start = 0; start < tested.count; start += CHUNK) {
    const count = Math.min(CHUNK, tested.count - start);
    const [predicted] = await readAndFree(tf.tidy(() => {
      const x = tf.tensor(tested.values.subarray(start * size, (start + count) * size), [count, ...tested.exampleShape]);
      // As float32, so the read is the engine's one kind: a class index is exact in a float.
      return tf.cast(tf.argMax(classifier.predict(x) as Tensor, -1), 'float32');
    }));
    for (let k = 0; k < count; k++) if (predicted[k] === labels[start + k]) correct++;
  }
  return correct / tested.count;
}
