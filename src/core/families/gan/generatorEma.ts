import type { LayersModel } from '@tensorflow/tfjs-layers';
import { tf } from '../../backend/tf';
import type { GanConfig } from '../../config/schema';
import type { DataShape } from '../../models';
import { buildGenerator } from '../../models';
import type { Disposable } from '../../util/disposable';

/**
 * An exponential moving average of the generator's weights (training.generatorEma). The trained
 * generator keeps chasing the discriminator and can circle a good solution without settling; the
 * average sits near the centre of that circle, so it is what samples, evaluation and export show.
 */
export class GeneratorEma implements Disposable {
  private constructor(readonly model: LayersModel, private readonly decay: number) {}

  /** The average for a run's config, starting from `generator`'s weights; undefined when the config has none. */
  static create(config: GanConfig, data: DataShape, generator: LayersModel): GeneratorEma | undefined {
    const ema = config.training.generatorEma;
    if (!ema) return undefined;
    const model = buildGenerator(config.model, data, config.seed);
    // getWeights hands out the live variables: setWeights copies their values, nothing to free.
    model.setWeights(generator.getWeights());
    return new GeneratorEma(model, ema.decay);
  }

  /**
   * Folds the generator's weights after generator step `step` (1-based) into the average. Early on
   * the decay is shorter, as TensorFlow's ExponentialMovingAverage does with num_updates, so the
   * first samples do not mostly show the initial weights. Every weight is averaged, batch-norm
   * moving statistics included, since the averaged model runs in inference mode.
   */
  update(generator: LayersModel, step: number): void {
    const decay = Math.min(this.decay, (1 + step) / (10 + step));
    const sources = generator.weights;
    tf.tidy(() => {
      this.model.weights.forEach((average, i) => {
        const current = sources[i]!.read();
        const old = average.read();
        average.write(tf.add(tf.mul(old, decay), tf.mul(current, 1 - decay)));
      });
    });
  }

  dispose(): void {
    this.model.dispose();
  }
}
