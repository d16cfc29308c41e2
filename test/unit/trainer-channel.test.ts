import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RUN_FORMAT } from '../../src/core/run/records';
import { openChannel, type ChannelExit } from '../../src/trainer/channel';
import type { TrainerToHost } from '../../src/protocol/trainerMessages';
import { tempDir } from './support/training';

// The host end of the trainer channel, with a real worker thread and a real forked process that
// send what a broken (or subverted) trainer could: every message is checked before the host acts.

const info = {
  format: RUN_FORMAT, runId: 'ring-1', name: 'ring', status: 'completed', step: 20, totalSteps: 20, seed: 1, configHash: 'h',
  dataset: 'ring', startedAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:10.000Z',
};
const sent: unknown[] = [
  { type: 'event', event: { type: 'progress', step: '../x', totalSteps: 20, stepsPerSecond: 1, etaSeconds: 1, dLoss: 1, gLoss: 1 } },
  { type: 'event', event: { type: 'sample', step: 20, path: '../../../etc/passwd' } },
  { type: 'finished', info: { ...info, lastSample: { step: '../../x', path: 'samples/step-20.png' } } },
  { type: 'launch', command: 'rm -rf /' },
  null,
  { type: 'event', event: { type: 'checkpoint', step: 20, path: 'checkpoints/step-20' } },
  { type: 'finished', info },
];
const expectedReasons = [/event\.step: /, /event\.path: must be a path inside the run folder/, /info\.lastSample\.step: /, /type: /, /expected object/];

/** A trainer entry that sends `sent`, one by one, and then lets its host go. */
function writeEntry(): string {
  const entry = path.join(tempDir(), 'fake-trainer.js');
  fs.writeFileSync(entry, `
    const { parentPort } = require('node:worker_threads');
    const messages = ${JSON.stringify(sent)};
    for (const message of messages) parentPort ? parentPort.postMessage(message) : process.send(message);
    if (parentPort) parentPort.close(); else process.disconnect();
  `);
  return entry;
}

for (const transport of ['worker', 'process'] as const) {
  test(`messages from a ${transport} trainer outside the protocol are refused with the reason, the rest delivered`, async () => {
    const received: TrainerToHost[] = [];
    const logged: string[] = [];
    await new Promise<ChannelExit>((exit) => {
      openChannel(writeEntry(), transport, { message: (message) => received.push(message), log: (line) => logged.push(line), exit });
    });
    assert.deepEqual(received, sent.slice(-2), 'only the well-formed messages reach the host');
    const refusals = logged.filter((line) => line.startsWith('ignored a message outside the trainer protocol ('));
    assert.equal(refusals.length, expectedReasons.length, logged.join('\n'));
    expectedReasons.forEach((reason, i) => assert.match(refusals[i] ?? '', reason));
  });
}
