import type { EvaluationRecord } from '../run/evaluationRecords';

type ModeFigures = NonNullable<EvaluationRecord['modes']>;

/**
 * What "high quality" and "covered" mean on a Gaussian mixture, with the run's own distance, said
 * wherever the figures appear: 3σ is strict (0.06 on the ring), so points that look close in a
 * plot can still count for nothing, and a reader needs the rule to trust the number.
 */
export function modesMeaning(modes: ModeFigures): string {
  const distance = modes.radius !== undefined ? `3σ = ${Number(modes.radius.toPrecision(2))}` : '3σ';
  return `high quality: a sample within ${distance} of its nearest mode; covered: a mode with at least one high-quality sample`;
}
