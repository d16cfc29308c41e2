import type { Tensor, Tensor2D, Tensor4D } from '@tensorflow/tfjs-core';
import type { LayerVariable } from '@tensorflow/tfjs-layers';
import type { Kwargs } from '@tensorflow/tfjs-layers/dist/types';
import type { TF } from '../../backend/tf';
import type { Initializer } from '../../models/layers';

// The style generator's custom layers, with the equalized learning rate of Karras et al.: each
// weight is stored N(0, 1/m) (the network's seeded N(0, 0.02) draw, rescaled once when built) and
// multiplied at run time by m times He's constant, so Adam moves every layer by the same share of
// its size — m, the learning-rate multiplier, slows one layer's share (the mapping's, 0.01, as
// StyleGAN's). TF.js loads the layers back by these class names.

type Shape = (number | null)[];

/** The standard deviation of the network's seeded initializer (normal002), which building rescales to 1/m. */
export const STORED_STD = 0.02;

interface WeightArgs {
  readonly kernelInitializer?: Initializer;
  readonly name?: string;
}

const shapesOf = (inputShape: Shape | Shape[]): Shape[] => (Array.isArray(inputShape[0]) ? inputShape : [inputShape]) as Shape[];
const first = (inputs: Tensor | Tensor[]): Tensor => (Array.isArray(inputs) ? inputs[0]! : inputs);

/** The classes, defined on a TF.js namespace (whose Layer they must extend). Imports no TF.js: this file also ships alone (see registerStyleLayers). */
export function defineStyleLayers(namespace: TF) {
  const tf = namespace;
  const initializerOf = (args: WeightArgs) => args.kernelInitializer ?? tf.initializers.randomNormal({ mean: 0, stddev: STORED_STD });
  /** Rescales a freshly drawn N(0, 0.02) weight to N(0, 1/m); a loaded model's weights then replace it. */
  const restore = (weight: LayerVariable, multiplier: number) => {
    const scaled = tf.mul(weight.read(), 1 / (STORED_STD * multiplier));
    weight.write(scaled);
    scaled.dispose();
  };

  /** y = x·(W·gain) + b: a dense layer with the equalized learning rate (the mapping network's). */
  class ScaledDense extends tf.layers.Layer {
    static readonly className = 'GanStudioScaledDense';
    readonly units: number;
    /** The gain's factor over 1/√fan-in: √2 before a leaky ReLU, 1 for a linear output. */
    readonly activationGain: number;
    /** The learning-rate multiplier m. */
    readonly multiplier: number;
    private readonly initializer: Initializer;
    private kernel: LayerVariable | undefined;
    private bias: LayerVariable | undefined;
    private gain = 1;

    constructor(args: WeightArgs & { units: number; activationGain?: number; multiplier?: number }) {
      super(args.name ? { name: args.name } : {});
      this.units = args.units;
      this.activationGain = args.activationGain ?? 1;
      this.multiplier = args.multiplier ?? 1;
      this.initializer = initializerOf(args);
    }

    override build(inputShape: Shape | Shape[]): void {
      const fanIn = shapesOf(inputShape)[0]!.at(-1)!;
      this.kernel = this.addWeight('kernel', [fanIn, this.units], 'float32', this.initializer);
      restore(this.kernel, this.multiplier);
      this.bias = this.addWeight('bias', [this.units], 'float32', tf.initializers.zeros());
      this.gain = (this.multiplier * this.activationGain) / Math.sqrt(fanIn);
      this.built = true;
    }

    override computeOutputShape(inputShape: Shape | Shape[]): Shape {
      return [shapesOf(inputShape)[0]![0] ?? null, this.units];
    }

    override call(inputs: Tensor | Tensor[]): Tensor {
      return tf.tidy(() => tf.add(tf.matMul(first(inputs) as Tensor2D, tf.mul(this.kernel!.read(), this.gain) as Tensor2D), tf.mul(this.bias!.read(), this.multiplier)));
    }

    override getConfig() {
      return { ...super.getConfig(), units: this.units, activationGain: this.activationGain, multiplier: this.multiplier };
    }
  }

  /**
   * StyleGAN2's modulated convolution, in the non-fused form TF.js allows (it has no grouped
   * convolution for per-example weights): scale x's input channels by the example's style
   * s = A(w_style) (its bias starting at 1), convolve with the shared kernel, then scale each output
   * channel by the demodulation 1/√(Σ (s_i·k)² + ε) — the same as convolving with each example's
   * own modulated, demodulated kernel. Inputs [x, ws]: ws holds one w per style row. The affine map
   * A is this layer's own pair of weights (a nested layer's would be neither trained nor saved).
   */
  class ModulatedConv extends tf.layers.Layer {
    static readonly className = 'GanStudioModulatedConv';
    readonly filters: number;
    readonly kernelSize: number;
    readonly style: number;
    readonly demodulate: boolean;
    private readonly initializer: Initializer;
    private styleKernel: LayerVariable | undefined;
    private styleBias: LayerVariable | undefined;
    private styleGain = 1;
    private kernel: LayerVariable | undefined;
    private bias: LayerVariable | undefined;
    private gain = 1;

    constructor(args: WeightArgs & { filters: number; kernelSize: number; style: number; demodulate: boolean }) {
      super(args.name ? { name: args.name } : {});
      this.filters = args.filters;
      this.kernelSize = args.kernelSize;
      this.style = args.style;
      this.demodulate = args.demodulate;
      this.initializer = initializerOf(args);
    }

    override build(inputShape: Shape | Shape[]): void {
      const [x, ws] = shapesOf(inputShape);
      const channels = x!.at(-1)!;
      const styleWidth = ws!.at(-1)!;
      this.styleKernel = this.addWeight('style_kernel', [styleWidth, channels], 'float32', this.initializer);
      restore(this.styleKernel, 1);
      this.styleBias = this.addWeight('style_bias', [channels], 'float32', tf.initializers.ones());
      this.styleGain = 1 / Math.sqrt(styleWidth);
      this.kernel = this.addWeight('kernel', [this.kernelSize, this.kernelSize, channels, this.filters], 'float32', this.initializer);
      restore(this.kernel, 1);
      this.bias = this.addWeight('bias', [this.filters], 'float32', tf.initializers.zeros());
      // He's gain before a leaky ReLU; a demodulated kernel's scale cancels, so only the RGB layer's matters.
      this.gain = (this.demodulate ? Math.SQRT2 : 1) / Math.sqrt(this.kernelSize * this.kernelSize * channels);
      this.built = true;
    }

    override computeOutputShape(inputShape: Shape | Shape[]): Shape {
      const [x] = shapesOf(inputShape);
      return [...x!.slice(0, 3), this.filters];
    }

    override call(inputs: Tensor | Tensor[]): Tensor {
      return tf.tidy(() => {
        const [x, ws] = inputs as Tensor[];
        const count = x!.shape[0]!;
        const w = tf.reshape(tf.slice(ws!, [0, this.style, 0], [count, 1, ws!.shape[2]!]), [count, ws!.shape[2]!]);
        const styles = tf.add(tf.matMul(w as Tensor2D, tf.mul(this.styleKernel!.read(), this.styleGain) as Tensor2D), this.styleBias!.read()) as Tensor2D;
        const kernel = tf.mul(this.kernel!.read(), this.gain) as Tensor4D;
        const channels = kernel.shape[2];
        let y: Tensor = tf.conv2d(tf.mul(x!, tf.reshape(styles, [count, 1, 1, channels])) as Tensor4D, kernel, 1, 'same');
        if (this.demodulate) {
          const energy = tf.matMul(tf.square(styles), tf.reshape(tf.sum(tf.square(kernel), [0, 1]), [channels, this.filters]));
          y = tf.mul(y, tf.reshape(tf.rsqrt(tf.add(energy, 1e-8)), [count, 1, 1, this.filters]));
        }
        return tf.add(y, this.bias!.read());
      });
    }

    override getConfig() {
      return { ...super.getConfig(), filters: this.filters, kernelSize: this.kernelSize, style: this.style, demodulate: this.demodulate };
    }
  }

  /** x + strength·n: n the side × side noise map at `offset` of each example's synthesis draws, strength per channel, starting at 0. Inputs [x, draws]. */
  class NoiseInjection extends tf.layers.Layer {
    static readonly className = 'GanStudioNoiseInjection';
    readonly offset: number;
    readonly side: number;
    private strength: LayerVariable | undefined;

    constructor(args: { offset: number; side: number; name?: string }) {
      super(args.name ? { name: args.name } : {});
      this.offset = args.offset;
      this.side = args.side;
    }

    override build(inputShape: Shape | Shape[]): void {
      this.strength = this.addWeight('strength', [shapesOf(inputShape)[0]!.at(-1)!], 'float32', tf.initializers.zeros());
      this.built = true;
    }

    override computeOutputShape(inputShape: Shape | Shape[]): Shape {
      return shapesOf(inputShape)[0]!;
    }

    override call(inputs: Tensor | Tensor[]): Tensor {
      return tf.tidy(() => {
        const [x, draws] = inputs as Tensor[];
        const count = x!.shape[0]!;
        const noise = tf.reshape(tf.slice(draws!, [0, this.offset], [count, this.side * this.side]), [count, this.side, this.side, 1]);
        return tf.add(x!, tf.mul(noise, this.strength!.read()));
      });
    }

    override getConfig() {
      return { ...super.getConfig(), offset: this.offset, side: this.side };
    }
  }

  /** The synthesis network's learned input, one copy per example of the batch it is given (ws, whose values it ignores). */
  class StyleConstant extends tf.layers.Layer {
    static readonly className = 'GanStudioStyleConstant';
    readonly side: number;
    readonly channels: number;
    private readonly initializer: Initializer;
    private constant: LayerVariable | undefined;

    constructor(args: WeightArgs & { side: number; channels: number }) {
      super(args.name ? { name: args.name } : {});
      this.side = args.side;
      this.channels = args.channels;
      this.initializer = initializerOf(args);
    }

    override build(): void {
      this.constant = this.addWeight('constant', [1, this.side, this.side, this.channels], 'float32', this.initializer);
      restore(this.constant, 1);
      this.built = true;
    }

    override computeOutputShape(inputShape: Shape | Shape[]): Shape {
      return [shapesOf(inputShape)[0]![0] ?? null, this.side, this.side, this.channels];
    }

    override call(inputs: Tensor | Tensor[]): Tensor {
      return tf.tidy(() => tf.tile(this.constant!.read(), [first(inputs).shape[0]!, 1, 1, 1]));
    }

    override getConfig() {
      return { ...super.getConfig(), side: this.side, channels: this.channels };
    }
  }

  /**
   * w → ws, one row per style. In training, style-mixing regularization: an example whose first
   * mixing draw falls below `mixing` takes, from a style row picked by its second draw onwards, the
   * w of the next example in the batch (an independent draw, as z's are). Inputs [w, draws].
   */
  class StyleBroadcast extends tf.layers.Layer {
    static readonly className = 'GanStudioStyleBroadcast';
    readonly styles: number;
    readonly mixing: number;
    /** Where the two mixing draws sit in a row of the synthesis draws. */
    readonly offset: number;

    constructor(args: { styles: number; mixing: number; offset: number; name?: string }) {
      super(args.name ? { name: args.name } : {});
      this.styles = args.styles;
      this.mixing = args.mixing;
      this.offset = args.offset;
    }

    override computeOutputShape(inputShape: Shape | Shape[]): Shape {
      const [w] = shapesOf(inputShape);
      return [w![0] ?? null, this.styles, w![1]!];
    }

    override call(inputs: Tensor | Tensor[], kwargs: Kwargs): Tensor {
      return tf.tidy(() => {
        const [w, draws] = inputs as Tensor[];
        const count = w!.shape[0]!;
        const ws = tf.tile(tf.expandDims(w!, 1), [1, this.styles, 1]);
        if (kwargs['training'] !== true || this.mixing <= 0 || count < 2 || this.styles < 2) return ws;
        const partner = tf.concat([tf.slice(w!, [1, 0], [count - 1, -1]), tf.slice(w!, [0, 0], [1, -1])], 0);
        const [mixes, where] = tf.split(tf.slice(draws!, [0, this.offset], [count, 2]), 2, 1) as [Tensor, Tensor];
        // The switch row is 1 … styles − 1, so a mixed example keeps at least its first style.
        const cut = tf.add(tf.floor(tf.mul(where, this.styles - 1)), 1);
        const rows = tf.reshape(tf.range(0, this.styles), [1, this.styles]);
        const mask = tf.mul(tf.cast(tf.greaterEqual(rows, cut), 'float32'), tf.cast(tf.less(mixes, this.mixing), 'float32'));
        return tf.add(ws, tf.mul(tf.expandDims(mask, 2), tf.expandDims(tf.sub(partner, w!), 1)));
      });
    }

    override getConfig() {
      return { ...super.getConfig(), styles: this.styles, mixing: this.mixing, offset: this.offset };
    }
  }

  return { ScaledDense, ModulatedConv, NoiseInjection, StyleConstant, StyleBroadcast };
}

/**
 * Defines the classes on a TF.js namespace and registers them for loading. The build bundles this
 * file alone as dist/style-layers.js, which an export copies beside a style generator: a plain
 * TF.js script calls `require('./gan-studio-layers.js').registerStyleLayers(tf)` before tf.loadLayersModel.
 */
export function registerStyleLayers(namespace: TF): void {
  for (const layer of Object.values(defineStyleLayers(namespace))) namespace.serialization.registerClass(layer);
}
