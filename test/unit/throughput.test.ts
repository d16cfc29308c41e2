import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Throughput } from '../../src/core/train/throughput';

/** One step as the session times it: its compute, then its whole turn. */
function step(throughput: Throughput, compute: number, turn: number): void {
  throughput.recordCompute(compute);
  throughput.recordTurn(turn);
}

test('the rate leaves out the first step\'s one-off costs, so the first ETAs are right from the second step', () => {
  const throughput = new Throughput();
  step(throughput, 1.9, 2.0);
  assert.ok(Math.abs(throughput.stepsPerSecond() - 1 / 1.9) < 1e-9, 'one step timed: its compute rate is all there is');
  throughput.recordCompute(0.025);
  assert.ok(Math.abs(throughput.stepsPerSecond() - 40) < 1e-9, 'the second step\'s compute, before its turn is timed');
  throughput.recordTurn(0.03);
  for (let i = 0; i < 8; i++) step(throughput, 0.025, 0.03);
  // Counting the first turn would give 10 / 2.27 ≈ 4.4 steps per second: an ETA 7.5× too long.
  assert.ok(Math.abs(throughput.stepsPerSecond() - 1 / 0.03) < 1e-6, `${throughput.stepsPerSecond()}`);
  assert.ok(Math.abs(throughput.computeStepsPerSecond() - 40) < 1e-6);
});

test('the turn rate counts the periodic work (samples, checkpoints) that the compute rate leaves out', () => {
  const throughput = new Throughput(4);
  step(throughput, 1, 1);
  for (let i = 1; i <= 20; i++) step(throughput, 0.01, i % 10 === 0 ? 0.11 : 0.01);
  // 20 turns of 0.01 s plus two of 0.1 s extra: 20 / 0.4 = 50 steps per second; the compute alone runs at 100.
  assert.ok(Math.abs(throughput.stepsPerSecond() - 50) < 1e-6, `${throughput.stepsPerSecond()}`);
  assert.ok(Math.abs(throughput.computeStepsPerSecond() - 100) < 1e-6);
});
