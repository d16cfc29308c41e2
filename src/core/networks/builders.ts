import type { ModelConfig } from '../config/modelSchema';
import { dcganBuilder } from './dcgan/build';
import type { NetworkBuilder } from './kind';
import { mlpBuilder } from './mlp/build';
import { styleBuilder } from './style/build';
import type { NetworkConfig, NetworkKind } from './shapes';

/** Every network kind's TF.js builder: adding a kind is its folder and one line here and in shapes.ts. */
const builders: { readonly [K in NetworkKind]: NetworkBuilder<NetworkConfig<K>> } = {
  mlp: mlpBuilder,
  dcgan: dcganBuilder,
  style: styleBuilder,
};

/** The builder of `model`'s network kind, typed for its config. */
export function networkBuilder<C extends ModelConfig>(model: C): NetworkBuilder<C> {
  // As in shapes.ts: the mapped type pairs kind and config, which an index by `model.kind` loses.
  return builders[model.kind] as unknown as NetworkBuilder<C>;
}
