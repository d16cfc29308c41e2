import { isToyDataKind } from '../core/config/dataKinds';
import type { EvaluationPlan } from '../core/eval/evaluationPlan';
import type { MetricsRecord } from '../core/run/records';
import type { MetricSeries, RunHeader } from '../protocol/dashboardMessages';
import { elapsedOf, metricFields } from './metricHistory';
import { runCatalogue } from './runCatalogue';
import type { RunView } from './runView';

/** Metrics rows as the columns the charts draw: one per numeric field any row has. */
export function toMetricSeries(records: readonly MetricsRecord[]): MetricSeries {
  const names = new Set(records.flatMap((record) => metricFields(record).map(([name]) => name)));
  const values: Record<string, (number | null)[]> = {};
  for (const name of names) values[name] = records.map((record) => numberField(record, name));
  return { steps: records.map((record) => record.step), elapsedSeconds: records.map(elapsedOf), values };
}

function numberField(record: MetricsRecord, name: string): number | null {
  const value: unknown = (record as unknown as Readonly<Record<string, unknown>>)[name];
  return typeof value === 'number' ? value : null;
}

/** The part of a run's stored config the header needs. */
export interface HeaderConfig {
  readonly data: { readonly kind: string };
  readonly objective: { readonly kind: string };
}

export function runHeader(run: RunView, config: HeaderConfig, evaluation?: EvaluationPlan): RunHeader {
  const rate = run.status === 'running' ? run.stepsPerSecond : undefined;
  return {
    runDir: run.dir, runId: run.runId, name: run.name, status: run.status, step: run.step, totalSteps: run.totalSteps,
    live: run.live, dataKind: isToyDataKind(config.data.kind) ? 'points' : 'images', objective: config.objective.kind,
    // A run from before catalogues is a GAN: its config's objective says whether D's outputs are probabilities.
    metrics: runCatalogue(run, config.objective.kind),
    views: (run.views ?? []).map(({ name, title, description }) => ({ name, title, description })),
    ...(run.picture ? { picture: { title: run.picture.title, description: run.picture.description } } : {}),
    ...(run.networks ? { networks: run.networks } : {}),
    ...(evaluation ? { evaluation } : {}),
    ...(run.checkpointStep !== undefined ? { checkpointStep: run.checkpointStep } : {}),
    ...(!run.live && run.status !== 'completed' && run.checkpointStep !== undefined ? { resumableFrom: run.checkpointStep } : {}),
    ...(rate ? { stepsPerSecond: rate, etaSeconds: Math.max(0, (run.totalSteps - run.step) / rate) } : {}),
    ...(run.backend ? { backend: run.backend } : {}),
    ...(run.adapter ? { adapter: run.adapter } : {}),
    ...(run.error ? { error: run.error } : {}),
  };
}
