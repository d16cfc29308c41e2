import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticsDetector } from '../../src/core/eval/diagnostics';
import { cycleFigureNames } from '../../src/core/eval/cycleFigures';
import type { FamilyFigure } from '../../src/core/run/evaluationRecords';

/** A translation family's round-trip figures for domain A. */
function roundTrip(clean: number, noisy: number, pairs = 0.33): FamilyFigure[] {
  const names = cycleFigureNames('A');
  const figure = (name: string, value: number): FamilyFigure => ({ name, label: name, description: name, unit: 'value', value });
  return [figure(names.clean, clean), figure(names.noisy, noisy), figure(names.pairs, pairs)];
}

test('hidden signal: raised when faint noise undoes the round trip, cleared when the cycle survives it, silent without the figures', () => {
  const detector = new DiagnosticsDetector({ objective: 'least-squares' });
  // A healthy MNIST ↔ inverted run: noise costs 2.5 % of what the cycle keeps.
  assert.deepEqual(detector.observeFigures(100, roundTrip(0.054, 0.061)), []);
  // Steganography: the cycle is near perfect, but σ 0.1 noise on the translation wrecks it.
  const [raised] = detector.observeFigures(200, roundTrip(0.02, 0.25));
  assert.ok(raised);
  assert.equal(raised.kind, 'hidden-signal');
  assert.equal(raised.status, 'raised');
  assert.match(raised.summary, /undoes 74 % of what the a round trip keeps/);
  assert.ok(raised.remedies.some((remedy) => /family\.identityWeight/.test(remedy)));
  assert.deepEqual(detector.active, ['hidden-signal']);
  // Still there: reported once.
  assert.deepEqual(detector.observeFigures(300, roundTrip(0.02, 0.3)), []);
  const [cleared] = detector.observeFigures(400, roundTrip(0.05, 0.06));
  assert.equal(cleared?.status, 'resolved');
  // A cycle that keeps nothing is not hidden signal (the translations are just bad): not raised.
  assert.deepEqual(detector.observeFigures(500, roundTrip(0.3, 0.33, 0.34)), []);
  // Other families' figures say nothing about it.
  assert.deepEqual(detector.observeFigures(600, [{ name: 'probe', label: 'p', description: 'p', unit: 'share', value: 0.9 }]), []);
});
