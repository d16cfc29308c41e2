// The machine's matrix-product rate on this process's backend configuration: the best GFLOP/s
// over square products of a few sizes. Prints one `BENCH {json}` line (see scripts/bench.ts).
//   node --import tsx scripts/benchMatmul.ts <backend>
import type { BackendName } from '../src/core/config/trainingSchema';
import { initBackend } from '../src/core/backend/init';
import { tf } from '../src/core/backend/tf';

async function main(): Promise<void> {
  const report = await initBackend(process.argv[2] as BackendName);
  const rates: Record<string, number> = {};
  for (const n of [256, 512, 1024]) {
    const a = tf.randomNormal([n, n]);
    const b = tf.randomNormal([n, n]);
    tf.matMul(a, b).dispose();
    const repeats = Math.max(3, Math.round(2e9 / (2 * n ** 3)));
    const started = performance.now();
    for (let i = 0; i < repeats; i++) {
      const c = tf.matMul(a, b);
      c.dataSync();
      c.dispose();
    }
    const seconds = (performance.now() - started) / 1000 / repeats;
    rates[String(n)] = (2 * n ** 3) / seconds / 1e9;
    tf.dispose([a, b]);
  }
  console.log(`BENCH ${JSON.stringify({ backend: report.backend, detail: report.attempts.at(-1)?.detail, rates })}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
