import type { Optimizer, Scalar, Tensor } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { tf } from '../../backend/tf';
import type { GanConfig } from '../../config/schema';
import type { Dataset } from '../../data/dataset';
import { gather } from '../../data/sampler';
import type { AdversarialObjective } from '../../objectives/adversarial';
import { realTarget } from '../../objectives/labelSmoothing';
import type { FamilyStreams } from '../family';
import { trainableVariables, type Loss, type Player, type TrainingPlan } from '../player';
import { tunableWeight } from '../shared/tunableWeight';
import { cycleGanCatalogue } from './catalogue';
import type { ImagePool } from './pool';
import type { CycleGanNetworks, CycleGanSection } from './translators';

/** What CycleGAN's players update; built once per run. */
export interface CycleGanContext {
  readonly config: GanConfig;
  readonly section: CycleGanSection;
  /** Domain b's training examples, with domain a beside them. */
  readonly dataset: Dataset;
  readonly networks: CycleGanNetworks;
  readonly objective: AdversarialObjective;
  readonly pools: { readonly a: ImagePool; readonly b: ImagePool };
  readonly generatorOptimizer: Optimizer;
  readonly discriminatorOptimizer: Optimizer;
}

const apply = (model: LayersModel, x: Tensor) => model.apply(x, { training: true }) as Tensor;
const l1 = (x: Tensor, y: Tensor) => tf.mean(tf.abs(tf.sub(x, y))) as Scalar;

/**
 * Zhu et al.'s iteration: both generators as one player, then both discriminators as one (each
 * network's gradient comes only from its own terms). The generators fool the other domain's
 * critic and must give the input back after the round trip (λ·L1 each way, and optionally the
 * identity term); the critics learn real from generated, shown fakes through the history pools,
 * each loss halved as in the paper.
 */
export function cycleGanTrainingPlan(ctx: CycleGanContext, { random, sampler }: FamilyStreams): TrainingPlan {
  const { config, section, dataset, networks, objective, pools } = ctx;
  const { generatorAB, generatorBA, discriminatorA, discriminatorB } = networks;
  const source = dataset.translation!.source;
  const batch = config.training.batchSize;
  const target = realTarget(config.regularizers);
  const cycleWeight = tunableWeight('cycle', 'cycle-consistency λ', section.cycleWeight);
  const identityWeight = section.identityWeight > 0 ? tunableWeight('identity', 'identity weight (× λ)', section.identityWeight) : undefined;

  // Unpaired: a's examples drawn on their own; paired: the same indices as b's (a pair each).
  const draw = () => {
    const indices = sampler.next(batch);
    const sourceIndices = dataset.translation!.paired ? indices : Array.from({ length: batch }, () => random.int(source.count));
    return {
      a: tf.tensor(gather(source, sourceIndices), [batch, ...source.exampleShape]),
      b: tf.tensor(gather(dataset, indices), [batch, ...dataset.exampleShape]),
    };
  };

  const generatorPlayer: Player = {
    name: 'generators',
    metrics: { loss: 'gLoss', gradNorm: 'gradNormG' },
    updates: 1,
    optimizer: ctx.generatorOptimizer,
    variables: trainableVariables(generatorAB, generatorBA),
    prepare() {
      const { a, b } = draw();
      return (): Loss => {
        const fakeB = apply(generatorAB, a);
        const fakeA = apply(generatorBA, b);
        const parts: Record<string, Scalar> = {
          adversarialAB: objective.generatorLoss(apply(discriminatorB, fakeB)),
          adversarialBA: objective.generatorLoss(apply(discriminatorA, fakeA)),
          cycleA: l1(apply(generatorBA, fakeB), a),
          cycleB: l1(apply(generatorAB, fakeA), b),
        };
        let total = tf.addN([parts['adversarialAB']!, parts['adversarialBA']!, tf.mul(cycleWeight.get(), tf.add(parts['cycleA']!, parts['cycleB']!))]) as Scalar;
        if (identityWeight) {
          parts['identity'] = tf.add(l1(apply(generatorAB, b), b), l1(apply(generatorBA, a), a));
          total = tf.add(total, tf.mul(cycleWeight.get() * identityWeight.get(), parts['identity']));
        }
        return { total, parts };
      };
    },
  };

  // Fakes stored in the pools so far: the pools' fill level, counted from the step (a resume starts a step's count afresh).
  let counted = { step: -1, update: 0 };
  const storedBefore = (step: number) => {
    counted = counted.step === step ? { step, update: counted.update + 1 } : { step, update: 0 };
    return (step * config.training.dSteps + counted.update) * batch;
  };

  const discriminatorPlayer: Player = {
    name: 'discriminators',
    metrics: { loss: 'dLoss', gradNorm: 'gradNormD' },
    updates: config.training.dSteps,
    optimizer: ctx.discriminatorOptimizer,
    variables: trainableVariables(discriminatorA, discriminatorB),
    prepare(step) {
      const { a, b } = draw();
      const stored = storedBefore(step);
      const fakeB = pools.b.query(apply(generatorAB, a), stored, random);
      const fakeA = pools.a.query(apply(generatorBA, b), stored, random);
      return (): Loss => {
        const [realA, generatedA] = [apply(discriminatorA, a), apply(discriminatorA, fakeA)];
        const [realB, generatedB] = [apply(discriminatorB, b), apply(discriminatorB, fakeB)];
        const lossA = objective.discriminatorLoss(realA, generatedA, target);
        const lossB = objective.discriminatorLoss(realB, generatedB, target);
        const shown = (x: Tensor, y: Tensor) => tf.mul(0.5, tf.add(tf.mean(objective.displayed(x)), tf.mean(objective.displayed(y)))) as Scalar;
        return {
          total: tf.mul(0.5, tf.add(lossA.total, lossB.total)),
          parts: { dLossA: lossA.total, dLossB: lossB.total, dReal: shown(realA, realB), dFake: shown(generatedA, generatedB) },
        };
      };
    },
  };

  return {
    players: [generatorPlayer, discriminatorPlayer],
    catalogue: cycleGanCatalogue(config.objective.kind, identityWeight !== undefined),
    weights: [cycleWeight, ...identityWeight ? [identityWeight] : []],
  };
}
