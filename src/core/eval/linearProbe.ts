/**
 * A linear probe: multinomial logistic regression on a few labelled feature vectors, tested on
 * others. It measures how linearly a representation separates the classes when labels are scarce
 * (BiGAN's "GAN as a feature extractor": 10 labels per class, Donahue et al. 2017's setting). Pure
 * JavaScript, full-batch and deterministic: a hundred training examples need no accelerator.
 */
export interface ProbeData {
  /** count × width feature values, example-major. */
  readonly features: Float32Array;
  readonly labels: Int32Array;
}

export interface ProbeOptions {
  readonly classes: number;
  /** L2 weight on the (standardised) weights. */
  readonly l2?: number;
  readonly iterations?: number;
  readonly learningRate?: number;
}

/** Test accuracy of a probe trained on `train` (features standardised by the training set's statistics). */
export function linearProbeAccuracy(train: ProbeData, test: ProbeData, options: ProbeOptions): number {
  const width = train.features.length / train.labels.length;
  const { mean, scale } = standardisation(train.features, width);
  const x = standardise(train.features, width, mean, scale);
  const weights = fit(x, train.labels, width, options);
  const tested = standardise(test.features, width, mean, scale);
  let correct = 0;
  for (let i = 0; i < test.labels.length; i++) {
    if (predict(weights, tested.subarray(i * width, (i + 1) * width), options.classes) === test.labels[i]) correct++;
  }
  return test.labels.length ? correct / test.labels.length : Number.NaN;
}

function standardisation(features: Float32Array, width: number): { mean: Float64Array; scale: Float64Array } {
  const count = features.length / width;
  const mean = new Float64Array(width);
  const scale = new Float64Array(width);
  for (let i = 0; i < count; i++) for (let j = 0; j < width; j++) mean[j]! += features[i * width + j]! / count;
  for (let i = 0; i < count; i++) for (let j = 0; j < width; j++) scale[j]! += (features[i * width + j]! - mean[j]!) ** 2 / count;
  // A feature constant over the training set (a border pixel) carries nothing: it stays at zero.
  for (let j = 0; j < width; j++) scale[j] = scale[j]! > 1e-12 ? 1 / Math.sqrt(scale[j]!) : 0;
  return { mean, scale };
}

function standardise(features: Float32Array, width: number, mean: Float64Array, scale: Float64Array): Float64Array {
  const out = new Float64Array(features.length);
  for (let i = 0; i < features.length; i++) out[i] = (features[i]! - mean[i % width]!) * scale[i % width]!;
  return out;
}

/** Weights (width + 1 bias) × classes by gradient descent on the mean cross-entropy plus L2. */
function fit(x: Float64Array, labels: Int32Array, width: number, options: ProbeOptions): Float64Array {
  const { classes, l2 = 1e-2, iterations = 300, learningRate = 0.5 } = options;
  const count = labels.length;
  const stride = width + 1;
  const weights = new Float64Array(stride * classes);
  const gradient = new Float64Array(weights.length);
  const p = new Float64Array(classes);
  for (let iteration = 0; iteration < iterations; iteration++) {
    gradient.fill(0);
    for (let i = 0; i < count; i++) {
      const row = x.subarray(i * width, (i + 1) * width);
      softmax(weights, row, classes, p);
      p[labels[i]!]! -= 1;
      for (let c = 0; c < classes; c++) {
        const g = p[c]! / count;
        const base = c * stride;
        for (let j = 0; j < width; j++) gradient[base + j]! += g * row[j]!;
        gradient[base + width]! += g;
      }
    }
    for (let k = 0; k < weights.length; k++) {
      const isBias = k % stride === width;
      weights[k]! -= learningRate * (gradient[k]! + (isBias ? 0 : l2 * weights[k]!));
    }
  }
  return weights;
}

function softmax(weights: Float64Array, row: Float64Array, classes: number, out: Float64Array): void {
  const stride = row.length + 1;
  let max = -Infinity;
  for (let c = 0; c < classes; c++) {
    let logit = weights[c * stride + row.length]!;
    for (let j = 0; j < row.length; j++) logit += weights[c * stride + j]! * row[j]!;
    out[c] = logit;
    if (logit > max) max = logit;
  }
  let sum = 0;
  for (let c = 0; c < classes; c++) sum += out[c] = Math.exp(out[c]! - max);
  for (let c = 0; c < classes; c++) out[c]! /= sum;
}

function predict(weights: Float64Array, row: Float64Array, classes: number): number {
  const scores = new Float64Array(classes);
  softmax(weights, row, classes, scores);
  let best = 0;
  for (let c = 1; c < classes; c++) if (scores[c]! > scores[best]!) best = c;
  return best;
}
