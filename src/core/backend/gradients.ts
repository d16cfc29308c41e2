import type { TF } from './tf';

// Comparisons are piecewise constant, so their gradient is zero almost everywhere. TF.js defines
// none, which breaks second-order gradients (gradient penalty, R1) through leakyReLU, whose
// gradient uses Greater.
const comparisonKernels = ['Greater', 'GreaterEqual', 'Less', 'LessEqual', 'Equal', 'NotEqual'];

export function registerMissingGradients(tf: TF): void {
  for (const kernelName of comparisonKernels) {
    if (tf.getGradient(kernelName) != null) continue;
    tf.registerGradient({
      kernelName,
      inputsToSave: ['a', 'b'],
      gradFunc: (_dy, saved) => ({
        a: () => tf.zerosLike(saved[0]!),
        b: () => tf.zerosLike(saved[1]!),
      }),
    });
  }
}
