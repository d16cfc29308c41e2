// The TF.js namespace used when no native backend is installed: core ops plus layers. The native
// packages re-export this same surface, so either can stand behind `tf` (see ./tf.ts).
export * from '@tensorflow/tfjs-core';
export * from '@tensorflow/tfjs-layers';
