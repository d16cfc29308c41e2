import { z } from 'zod';
import { backendReportSchema } from '../backend/report';
import { changeRecordSchema } from '../run/changeRecords';
import { diagnosticRecordSchema, evaluationRecordSchema } from '../run/evaluationRecords';
import { controlsStateSchema } from './liveControls';
import {
  isFieldRecord, isHistogramRecord, isMetricsRecord, pathInRun, runStatuses, stepCount,
  type FieldRecord, type HistogramRecord, type MetricsRecord,
} from '../run/records';

// The per-step records are checked by the guards their readers use (what tells them apart and what
// a view draws), not field by field: they are the bulk of a run's events.
const metricsRecord = z.custom<MetricsRecord>(isMetricsRecord, 'not a metrics record');
const histogramRecord = z.custom<HistogramRecord>(isHistogramRecord, 'not a histogram record');
const fieldRecord = z.custom<FieldRecord>(isFieldRecord, 'not a field record');

/**
 * What a training session reports while it runs; the CLI, the worker and tests all listen to
 * these. A schema because the events cross from a trainer thread or process to the host, which
 * checks each one (src/protocol/trainerMessages.ts).
 */
export const trainingEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('started'), runId: z.string(), runDir: z.string(), step: stepCount, totalSteps: stepCount,
    backend: backendReportSchema.readonly(), dataset: z.string(), resumed: z.boolean(),
  }),
  z.object({
    type: z.literal('progress'), step: stepCount, totalSteps: stepCount, stepsPerSecond: z.number(), etaSeconds: z.number(),
    /** The catalogue's headline pair (a GAN's D and G loss), with the labels to show them by. */
    headline: z.tuple([z.number(), z.number()]).readonly(),
    headlineLabels: z.tuple([z.string(), z.string()]).readonly(),
  }),
  z.object({ type: z.literal('metrics'), record: metricsRecord }),
  z.object({ type: z.literal('histogram'), record: histogramRecord }),
  /** 2D data only, on the histogram schedule: D over the plane and G's gradient per generated point. */
  z.object({ type: z.literal('field'), record: fieldRecord }),
  /** A scheduled evaluation of the generator (evaluation.every), also appended to metrics.jsonl. */
  z.object({ type: z.literal('evaluation'), record: evaluationRecordSchema }),
  /** A failure mode raised or cleared (docs/diagnostics.md), also appended to metrics.jsonl. */
  z.object({ type: z.literal('diagnostic'), record: diagnosticRecordSchema }),
  /** The live controls' settings, when the run starts and after each change (`record`, also appended to metrics.jsonl). */
  z.object({ type: z.literal('controls'), state: controlsStateSchema, record: changeRecordSchema.exactOptional() }),
  z.object({ type: z.literal('sample'), step: stepCount, path: pathInRun }),
  z.object({ type: z.literal('checkpoint'), step: stepCount, path: pathInRun }),
  z.object({ type: z.literal('status'), status: z.enum(runStatuses), step: stepCount, error: z.string().exactOptional() }),
]);
export type TrainingEvent = z.output<typeof trainingEventSchema>;
