import type { AdamOptimizer, Tensor, Variable } from '@tensorflow/tfjs-core';
import { float32View } from '../backend/heapViews';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { tf } from '../backend/tf';
import { elementwiseKernels, memoryOffset, type ElementwiseKernels } from '../backend/wasm/elementwiseKernels';

/**
 * Adam as TF.js defines it (same state variables, names, checkpoints and arithmetic), with the
 * update done by one loop per variable on the pure-JS backends (SIMD from elementwise.wat on wasm,
 * JavaScript on cpu), moments in place:
 * TF.js's own Adam launches about fifteen kernels per variable, each a pass over the parameters,
 * which for a small network costs more than its matrix products. Anywhere the loop cannot run (a
 * native backend, a shared moment buffer), TF.js's own update runs.
 */
type Gradients = Parameters<AdamOptimizer['applyGradients']>[0];

export function inPlaceAdam(learningRate: number, beta1: number, beta2: number): AdamOptimizer {
  class InPlaceAdam extends tf.AdamOptimizer {
    override applyGradients(variableGradients: Gradients): void {
      const gradients = Array.isArray(variableGradients)
        ? variableGradients.map(({ name, tensor }) => ({ name, tensor }))
        : Object.entries(variableGradients).map(([name, tensor]) => ({ name, tensor }));
      const state = this as unknown as AdamState;
      ensureMoments(state, gradients.map((g) => g.name));
      const variables = gradients.map(({ name, tensor }, i) => ({ value: tf.engine().registeredVariables[name]!, gradient: tensor,
        m: state.accumulatedFirstMoment[i]!.variable, v: state.accumulatedSecondMoment[i]!.variable }));
      const accBeta = [float32View(state.accBeta1, true), float32View(state.accBeta2, true)];
      if (variables.some((t) => views(t) === undefined) || accBeta.some((a) => a === undefined)) {
        super.applyGradients(variableGradients);
        return;
      }
      const correction1 = 1 - accBeta[0]![0]!;
      const correction2 = 1 - accBeta[1]![0]!;
      const epsilon = state.epsilon;
      // Hoisted out of the loop: one division per parameter instead of three.
      // The field, not the closure's rate: a learning-rate decay sets it (learningRateDecay.ts).
      const stepSize = this.learningRate / correction1;
      const inverseCorrection2 = 1 / correction2;
      const simd = tf.getBackend() === 'wasm' ? elementwiseKernels(tf.backend() as unknown as BackendWasm) : undefined;
      for (const tensors of variables) {
        if (simd) {
          simdStep(simd, tensors, [beta1, beta2, stepSize, inverseCorrection2, epsilon]);
          continue;
        }
        // Views are fetched per variable: the previous variable's new tensor may have grown the heap.
        const { value, gradient, m, v } = views(tensors)!;
        const next = new Float32Array(value.length);
        for (let j = 0; j < value.length; j++) {
          const g = gradient[j]!;
          const mj = beta1 * m[j]! + (1 - beta1) * g;
          const vj = beta2 * v[j]! + (1 - beta2) * g * g;
          m[j] = mj;
          v[j] = vj;
          next[j] = value[j]! - stepSize * mj / (Math.sqrt(vj * inverseCorrection2) + epsilon);
        }
        // The weights get a new buffer rather than an in-place write: the wasm backend caches
        // XNNPACK operators, with the weights packed into them, per weight tensor.
        tf.tidy(() => (tensors.value as Variable).assign(tf.tensor(next, tensors.value.shape)));
      }
      // Fresh views: the new weight tensors may have grown the heap since the check above.
      float32View(state.accBeta1, true)![0] = (1 - correction1) * beta1;
      float32View(state.accBeta2, true)![0] = (1 - correction2) * beta2;
      state.incrementIterations();
    }
  }
  return new InPlaceAdam(learningRate, beta1, beta2);
}

/** One variable's step by the SIMD kernel, on the wasm memory: the same update, in float32. */
function simdStep(simd: ElementwiseKernels, tensors: Record<keyof Views, Tensor>, scalars: readonly [number, number, number, number, number]): void {
  const backend = tf.backend() as unknown as BackendWasm;
  const { value, gradient, m, v } = tensors;
  // A new buffer for the weights, as in the loop above (XNNPACK's packed copies are per tensor).
  const next = tf.engine().makeTensorFromTensorInfo(backend.makeOutput([...value.shape], 'float32'));
  const at = (tensor: Tensor) => memoryOffset(backend, tensor.dataId);
  simd.adam(at(value), at(gradient), at(m), at(v), at(next), value.size, ...scalars);
  (value as Variable).assign(next);
  next.dispose();
}

interface Slot { originalName: string; variable: Tensor }
interface AdamState {
  accumulatedFirstMoment: (Slot | undefined)[];
  accumulatedSecondMoment: (Slot | undefined)[];
  accBeta1: Tensor;
  accBeta2: Tensor;
  epsilon: number;
  incrementIterations(): void;
}
interface Views { value: Float32Array; gradient: Float32Array; m: Float32Array; v: Float32Array }

/** Creates the moment variables exactly as TF.js's Adam does on its first step (names included). */
function ensureMoments(state: AdamState, names: readonly string[]): void {
  names.forEach((name, i) => {
    const value = tf.engine().registeredVariables[name]!;
    state.accumulatedFirstMoment[i] ??= { originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
    state.accumulatedSecondMoment[i] ??= { originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
  });
}

function views({ value, gradient, m, v }: Record<keyof Views, Tensor>): Views | undefined {
  const viewed = { value: float32View(value), gradient: float32View(gradient), m: float32View(m, true), v: float32View(v, true) };
  return Object.values(viewed).every((view) => view !== undefined && view.length === viewed.value?.length)
    ? viewed as Views : undefined;
}
