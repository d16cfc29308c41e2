import type { serialization } from '@tensorflow/tfjs-core';
import { tf, type TF } from '../backend/tf';

type Serializable = serialization.SerializableConstructor<serialization.Serializable>;

/**
 * Custom layer classes, defined once per TF.js namespace (a native package brings its own copy of
 * layers, whose base class ours must extend) and registered with its deserialiser on first use, so
 * a saved model holding them loads again.
 */
export function perNamespace<T>(define: (namespace: TF) => T, registered: (classes: T) => readonly Serializable[]): () => T {
  const made = new WeakMap<TF, T>();
  return () => {
    let classes = made.get(tf);
    if (!classes) {
      classes = define(tf);
      for (const layer of registered(classes)) tf.serialization.registerClass(layer);
      made.set(tf, classes);
    }
    return classes;
  };
}
