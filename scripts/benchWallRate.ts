// What a run's logged rate promises against what the clock delivers: the ring example (the toy data,
// its own logging, samples and checkpoints) trained whole, then its last metrics.jsonl line's
// stepsPerSecond (the wall-clock rate ETAs use) and computeStepsPerSecond (the steps alone) beside
// the rate measured between its first and last logged steps.
//   npm run bench -- --only wall-rate
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfigFile } from '../src/core/config/parse';
import type { BackendName } from '../src/core/config/trainingSchema';
import type { MetricsRecord } from '../src/core/run/records';
import { TrainingSession } from '../src/core/train/session';

export interface WallRateFigures {
  readonly steps: number;
  readonly measuredStepsPerSecond: number;
  readonly loggedStepsPerSecond: number;
  readonly computeStepsPerSecond: number;
}

export async function benchWallRate(backend: BackendName): Promise<WallRateFigures> {
  const example = path.join(__dirname, '..', 'examples', 'ring.gan.yaml');
  const runsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gan-bench-rate-'));
  try {
    const session = await TrainingSession.create({ runsDir, config: await loadConfigFile(example), backend });
    const logged: { record: MetricsRecord; at: number }[] = [];
    session.on((event) => { if (event.type === 'metrics') logged.push({ record: event.record, at: performance.now() }); });
    try {
      await session.run();
    } finally {
      session.dispose();
    }
    const [first, last] = [logged[0], logged.at(-1)];
    if (!first || !last || first === last) throw new Error(`the ring example logged ${logged.length} metrics lines; the comparison needs two`);
    const figures = {
      steps: last.record.step,
      measuredStepsPerSecond: (last.record.step - first.record.step) / ((last.at - first.at) / 1000),
      loggedStepsPerSecond: last.record.stepsPerSecond,
      computeStepsPerSecond: last.record.computeStepsPerSecond ?? Number.NaN,
    };
    const ratio = (value: number) => `${((value / figures.measuredStepsPerSecond - 1) * 100).toFixed(0)} %`;
    console.log(`\nlogged rate against the clock (examples/ring.gan.yaml, ${figures.steps} steps, ${backend})\n` +
      `  measured ${figures.measuredStepsPerSecond.toFixed(1)} steps/s; logged stepsPerSecond ${figures.loggedStepsPerSecond.toFixed(1)} ` +
      `(${ratio(figures.loggedStepsPerSecond)}); computeStepsPerSecond ${figures.computeStepsPerSecond.toFixed(1)} (${ratio(figures.computeStepsPerSecond)})`);
    return figures;
  } finally {
    fs.rmSync(runsDir, { recursive: true, force: true });
  }
}
