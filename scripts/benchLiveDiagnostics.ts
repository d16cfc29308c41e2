// What live diagnostics of a hostile config cost the extension host's event loop: issue 16's
// config of 30,000 unknown top-level keys, checked on the calling thread (as the host once did)
// and through the validator worker the extension now uses (needs `npm run build` first).
//   node --import tsx scripts/benchLiveDiagnostics.ts      (npm run bench -- --only live-diagnostics)
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { configDiagnostics } from '../src/host/configDiagnostics';
import { ConfigValidator } from '../src/host/validation/configValidator';

interface BlockFigures {
  readonly ms: number;
  readonly longestBlockMs: number;
}

async function longestBlockDuring(work: () => Promise<unknown>): Promise<BlockFigures> {
  const resolution = 10;
  const delay = monitorEventLoopDelay({ resolution });
  delay.enable();
  // The histogram samples from its second tick on: let it start before the work does.
  await new Promise((resolve) => setTimeout(resolve, resolution * 3));
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  // One more turn, so a block that ended the work is sampled too.
  await new Promise((resolve) => setTimeout(resolve, resolution * 2));
  delay.disable();
  return { ms, longestBlockMs: Math.max(0, delay.max / 1e6 - resolution) };
}

export async function benchLiveDiagnostics(keys = 30_000): Promise<Record<string, BlockFigures>> {
  const text = Array.from({ length: keys }, (_, i) => `unknown${i}: 1`).join('\n');
  const file = '/bench/hostile.gan.yaml';
  const inThread = await longestBlockDuring(async () => configDiagnostics(text, { file }));
  const validator = new ConfigValidator({ entry: path.join(__dirname, '..', 'dist', 'configValidator.js') });
  try {
    const inWorker = await longestBlockDuring(() => validator.validate(file, { kind: 'config', text, file }));
    console.log(`\nlive diagnostics of ${keys.toLocaleString('en-US')} unknown keys: on the host thread ${inThread.ms.toFixed(0)} ms ` +
      `(longest event-loop block ${inThread.longestBlockMs.toFixed(0)} ms); in the validator worker ${inWorker.ms.toFixed(0)} ms ` +
      `(longest block ${inWorker.longestBlockMs.toFixed(0)} ms, worker start-up included)`);
    return { inThread, inWorker };
  } finally {
    validator.dispose();
  }
}

if (require.main === module) void benchLiveDiagnostics();
