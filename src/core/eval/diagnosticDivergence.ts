import type { ObjectiveKind } from '../config/objectiveSchema';
import type { GameRecord } from '../run/records';
import { isProbabilityObjective, stepsOf, unknown, windowOf, type Assessment, type MetricRule } from './diagnosticHistory';
import type { DiagnosticSeverity } from './diagnosticFinding';
import { formatNumber, median, significant } from './diagnosticStats';
import {
  DIVERGENCE_BASELINE_RECORDS, DIVERGENCE_CLEAR_FACTOR, DIVERGENCE_ERROR_FACTOR, DIVERGENCE_ERROR_RECORDS,
  DIVERGENCE_SCALE_FLOOR, DIVERGENCE_WARNING_FACTOR, DIVERGENCE_WARNING_RECORDS,
} from './diagnosticThresholds';

interface Quantity {
  readonly name: string;
  readonly read: (record: GameRecord) => number;
  readonly gradient: boolean;
}

const dLoss: Quantity = { name: 'D loss', read: (r) => r.dLoss, gradient: false };
const gLoss: Quantity = { name: 'G loss', read: (r) => r.gLoss, gradient: false };
const scores: Quantity[] = [
  { name: 'D(x)', read: (r) => r.dReal, gradient: false },
  { name: 'D(G(z))', read: (r) => r.dFake, gradient: false },
];
const gradients: Quantity[] = [
  { name: 'D gradient norm', read: (r) => r.gradNormD, gradient: true },
  { name: 'G gradient norm', read: (r) => r.gradNormG, gradient: true },
];

/**
 * What can blow up. Probabilities are bounded, so only losses and gradients count for the
 * logistic objectives. A Wasserstein critic's scores, and G's loss (minus the mean fake score),
 * may drift by any constant without meaning anything, so only its D loss (minus its distance
 * estimate, plus the penalty) and the gradients count.
 */
function quantitiesOf(objective: ObjectiveKind): readonly Quantity[] {
  if (objective === 'wasserstein') return [dLoss, ...gradients];
  return [dLoss, gLoss, ...(isProbabilityObjective(objective) ? [] : scores), ...gradients];
}

interface Growth {
  readonly quantity: Quantity;
  readonly value: number;
  readonly scale: number;
  readonly factor: number;
}

/** Each quantity's size on `record` relative to its early scale (median of the first lines, floored). */
function growthOf(record: GameRecord, quantities: readonly Quantity[], baseline: readonly GameRecord[]): Growth[] {
  return quantities.map((quantity) => {
    const scale = Math.max(median(baseline.map((r) => Math.abs(quantity.read(r)))), DIVERGENCE_SCALE_FLOOR);
    const value = Math.abs(quantity.read(record));
    // NaN compares false with everything; a broken number is as diverged as it gets.
    return { quantity, value, scale, factor: Number.isNaN(value) ? Infinity : value / scale };
  });
}

const largest = (growths: readonly Growth[]) => growths.reduce((a, b) => (b.factor > a.factor ? b : a));

interface Tier {
  readonly severity: DiagnosticSeverity;
  readonly lines: number;
  readonly factor: number;
  /** Whether gradient norms count for this tier. */
  readonly gradients: boolean;
}

// Most severe first: an error needs fewer lines but a larger factor, and gradients count for it.
const tiers: readonly Tier[] = [
  { severity: 'error', lines: DIVERGENCE_ERROR_RECORDS, factor: DIVERGENCE_ERROR_FACTOR, gradients: true },
  { severity: 'warning', lines: DIVERGENCE_WARNING_RECORDS, factor: DIVERGENCE_WARNING_FACTOR, gradients: false },
];

/** The evidence of the last `lines` lines against a growth factor: the latest line's largest growth and the least of the lines'. */
function measure(records: readonly GameRecord[], growths: readonly Growth[][], tier: Tier) {
  const counted = growths.slice(-tier.lines).map((line) => largest(line.filter((g) => tier.gradients || !g.quantity.gradient)));
  const latest = counted.at(-1)!;
  const least = Math.min(...counted.map((g) => g.factor));
  const name = 'growth over the early scale (least of the lines)';
  const evidence = {
    measured: {
      [latest.quantity.name]: significant(latest.value),
      [`${latest.quantity.name} early scale`]: significant(latest.scale),
      [name]: significant(least),
    },
    window: windowOf(records.slice(-tier.lines)),
    thresholds: [{ measure: name, operator: '≥', value: tier.factor } as const],
  };
  const reading = `${latest.quantity.name} is ${formatNumber(latest.value)}, ${formatNumber(latest.factor)}× its early scale of ${formatNumber(latest.scale)}`;
  return { least, evidence, reading };
}

/**
 * Losses or D's outputs growing without bound: a warning once losses/scores sit 10× above their
 * early scale on 3 consecutive lines, an error once anything (gradients included) is 100× above
 * on 2. The training loop already fails a run whose numbers become non-finite; this speaks first.
 */
export const divergence: MetricRule = {
  rule: 'divergence',
  kind: 'divergence',
  assess(history, context): Assessment {
    const baseline = history.baseline;
    const records = history.tail(DIVERGENCE_WARNING_RECORDS);
    if (baseline.length < DIVERGENCE_BASELINE_RECORDS || records.length < DIVERGENCE_WARNING_RECORDS) return unknown;
    const quantities = quantitiesOf(context.objective);
    const growths = records.map((record) => growthOf(record, quantities, baseline));
    for (const tier of tiers) {
      const { least, evidence, reading } = measure(records, growths, tier);
      if (least < tier.factor) continue;
      const what = tier.severity === 'error' ? 'is blowing up' : 'is growing without bound';
      return { state: 'present', severity: tier.severity, evidence,
        summary: `Training ${what}: ${reading}, at least ${tier.factor}× on each line over ${stepsOf(evidence.window)}.` };
    }
    const calm = growths.every((line) => line.every((g) => g.factor < (g.quantity.gradient ? DIVERGENCE_ERROR_FACTOR : DIVERGENCE_CLEAR_FACTOR)));
    if (!calm) return unknown;
    const { evidence, reading } = measure(records, growths, tiers[1]!);
    return { state: 'absent', evidence, summary: `Losses are back near their early scale: ${reading} over ${stepsOf(evidence.window)}.` };
  },
};
