import { diagnosticKindLabels, type DiagnosticRecord, type EvaluationRecord } from '../run/evaluationRecords';

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** The figures of an evaluation as label/value pairs, in the order a reader wants them. */
export function evaluationFigures(record: EvaluationRecord): [string, string][] {
  const figures: [string, string][] = [];
  if (record.modes) {
    figures.push(['modes covered', `${record.modes.covered}/${record.modes.total}`]);
    figures.push(['high-quality samples', percent(record.modes.highQualityShare)]);
    figures.push(['mode KL from uniform', `${record.modes.kl.toFixed(3)} nats`]);
  }
  if (record.fid) {
    figures.push(['FID (digit classifier)', record.fid.value.toFixed(2)]);
    figures.push(['FID real vs real (floor)', record.fid.floor.toFixed(2)]);
  }
  if (record.labelAccuracy !== undefined) figures.push(['label accuracy', percent(record.labelAccuracy)]);
  if (record.codeAccuracy !== undefined) figures.push(['code accuracy (best matching)', percent(record.codeAccuracy)]);
  for (const figure of record.figures ?? []) {
    figures.push([figure.label, figure.unit === 'share' ? percent(figure.value) : figure.value.toFixed(3)]);
  }
  return figures;
}

/** One line for logs and notifications, e.g. "modes covered 8/8 · high-quality samples 93.1% · …". */
export function evaluationSummary(record: EvaluationRecord): string {
  return evaluationFigures(record).map(([label, value]) => `${label} ${value}`).join(' · ');
}

/** One line for a diagnostic, e.g. "Mode collapse (error) at step 400: only 2 of 8 modes …". */
export function diagnosticHeadline(record: DiagnosticRecord): string {
  const kind = diagnosticKindLabels[record.kind];
  if (record.state === 'cleared') return `${kind} cleared at step ${record.step}: ${record.summary}`;
  return `${kind} (${record.severity}) at step ${record.step}: ${record.summary}`;
}
