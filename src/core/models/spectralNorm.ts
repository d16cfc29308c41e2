import type { Tensor, Tensor1D, Tensor2D, Tensor4D } from '@tensorflow/tfjs-core';
import type { LayersModel, LayerVariable } from '@tensorflow/tfjs-layers';
import { readAndFree } from '../backend/reads';
import { tf, type TF } from '../backend/tf';
import { perNamespace } from './layerRegistry';
import type { Initializer } from './layers';

// Spectral normalization (Miyato et al. 2018): a layer computes with W / σ(W), σ its largest
// singular value, so each layer (and with 1-Lipschitz activations, D) is 1-Lipschitz. σ comes from
// one power-iteration step per update on vectors u, v kept between steps (non-trainable weights, so
// checkpoints hold them and a resume continues the same iteration). The layer reads u and v as
// constants: σ = vᵀ W u has the gradient v uᵀ with respect to W, as in the paper. They advance after
// each discriminator update (spectralNormAdvance), never inside the gradient tape.

/** Registered under these names, so a model holding the layers serialises and loads again. */
export const SPECTRAL_DENSE_CLASS = 'GanStudioSpectralDense';
export const SPECTRAL_CONV2D_CLASS = 'GanStudioSpectralConv2D';

type Shape = (number | null)[];

export interface SpectralDenseArgs {
  readonly units: number;
  readonly useBias?: boolean;
  readonly kernelInitializer: Initializer;
  /** Seeds u's random start (the power iteration's first vector). */
  readonly vectorSeed: number;
  readonly name?: string;
}

export interface SpectralConvArgs extends Omit<SpectralDenseArgs, 'units'> {
  readonly filters: number;
  readonly kernelSize: number;
  readonly strides: number;
}

const EPSILON = 1e-12;

const normalize = (x: Tensor1D): Tensor1D => tf.div(x, tf.add(tf.norm(x), EPSILON));

/** The kernel as a matrix: rows its inputs (a convolution's window × input channels), columns its outputs. */
const asMatrix = (kernel: Tensor): Tensor2D => tf.reshape(kernel, [-1, kernel.shape[kernel.shape.length - 1]!]);

/** One power-iteration step from u: v ← W u / ‖·‖, u ← Wᵀ v / ‖·‖. */
export function powerIteration(kernel: Tensor, u: Tensor1D): { u: Tensor1D; v: Tensor1D } {
  return tf.tidy(() => {
    const matrix = asMatrix(kernel);
    const v = normalize(tf.reshape(tf.matMul(matrix, tf.reshape(u, [-1, 1])), [-1]));
    const next = normalize(tf.reshape(tf.matMul(tf.reshape(v, [1, -1]), matrix), [-1]));
    return { u: next, v };
  });
}

/** σ ≈ vᵀ W u, the kernel's largest singular value as the vectors estimate it. */
export function spectralSigma(kernel: Tensor, u: Tensor, v: Tensor): Tensor {
  return tf.tidy(() => tf.sum(tf.mul(tf.reshape(v, [-1, 1]), tf.matMul(asMatrix(kernel), tf.reshape(u, [-1, 1])))));
}

/** What both layers share: the kernel, the optional bias, u and v, and the kernel divided by σ. */
function defineLayers(namespace: TF) {
  abstract class SpectralLayer extends namespace.layers.Layer {
    protected kernel: LayerVariable | undefined;
    protected bias: LayerVariable | undefined;
    private u: LayerVariable | undefined;
    private v: LayerVariable | undefined;

    constructor(name: string | undefined, protected readonly units: number, protected readonly useBias: boolean,
      private readonly initializer: Initializer, private readonly vectorSeed: number) {
      super(name ? { name } : {});
    }

    protected addWeights(kernelShape: number[]): void {
      this.kernel = this.addWeight('kernel', kernelShape, 'float32', this.initializer);
      if (this.useBias) this.bias = this.addWeight('bias', [this.units], 'float32', namespace.initializers.zeros());
      const rows = kernelShape.slice(0, -1).reduce((a, b) => a * b, 1);
      const start = namespace.initializers.randomNormal({ mean: 0, stddev: 1, seed: this.vectorSeed });
      this.u = this.addWeight('u', [this.units], 'float32', start, undefined, false);
      this.v = this.addWeight('v', [rows], 'float32', namespace.initializers.zeros(), undefined, false);
      this.built = true;
      this.advance();
    }

    /** The kernel divided by σ; σ's vectors are constants here, so the gradient is the paper's. */
    protected normalizedKernel(): Tensor {
      const kernel = this.kernel!.read();
      return tf.div(kernel, tf.add(spectralSigma(kernel, this.u!.read(), this.v!.read()), EPSILON));
    }

    protected withBias(output: Tensor): Tensor {
      return this.bias ? tf.add(output, this.bias.read()) : output;
    }

    /** One power-iteration step on the current kernel (after each update of it). */
    advance(): void {
      tf.tidy(() => {
        const { u, v } = powerIteration(this.kernel!.read(), this.u!.read() as Tensor1D);
        this.u!.write(u);
        this.v!.write(v);
      });
    }

    /** σ as u and v estimate it now. */
    async sigma(): Promise<number> {
      const [sigma] = await readAndFree(spectralSigma(this.kernel!.read(), this.u!.read(), this.v!.read()));
      return sigma[0]!;
    }

    override getConfig() {
      return { ...super.getConfig(), units: this.units, useBias: this.useBias, vectorSeed: this.vectorSeed };
    }
  }

  class SpectralDense extends SpectralLayer {
    static readonly className = SPECTRAL_DENSE_CLASS;

    constructor(args: SpectralDenseArgs) {
      super(args.name, args.units, args.useBias ?? true, args.kernelInitializer, args.vectorSeed);
    }

    override build(inputShape: Shape | Shape[]): void {
      const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
      this.addWeights([shape[shape.length - 1]!, this.units]);
    }

    override computeOutputShape(inputShape: Shape | Shape[]): Shape {
      const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
      return [...shape.slice(0, -1), this.units];
    }

    override call(inputs: Tensor | Tensor[]): Tensor {
      return tf.tidy(() => this.withBias(tf.matMul((Array.isArray(inputs) ? inputs[0]! : inputs) as Tensor2D, this.normalizedKernel() as Tensor2D)));
    }
  }

  /** A 'same'-padded strided convolution, as the DCGAN discriminator's. */
  class SpectralConv2D extends SpectralLayer {
    static readonly className = SPECTRAL_CONV2D_CLASS;
    private readonly kernelSize: number;
    private readonly strides: number;

    constructor(args: SpectralConvArgs) {
      super(args.name, args.filters, args.useBias ?? true, args.kernelInitializer, args.vectorSeed);
      this.kernelSize = args.kernelSize;
      this.strides = args.strides;
    }

    override build(inputShape: Shape | Shape[]): void {
      const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
      this.addWeights([this.kernelSize, this.kernelSize, shape[3]!, this.units]);
    }

    override computeOutputShape(inputShape: Shape | Shape[]): Shape {
      const [batch = null, height, width] = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
      const side = (n: number | null | undefined) => (n == null ? null : Math.ceil(n / this.strides));
      return [batch, side(height), side(width), this.units];
    }

    override call(inputs: Tensor | Tensor[]): Tensor {
      return tf.tidy(() => {
        const x = (Array.isArray(inputs) ? inputs[0]! : inputs) as Tensor4D;
        return this.withBias(tf.conv2d(x, this.normalizedKernel() as Tensor4D, this.strides, 'same'));
      });
    }

    override getConfig() {
      return { ...super.getConfig(), filters: this.units, kernelSize: this.kernelSize, strides: this.strides };
    }
  }

  return { SpectralLayer, SpectralDense, SpectralConv2D };
}

export const spectralLayers = perNamespace(defineLayers, ({ SpectralDense, SpectralConv2D }) => [SpectralDense, SpectralConv2D]);

type SpectralLayer = InstanceType<ReturnType<typeof defineLayers>['SpectralLayer']>;

/** The model's spectrally normalized layers, nested models' included. */
export function spectralLayersOf(model: LayersModel): SpectralLayer[] {
  const { SpectralLayer } = spectralLayers();
  return model.layers.flatMap((layer) => {
    if (layer instanceof SpectralLayer) return [layer];
    return 'layers' in layer ? spectralLayersOf(layer as LayersModel) : [];
  });
}

/**
 * What advances the model's power iterations after each update of its weights (one step in each
 * spectrally normalized layer), or undefined when it has none. Found once, not at every update.
 */
export function spectralNormAdvance(model: LayersModel): (() => void) | undefined {
  const layers = spectralLayersOf(model);
  return layers.length ? () => { for (const layer of layers) layer.advance(); } : undefined;
}
