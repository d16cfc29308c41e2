import type * as PureTf from './pureTf';

/** The TF.js surface the engine uses: tfjs-core and tfjs-layers. */
export type TF = typeof PureTf;

/**
 * The TF.js namespace of this process, set once by initBackend(). The engine never imports TF.js
 * packages directly: a native package (tfjs-node) brings its own copy of core and layers, and every
 * tensor must come from the copy whose backend is active. Live binding, so importers see the update.
 */
export let tf!: TF;

export function setTf(namespace: TF): void {
  tf = namespace;
}

export function isTfReady(): boolean {
  return tf !== undefined;
}
