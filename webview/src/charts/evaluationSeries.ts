import type { EvaluationRecord } from '../../../src/core/run/evaluationRecords';
import { formatPercent, formatValue } from '../ui/format';
import type { ChartColour } from '../ui/palette';

/**
 * Shares (0…1) and Fréchet distances have different units: shares get a fixed 0–1 axis, distances
 * one fitted to the data (on the left, the shares moving to the right, when a run has both).
 */
export type EvaluationScale = 'share' | 'distance';

/** An evaluation figure drawn over steps; a run draws those its records carry. */
export interface EvaluationSeries {
  readonly label: string;
  readonly colour: ChartColour | 'muted';
  readonly scale: EvaluationScale;
  readonly dash?: readonly number[];
  readonly value: (record: EvaluationRecord) => number | undefined;
  /** The legend's reading of one record. */
  readonly format: (record: EvaluationRecord) => string;
}

const share = (value: (record: EvaluationRecord) => number | undefined) =>
  (record: EvaluationRecord): string => formatPercent(value(record) ?? Number.NaN);
const distance = (value: (record: EvaluationRecord) => number | undefined) =>
  (record: EvaluationRecord): string => formatValue(value(record) ?? Number.NaN);

const modesCovered = (record: EvaluationRecord): number | undefined => record.modes && record.modes.covered / record.modes.total;
const highQuality = (record: EvaluationRecord): number | undefined => record.modes?.highQualityShare;
const fid = (record: EvaluationRecord): number | undefined => record.fid?.value;
const fidFloor = (record: EvaluationRecord): number | undefined => record.fid?.floor;
const labelAccuracy = (record: EvaluationRecord): number | undefined => record.labelAccuracy;
const codeAccuracy = (record: EvaluationRecord): number | undefined => record.codeAccuracy;
const probe = (record: EvaluationRecord): number | undefined => record.encoder?.probe;
const probePixels = (record: EvaluationRecord): number | undefined => record.encoder?.probePixels;
const probeUntrained = (record: EvaluationRecord): number | undefined => record.encoder?.probeUntrained;
const reconstructionRatio = (record: EvaluationRecord): number | undefined => record.encoder?.reconstructionRatio;
const reconstructionAgreement = (record: EvaluationRecord): number | undefined => record.encoder?.reconstructionAgreement;

export const evaluationSeries: readonly EvaluationSeries[] = [
  { label: 'modes covered', colour: 'green', scale: 'share', value: modesCovered,
    format: (record) => (record.modes ? `${record.modes.covered}/${record.modes.total}` : '—') },
  { label: 'high-quality share', colour: 'blue', scale: 'share', value: highQuality, format: share(highQuality) },
  { label: 'FID', colour: 'orange', scale: 'distance', value: fid, format: distance(fid) },
  { label: 'real-vs-real floor', colour: 'muted', scale: 'distance', dash: [5, 4], value: fidFloor, format: distance(fidFloor) },
  { label: 'label accuracy', colour: 'purple', scale: 'share', value: labelAccuracy, format: share(labelAccuracy) },
  { label: 'code accuracy', colour: 'purple', scale: 'share', value: codeAccuracy, format: share(codeAccuracy) },
  // BiGAN's encoder, each beside its baselines (dashed: the same probe on raw pixels and on the untrained encoder).
  { label: 'probe on E(x)', colour: 'green', scale: 'share', value: probe, format: share(probe) },
  { label: 'probe on pixels', colour: 'muted', scale: 'share', dash: [5, 4], value: probePixels, format: share(probePixels) },
  { label: 'probe on untrained E', colour: 'muted', scale: 'share', dash: [2, 3], value: probeUntrained, format: share(probeUntrained) },
  { label: 'reconstruction ratio', colour: 'orange', scale: 'distance', value: reconstructionRatio, format: distance(reconstructionRatio) },
  { label: 'reconstructions keep digit', colour: 'purple', scale: 'share', value: reconstructionAgreement, format: share(reconstructionAgreement) },
];
