import type { Tensor, Tensor2D } from '@tensorflow/tfjs-core';
import type { LayerVariable, SymbolicTensor } from '@tensorflow/tfjs-layers';
import { tf, type TF } from '../backend/tf';
import type { MinibatchDiscriminationConfig } from '../config/variantSchema';
import { connect, type Initializer } from './layers';
import { perNamespace } from './layerRegistry';

/** Registered under this name, so a model holding the layer serialises and loads again. */
export const MINIBATCH_DISCRIMINATION_CLASS = 'GanStudioMinibatchDiscrimination';

type Shape = (number | null)[];

interface LayerArgs extends MinibatchDiscriminationConfig {
  readonly kernelInitializer?: Initializer;
  readonly name?: string;
}

/**
 * Minibatch discrimination (Salimans et al. 2016). Features f (N×A) are projected by a trainable
 * T (A×B·C) into M (N×B×C); for each kernel b, c_b(i, j) = exp(−‖M_i,b − M_j,b‖₁), and example i
 * gets o_i,b, its closeness to the other examples, appended to its features (N×(A+B)).
 *
 * o is the mean over j ≠ i rather than the paper's sum: the sum grows with the batch, and D is
 * also evaluated on batches of other sizes (histograms, the 2D field), where it must read the same.
 */
function defineLayer(namespace: TF) {
  return class MinibatchDiscrimination extends namespace.layers.Layer {
    static readonly className = MINIBATCH_DISCRIMINATION_CLASS;
    private readonly kernels: number;
    private readonly dims: number;
    private readonly initializer: Initializer;
    private kernel: LayerVariable | undefined;

    constructor(args: LayerArgs) {
      super(args.name ? { name: args.name } : {});
      this.kernels = args.kernels;
      this.dims = args.dims;
      this.initializer = args.kernelInitializer ?? namespace.initializers.glorotUniform({});
    }

    override build(inputShape: Shape | Shape[]): void {
      const features = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
      this.kernel = this.addWeight('kernel', [features[features.length - 1]!, this.kernels * this.dims], 'float32', this.initializer);
      this.built = true;
    }

    override computeOutputShape(inputShape: Shape | Shape[]): Shape {
      const features = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
      return [features[0] ?? null, features[1]! + this.kernels];
    }

    override call(inputs: Tensor | Tensor[]): Tensor {
      return tf.tidy(() => {
        const features = Array.isArray(inputs) ? inputs[0]! : inputs;
        return tf.concat([features, closeness(features, this.kernel!.read(), this.kernels, this.dims)], 1);
      });
    }

    override getConfig() {
      return { ...super.getConfig(), kernels: this.kernels, dims: this.dims };
    }
  };
}

/** o (N×B): each example's mean closeness to the other examples of its batch, per kernel. */
export function closeness(features: Tensor, kernel: Tensor, kernels: number, dims: number): Tensor {
  const count = features.shape[0]!;
  const projected = tf.reshape(tf.matMul(features as Tensor2D, kernel as Tensor2D), [count, kernels, dims]);
  const distances = tf.sum(tf.abs(tf.sub(tf.expandDims(projected, 1), tf.expandDims(projected, 0))), 3);
  // Every example is at distance 0 from itself: remove that exp(0) = 1 from each sum.
  const others = tf.sub(tf.sum(tf.exp(tf.neg(distances)), 1), 1);
  return count > 1 ? tf.div(others, count - 1) : tf.zerosLike(others);
}

const layerClass = perNamespace(defineLayer, (defined) => [defined]);

/** Features → features joined with their minibatch closeness (A → A + kernels). */
export function minibatchDiscrimination(
  features: SymbolicTensor, config: MinibatchDiscriminationConfig, kernelInitializer: Initializer,
): SymbolicTensor {
  const Layer = layerClass();
  return connect(new Layer({ ...config, kernelInitializer }), features);
}

/** Makes the layer class known to TF.js's deserialiser, for loading a saved model that holds it. */
export function registerMinibatchDiscrimination(): void {
  layerClass();
}
