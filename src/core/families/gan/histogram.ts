import { readAndFree } from '../../backend/reads';
import { tf } from '../../backend/tf';
import type { Dataset } from '../../data/dataset';
import { gatherLabels } from '../../data/sampler';
import { histogramDraws, histogramRecord } from '../../eval/histogramDraws';
import type { GanModels } from '../../models';
import { criticOf, EVALUATION_CHUNK, generate } from '../../models/apply';
import { latentBatch } from '../../models/latent';
import { drawLatents } from '../../models/latentDraws';
import type { AdversarialObjective } from '../../objectives/adversarial';
import { ganHistogramKey, type HistogramKey } from '../../run/histogramKeys';
import type { HistogramRecord } from '../../run/records';

type EvaluatedModels = Pick<GanModels, 'generator' | 'discriminator' | 'latent'>;

/**
 * Histograms of D's displayed output on real and generated data, D and G in inference mode, over
 * the objective's fixed range (or, for unbounded critics, a range that spans this step's scores).
 * A conditional model's generated half uses the real half's classes, as in training.
 */
export async function discriminatorHistogram(
  step: number, seed: number, models: EvaluatedModels, objective: AdversarialObjective, dataset: Dataset, bins: number, key: HistogramKey = ganHistogramKey,
): Promise<HistogramRecord> {
  const { random, count, real: realBatch } = histogramDraws(step, seed, dataset);
  const classes = models.latent.classes ? gatherLabels(dataset, realBatch.indices) : undefined;
  const [real, fake] = await readAndFree(...tf.tidy(() => {
    const latent = latentBatch(drawLatents(random, models.latent, count, classes));
    const fakeBatch = generate(models.generator, latent, false);
    const critic = criticOf(models.discriminator, latent.labels, false, EVALUATION_CHUNK);
    return [objective.displayed(critic(realBatch.tensor())), objective.displayed(critic(fakeBatch))] as const;
  }));
  return histogramRecord(key, step, real, fake, objective, bins);
}

