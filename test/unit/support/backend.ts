import { initBackend, type ConcreteBackend } from '../../../src/core/backend/init';
import { tf } from '../../../src/core/backend/tf';

/** Tests run on a pure-JS backend: wasm by default, GAN_STUDIO_TEST_BACKEND=cpu to compare. */
export async function useTestBackend(): Promise<ConcreteBackend> {
  const requested = process.env['GAN_STUDIO_TEST_BACKEND'] === 'cpu' ? 'cpu' : 'wasm';
  const report = await initBackend(requested);
  return report.backend;
}

/** Runs `body` and asserts it left no tensor behind. */
export function assertNoLeak<T>(body: () => T): T {
  const before = tf.memory().numTensors;
  const result = body();
  const after = tf.memory().numTensors;
  if (after !== before) throw new Error(`tensor leak: ${before} tensors before, ${after} after`);
  return result;
}

/** As assertNoLeak, for a body that reads its results asynchronously. */
export async function assertNoLeakAsync<T>(body: () => Promise<T>): Promise<T> {
  const before = tf.memory().numTensors;
  const result = await body();
  const after = tf.memory().numTensors;
  if (after !== before) throw new Error(`tensor leak: ${before} tensors before, ${after} after`);
  return result;
}
