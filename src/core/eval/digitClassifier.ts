import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { LayersModel, SymbolicTensor } from '@tensorflow/tfjs-layers';
import { readAndFree } from '../backend/reads';
import { tf } from '../backend/tf';
import { findPackageRoot } from '../util/packageRoot';
import { LAYERS_MODEL_FILES, readLayersModel } from '../run/layersModelFiles';

/** The layer whose activations are the FID features; scripts/train-classifier.ts names it so. */
export const FEATURE_LAYER = 'features';
export const DIGIT_SIDE = 28;
const PIXELS = DIGIT_SIDE * DIGIT_SIDE;
/** Images per forward pass: bounds the activations held at once (≈20 MB at 500) for any count. */
const BATCH_SIZE = 500;

/** The shipped MNIST classifier (media/classifier/), for evaluating generated digits. */
export interface DigitClassifier {
  /** Width of the penultimate layer, the per-image length of features(). */
  readonly featureSize: number;
  /** Most likely digit per image. Images: count×28×28 values in [−1, 1], as the engine's Dataset holds them. */
  predict(images: Float32Array): Promise<Int32Array>;
  /** Penultimate-layer activations, count×featureSize, example-major. */
  features(images: Float32Array): Promise<Float32Array>;
  /** predict() and features() from one forward pass; read asynchronously, a batch at a time. */
  classify(images: Float32Array): Promise<{ labels: Int32Array; features: Float32Array }>;
  dispose(): void;
}

export function classifierDirectory(root: string = findPackageRoot()): string {
  return path.join(root, 'media', 'classifier');
}

/** Loads the classifier with node's fs (works from src/ under tsx and from the bundled dist/); needs initBackend first. */
export async function loadDigitClassifier(dir: string = classifierDirectory()): Promise<DigitClassifier> {
  if (!fs.existsSync(path.join(dir, LAYERS_MODEL_FILES.model))) {
    throw new Error(`The digit classifier is missing from ${dir}: run \`node --import tsx scripts/train-classifier.ts\`.`);
  }
  return digitClassifierFromModel(await readLayersModel(dir));
}

/** A classifier over an in-memory model with a FEATURE_LAYER (the training script's, as it trains); dispose() disposes the model. */
export function digitClassifierFromModel(model: LayersModel): DigitClassifier {
  return new LayersDigitClassifier(model);
}

class LayersDigitClassifier implements DigitClassifier {
  readonly featureSize: number;
  /** The same layers and weights as `model`, with the feature layer as a second output. */
  private readonly twoHeaded: LayersModel;

  constructor(private readonly model: LayersModel) {
    const featureOutput = model.getLayer(FEATURE_LAYER).output as SymbolicTensor;
    this.featureSize = featureOutput.shape[featureOutput.shape.length - 1]!;
    this.twoHeaded = tf.model({ inputs: model.inputs, outputs: [featureOutput, model.outputs[0]!] });
  }

  async predict(images: Float32Array): Promise<Int32Array> {
    return (await this.classify(images)).labels;
  }

  async features(images: Float32Array): Promise<Float32Array> {
    return (await this.classify(images)).features;
  }

  async classify(images: Float32Array): Promise<{ labels: Int32Array; features: Float32Array }> {
    const count = images.length / PIXELS;
    if (!Number.isInteger(count)) throw new Error(`digit classifier: ${images.length} values are not whole 28×28 images`);
    const labels = new Int32Array(count);
    const features = new Float32Array(count * this.featureSize);
    for (let start = 0; start < count; start += BATCH_SIZE) {
      const size = Math.min(BATCH_SIZE, count - start);
      const [activations, predicted] = await readAndFree(...tf.tidy(() => {
        const batch = tf.tensor4d(images.subarray(start * PIXELS, (start + size) * PIXELS), [size, DIGIT_SIDE, DIGIT_SIDE, 1]);
        const [penultimate, logits] = this.twoHeaded.predict(batch, { batchSize: size }) as Tensor[];
        // As float32, so one read serves both: a label below 10 is exact in a float.
        return [penultimate!, tf.cast(tf.argMax(logits!, -1), 'float32')] as const;
      }));
      features.set(activations, start * this.featureSize);
      labels.set(predicted, start);
    }
    return { labels, features };
  }

  dispose(): void {
    // The two-headed view owns no weights of its own; disposing the loaded model frees them.
    this.model.dispose();
  }
}
