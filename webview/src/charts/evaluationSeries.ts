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

export const evaluationSeries: readonly EvaluationSeries[] = [
  { label: 'modes covered', colour: 'green', scale: 'share', value: modesCovered,
    format: (record) => (record.modes ? `${record.modes.covered}/${record.modes.total}` : '—') },
  { label: 'high-quality share', colour: 'blue', scale: 'share', value: highQuality, format: share(highQuality) },
  { label: 'FID', colour: 'orange', scale: 'distance', value: fid, format: distance(fid) },
  { label: 'real-vs-real floor', colour: 'muted', scale: 'distance', dash: [5, 4], value: fidFloor, format: distance(fidFloor) },
  { label: 'label accuracy', colour: 'purple', scale: 'share', value: labelAccuracy, format: share(labelAccuracy) },
  { label: 'code accuracy', colour: 'purple', scale: 'share', value: codeAccuracy, format: share(codeAccuracy) },
];

const familyColours: readonly ChartColour[] = ['green', 'blue', 'orange', 'purple', 'yellow', 'red'];

/**
 * A series per family figure the records carry (BiGAN's probe and reconstruction figures), in the
 * order they first appear: shares on the share axis, values on the other; baselines dashed and muted.
 */
export function familySeries(records: readonly EvaluationRecord[]): EvaluationSeries[] {
  const first = new Map<string, NonNullable<EvaluationRecord['figures']>[number]>();
  for (const record of records) for (const figure of record.figures ?? []) if (!first.has(figure.name)) first.set(figure.name, figure);
  let colour = 0;
  return [...first.values()].map((figure) => {
    const value = (record: EvaluationRecord) => record.figures?.find((candidate) => candidate.name === figure.name)?.value;
    return {
      label: figure.label, scale: figure.unit === 'share' ? 'share' : 'distance', value,
      colour: figure.baseline ? 'muted' : familyColours[colour++ % familyColours.length]!,
      ...(figure.baseline ? { dash: [5, 4] } : {}),
      format: figure.unit === 'share' ? share(value) : distance(value),
    };
  });
}
