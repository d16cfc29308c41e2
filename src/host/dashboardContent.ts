import { isToyDataKind } from '../core/config/dataKinds';
import type { MetricsRecord } from '../core/run/records';
import { metricColumns, type MetricSeries, type RunHeader } from '../protocol/dashboardMessages';
import type { RunView } from './runView';

/** Metrics rows as the columns the charts draw; a column no row has is left out. */
export function toMetricSeries(records: readonly MetricsRecord[]): MetricSeries {
  const values: Partial<Record<(typeof metricColumns)[number], (number | null)[]>> = {};
  for (const column of metricColumns) {
    if (!records.some((record) => typeof record[column] === 'number')) continue;
    values[column] = records.map((record) => record[column] ?? null);
  }
  return { steps: records.map((record) => record.step), values };
}

/** The part of a run's stored config the header needs. */
export interface HeaderConfig {
  readonly data: { readonly kind: string };
  readonly objective: { readonly kind: string };
}

export function runHeader(run: RunView, config: HeaderConfig): RunHeader {
  const rate = run.status === 'running' ? run.stepsPerSecond : undefined;
  return {
    runDir: run.dir, runId: run.runId, name: run.name, status: run.status, step: run.step, totalSteps: run.totalSteps,
    live: run.live, dataKind: isToyDataKind(config.data.kind) ? 'points' : 'images', objective: config.objective.kind,
    outputsAreProbabilities: config.objective.kind === 'minimax' || config.objective.kind === 'non-saturating',
    ...(rate ? { stepsPerSecond: rate, etaSeconds: Math.max(0, (run.totalSteps - run.step) / rate) } : {}),
    ...(run.backend ? { backend: run.backend } : {}),
    ...(run.error ? { error: run.error } : {}),
  };
}
