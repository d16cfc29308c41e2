import type { ModelConfig } from '../config/modelSchema';
import { dcganShape } from './dcgan/shape';
import { mlpShape } from './mlp/shape';
import { styleShape } from './style/shape';
import type { NetworkShape, NetworkTraits } from './shape';

export type NetworkKind = ModelConfig['kind'];
export type NetworkConfig<K extends NetworkKind> = Extract<ModelConfig, { kind: K }>;

/** Every network kind's traits and sizes (no TF.js: the validator reads them); builders.ts pairs each with its builder. */
const shapes: { readonly [K in NetworkKind]: NetworkShape<NetworkConfig<K>> } = {
  mlp: mlpShape,
  dcgan: dcganShape,
  style: styleShape,
};

/** The shape of `model`'s network kind, typed for its config. */
export function networkShape<C extends ModelConfig>(model: C): NetworkShape<C> {
  // The mapped type pairs each kind with its config; TypeScript cannot carry that pairing through
  // an index by `model.kind`, so this one cast states it.
  return shapes[model.kind] as unknown as NetworkShape<C>;
}

export function networkTraits(model: ModelConfig): NetworkTraits {
  return shapes[model.kind].traits;
}

/** The network kinds that handle this kind of data (and, for images, this size). */
export function networkKindsFor(data: 'points' | 'images', height?: number, width?: number): NetworkKind[] {
  return (Object.keys(shapes) as NetworkKind[]).filter((kind) => {
    const { dataKinds, imageSizes } = shapes[kind].traits;
    return dataKinds.includes(data) && (!imageSizes || (height === width && height !== undefined && imageSizes.includes(height)));
  });
}
