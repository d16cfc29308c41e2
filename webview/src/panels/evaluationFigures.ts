import type { EvaluationRecord } from '../../../src/core/run/evaluationRecords';
import { formatPercent, formatValue } from '../ui/format';

/** One headline figure of an evaluation: its value large, what it is small, how it is measured on hover. */
export interface EvaluationFigure {
  readonly value: string;
  readonly label: string;
  readonly description: string;
}

/** The figures one evaluation carries, in reading order (the README's "Evaluation" terms). */
export function evaluationFigures(record: EvaluationRecord): EvaluationFigure[] {
  const figures: EvaluationFigure[] = [];
  const { modes, fid } = record;
  if (modes) {
    figures.push(
      { value: `${modes.covered}/${modes.total}`, label: 'modes covered',
        description: 'Modes with at least one high-quality sample nearest to them' },
      { value: formatPercent(modes.highQualityShare), label: 'high quality',
        description: 'Share of samples within 3σ of their nearest mode' },
      { value: formatValue(modes.kl), label: 'mode KL',
        description: 'KL divergence (nats) of the high-quality samples\' mode histogram from uniform: 0 is perfectly balanced' },
    );
  }
  if (fid) {
    figures.push({ value: formatValue(fid.value), label: `FID (real-vs-real floor ${formatValue(fid.floor)})`,
      description: 'Fréchet distance of the digit classifier\'s features of generated and real digits; the floor is the same between two real sets of this size' });
  }
  if (record.labelAccuracy !== undefined) {
    figures.push({ value: formatPercent(record.labelAccuracy), label: 'label accuracy',
      description: 'Share of samples the digit classifier assigns to the label they were generated for' });
  }
  if (record.codeAccuracy !== undefined) {
    figures.push({ value: formatPercent(record.codeAccuracy), label: 'code accuracy',
      description: 'Share of samples whose categorical code matches their digit, under the best matching of codes to digits' });
  }
  // Named figures (a family's own, digits' precision, recall and speckle) say what they are.
  for (const figure of record.figures ?? []) {
    figures.push({ value: figure.unit === 'share' ? formatPercent(figure.value) : formatValue(figure.value), label: figure.label, description: figure.description });
  }
  return figures;
}

/** The evaluation a reader means by "latest": the furthest step, and of two at one step the later written. */
export function latestEvaluation(records: readonly EvaluationRecord[]): EvaluationRecord | undefined {
  return records.reduce<EvaluationRecord | undefined>((latest, record) => (latest === undefined || record.step >= latest.step ? record : latest), undefined);
}

/** Ordered by step for the chart; records at one step keep the order they were written in. */
export function byStep(records: readonly EvaluationRecord[]): EvaluationRecord[] {
  return [...records].sort((a, b) => a.step - b.step);
}
