// What scoring generated MNIST digits costs: the shipped classifier's features, the Fréchet
// distance, precision/recall/density/coverage and speckle, for 1,000 and 2,500 samples. Randomly drawn real digits stand in for generated ones: the
// cost does not depend on what the images show. (Some of them are among the reference digits, which
// is why their FID can fall below the floor.) Part of `npm run bench` (`-- --only eval`).
import type { BackendName } from '../src/core/config/trainingSchema';
import { initBackend } from '../src/core/backend/init';
import { loadMnist } from '../src/core/data/mnist';
import { gather } from '../src/core/data/sampler';
import { loadDigitClassifier } from '../src/core/eval/digitClassifier';
import { DigitEvaluator } from '../src/core/eval/digitMetrics';
import { fitGaussian, frechetDistance } from '../src/core/eval/frechet';
import { featureBalls, manifoldFigures } from '../src/core/eval/manifold';
import { speckleShare } from '../src/core/eval/speckle';
import { Random } from '../src/core/util/random';

const SIZES = [1000, 2500];
const STAND_IN_SEED = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed<T>(action: () => T | Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await action();
  return { result, ms: performance.now() - started };
}

export async function benchEvaluation(backend: BackendName, repeats = 3): Promise<void> {
  const report = await initBackend(backend);
  const [classifier, digits] = await Promise.all([loadDigitClassifier(), loadMnist({ kind: 'mnist' })]);
  const evaluator = new DigitEvaluator(classifier, digits);
  console.log(`digit evaluation cost on ${report.backend} (${classifier.featureSize} features, median of ${repeats})`);
  for (const size of SIZES) {
    const images = gather(digits, new Random(STAND_IN_SEED).permutation(digits.count).subarray(0, size));
    const first = await timed(() => evaluator.evaluate({ images }));
    const features: number[] = [];
    const distance: number[] = [];
    const manifold: number[] = [];
    const speckle: number[] = [];
    for (let i = 0; i < repeats; i++) {
      const pass = await timed(() => classifier.features(images));
      features.push(pass.ms);
      const reference = fitGaussian(pass.result, classifier.featureSize);
      distance.push((await timed(() => frechetDistance(fitGaussian(pass.result, classifier.featureSize), reference))).ms);
      // Per evaluation: the samples' own balls and the real-to-sample distances (the real balls are computed once per size).
      const real = await featureBalls(pass.result, classifier.featureSize);
      manifold.push((await timed(() => manifoldFigures(real, pass.result, classifier.featureSize))).ms);
      speckle.push((await timed(() => speckleShare(images, 28))).ms);
    }
    const total = median(features) + median(distance) + median(manifold) + median(speckle);
    console.log(`${size} samples: features ${median(features).toFixed(0)} ms + fit and FID ${median(distance).toFixed(0)} ms ` +
      `+ precision/recall/density/coverage ${median(manifold).toFixed(0)} ms + speckle ${median(speckle).toFixed(0)} ms ` +
      `= ${total.toFixed(0)} ms per evaluation; the first at this size, with the real statistics and floor, ${first.ms.toFixed(0)} ms ` +
      `(FID ${first.result.fid.toFixed(2)}, floor ${first.result.fidRealFloor.toFixed(2)})`);
  }
  classifier.dispose();
}
