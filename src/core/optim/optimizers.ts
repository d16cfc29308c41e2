import type { Optimizer } from '@tensorflow/tfjs-core';
import { tf } from '../backend/tf';
import type { OptimizerConfig } from '../config/trainingSchema';
import { inPlaceAdam } from './inPlaceAdam';

export function createOptimizer(config: OptimizerConfig): Optimizer {
  switch (config.kind) {
    case 'adam':
      // TF.js's Adam, updated in place on the pure-JS backends (see ./inPlaceAdam.ts).
      return inPlaceAdam(config.learningRate, config.beta1, config.beta2);
    case 'sgd':
      // Plain SGD when momentum is 0; otherwise classical momentum as in Goodfellow et al. 2014.
      return config.momentum > 0 ? tf.train.momentum(config.learningRate, config.momentum) : tf.train.sgd(config.learningRate);
    case 'rmsprop':
      return tf.train.rmsprop(config.learningRate, config.decay, config.momentum);
  }
}
