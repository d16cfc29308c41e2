import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { GanConfig } from '../config/schema';
import type { Dataset, GaussianMixture } from '../data/dataset';
import { generatesDigits } from '../data/domains/domainShape';
import { loadDigitClassifier, type DigitClassifier } from '../eval/digitClassifier';
import { digitQualityFigures } from '../eval/digitFigures';
import { DigitEvaluator, labelAccuracy } from '../eval/digitMetrics';
import { matchedAccuracy } from '../eval/matching';
import { HIGH_QUALITY_SIGMAS, modeCoverage, nearestModes } from '../eval/modeCoverage';
import { type LatentSpec } from '../models/latent';
import { codeLayout } from '../models/codeLayout';
import type { FamilyFigures } from '../families/family';
import type { EvaluationRecord } from '../run/evaluationRecords';
import { Random } from '../util/random';
import { generateFrom } from './evaluation';
import { drawLatents, presentClasses } from '../models/latentDraws';

// Its own stream per step, like histograms: evaluating never changes what a run trains on, and the
// same checkpoint evaluated twice gives the same figures.
const evaluationSalt = 0xe7a1;

/** What `evaluate` measures: the run's data decides. */
type Measure =
  | { readonly kind: 'mixture'; readonly mixture: GaussianMixture }
  | { readonly kind: 'digits'; readonly digits: DigitEvaluator; readonly classifier: DigitClassifier }
  /** Data with no measure of the generator: only the family's own figures (BiGAN's encoder on a spiral). */
  | { readonly kind: 'family' };

/** The generator and what it takes, from a live session or a restored checkpoint. */
export interface EvaluatedGenerator {
  readonly generator: LayersModel;
  readonly latent: LatentSpec;
}

/**
 * Measures whether a generator learned (README, "Evaluation"): on Gaussian mixtures the VEEGAN/
 * PacGAN mode figures, on the embedded MNIST digits FID with the shipped classifier (and its
 * real-vs-real floor); plus, for a conditional GAN, how often samples land on their condition and,
 * for an InfoGAN, how well its first categorical code matches the classes. Other data has no
 * measure: `create` returns undefined.
 */
export class GeneratorEvaluator {
  private constructor(private readonly measure: Measure, private readonly dataset: Dataset, private readonly seed: number) {}

  /**
   * The evaluator for this data; `familyMeasures` when the family adds figures of its own, which any
   * data allows, and `generates` false for a family without a generator (only its own figures).
   */
  static async create(config: GanConfig, dataset: Dataset, familyMeasures = false, generates = true): Promise<GeneratorEvaluator | undefined> {
    if (!generates) return familyMeasures ? new GeneratorEvaluator({ kind: 'family' }, dataset, config.seed) : undefined;
    if (dataset.kind === 'points' && dataset.mixture) return new GeneratorEvaluator({ kind: 'mixture', mixture: dataset.mixture }, dataset, config.seed);
    if (!generatesDigits(config.data)) return familyMeasures ? new GeneratorEvaluator({ kind: 'family' }, dataset, config.seed) : undefined;
    const classifier = await loadDigitClassifier();
    return new GeneratorEvaluator({ kind: 'digits', classifier, digits: new DigitEvaluator(classifier, dataset) }, dataset, config.seed);
  }

  /** The samples one evaluation can take: FID compares with as many real digits, twice over for the floor. */
  sampleCount(requested: number): number {
    return this.measure.kind === 'digits' ? Math.min(requested, this.measure.digits.maxSamples) : requested;
  }

  /** The generator's figures at `step` (none without one), with the family's own (`measure`) when it has some. */
  async evaluate(model: EvaluatedGenerator | undefined, step: number, requested: number, measure?: () => Promise<FamilyFigures>): Promise<EvaluationRecord> {
    const started = performance.now();
    if (this.measure.kind === 'family' || !model) {
      const figures = measure ? await measure() : [];
      return { type: 'evaluation', step, time: new Date().toISOString(), samples: 0, seconds: Math.round(performance.now() - started) / 1000, figures };
    }
    const count = this.sampleCount(requested);
    const random = Random.derive(this.seed, evaluationSalt, step);
    const classes = presentClasses(this.dataset);
    const latents = drawLatents(random, model.latent, count,
      model.latent.classes ? Int32Array.from({ length: count }, (_, i) => classes[i % classes.length]!) : undefined);
    const samples = await generateFrom(model.generator, latents);
    const conditions = latents.labels ? argmaxRows(latents.labels, latents.count) : undefined;
    const firstCode = model.latent.codes?.categorical[0];
    const codes = latents.codes && firstCode !== undefined ? firstCategory(latents.codes, model.latent, latents.count) : undefined;
    const figures = this.measure.kind === 'mixture'
      ? mixtureFigures(samples, this.measure.mixture, conditions, codes, firstCode)
      : await digitFigures(this.measure.digits, samples, conditions, codes, firstCode);
    const named = [...figures.figures ?? [], ...(measure ? await measure() : [])];
    return {
      type: 'evaluation', step, time: new Date().toISOString(), samples: count,
      seconds: Math.round(performance.now() - started) / 1000, ...figures, ...(named.length ? { figures: named } : {}),
    };
  }

  dispose(): void {
    if (this.measure.kind === 'digits') this.measure.classifier.dispose();
  }
}

type Figures = Pick<EvaluationRecord, 'modes' | 'fid' | 'labelAccuracy' | 'codeAccuracy' | 'figures'>;

function mixtureFigures(
  points: Float32Array, mixture: GaussianMixture, conditions: Int32Array | undefined, codes: Int32Array | undefined, categories: number | undefined,
): Figures {
  const coverage = modeCoverage(points, mixture);
  const nearest = conditions || codes ? nearestModes(points, mixture) : undefined;
  return {
    modes: {
      covered: coverage.modesCovered, total: coverage.modes, highQualityShare: coverage.highQualityShare, kl: coverage.modeKl,
      radius: HIGH_QUALITY_SIGMAS * mixture.sigma,
    },
    ...(conditions && nearest ? { labelAccuracy: labelAccuracy(nearest, conditions) } : {}),
    ...(codes && nearest && categories !== undefined
      ? { codeAccuracy: matchedAccuracy(codes, nearest, categories, mixture.centers.length).accuracy } : {}),
  };
}

async function digitFigures(
  digits: DigitEvaluator, images: Float32Array, conditions: Int32Array | undefined, codes: Int32Array | undefined, categories: number | undefined,
): Promise<Figures> {
  const metrics = await digits.evaluate({
    images, ...(conditions ? { labels: conditions } : {}), ...(codes && categories !== undefined ? { codes, codeCategories: categories } : {}),
  });
  return {
    fid: { value: metrics.fid, floor: metrics.fidRealFloor }, figures: digitQualityFigures(metrics),
    ...(metrics.labelAccuracy !== undefined ? { labelAccuracy: metrics.labelAccuracy } : {}),
    ...(metrics.codeAccuracy !== undefined ? { codeAccuracy: metrics.codeAccuracy } : {}),
  };
}

/** The category of InfoGAN's first categorical code per example (its one-hot block comes first in c). */
function firstCategory(codes: Float32Array, latent: LatentSpec, count: number): Int32Array {
  const layout = codeLayout(latent.codes!);
  const block = layout.categorical[0]!;
  return Int32Array.from({ length: count }, (_, i) => {
    const row = codes.subarray(i * layout.width + block.offset, i * layout.width + block.offset + block.size);
    return argmax(row);
  });
}

function argmaxRows(oneHot: Float32Array, count: number): Int32Array {
  const width = oneHot.length / count;
  return Int32Array.from({ length: count }, (_, i) => argmax(oneHot.subarray(i * width, (i + 1) * width)));
}

function argmax(values: Float32Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}
