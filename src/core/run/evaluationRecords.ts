import { z } from 'zod';
import { diagnosticKinds } from './diagnosticKinds';

export { diagnosticKindLabels, diagnosticKinds, type DiagnosticKind } from './diagnosticKinds';

/**
 * The two other kinds of line in metrics.jsonl, beside the per-step MetricsRecord: measurements of
 * the generator (evaluation) and failure-mode findings (diagnostics). Each carries a `type`, which
 * training lines do not, so readers that only know training lines (they check `dLoss`) skip them.
 */

// The schemas are the records' one definition: the writer's types derive from them, and every
// reader (the dashboard formats each figure and string) checks a line against them, skipping a line
// with a field of the wrong type as it skips a torn one.

const figure = z.number();

/**
 * A figure a family measures beyond the generator's (BiGAN's linear probe on E(x)): self-describing,
 * so the CLI and the dashboard show it, and chart it over steps, without knowing the family.
 */
const familyFigureSchema = z.object({
  /** Stable across a run's evaluations: what joins one evaluation's figure to the next. */
  name: z.string().min(1).max(40),
  label: z.string().max(80),
  description: z.string().max(300),
  value: figure,
  /** A share (0…1, shown as a percentage) or a plain value. */
  unit: z.enum(['share', 'value']),
  /** A reference the family's other figures are read against (the probe on raw pixels): drawn dashed. */
  baseline: z.boolean().exactOptional(),
}).readonly();
export type FamilyFigure = z.output<typeof familyFigureSchema>;

/** One evaluation of the generator at `step` (README, "Evaluation"). Fields appear when they apply to the data and model. */
export const evaluationRecordSchema = z.object({
  type: z.literal('evaluation'),
  step: z.int().nonnegative(),
  time: z.string(),
  /** Generated samples measured. */
  samples: figure,
  /** Wall-clock seconds the evaluation took, generation included. */
  seconds: figure,
  /** Gaussian mixtures: the VEEGAN/PacGAN mode figures. */
  modes: z.object({
    covered: figure,
    total: figure,
    /** Share of samples within 3σ of their nearest mode. */
    highQualityShare: figure,
    /** KL divergence (nats) of the high-quality samples' mode histogram from uniform. */
    kl: figure,
    /** 3σ of the mixture: how near its mode a sample must be to count as high quality (absent in records from before it was written). */
    radius: figure.exactOptional(),
  }).readonly().exactOptional(),
  /** MNIST digits: Fréchet distance of the shipped classifier's features, and the same between two real sets of this size. */
  fid: z.object({ value: figure, floor: figure }).readonly().exactOptional(),
  /** Conditional GAN on digits: share of samples the classifier assigns to their condition. */
  labelAccuracy: figure.exactOptional(),
  /** InfoGAN on digits: share of samples whose first categorical code matches their digit, under the best one-to-one matching. */
  codeAccuracy: figure.exactOptional(),
  /** Named figures, each saying what it is: digits' precision, recall, density, coverage and speckle, and a family's own (BiGAN's linear probe). */
  figures: z.array(familyFigureSchema).max(32).readonly().exactOptional(),
}).readonly();
export type EvaluationRecord = z.output<typeof evaluationRecordSchema>;

/** One measured number behind a finding, with the threshold it crossed. */
const diagnosticEvidenceSchema = z.object({
  name: z.string(),
  value: figure,
  /** The limit, and which side of it raises the finding. */
  threshold: z.object({ value: figure, when: z.enum(['above', 'below']) }).readonly().exactOptional(),
}).readonly();
export type DiagnosticEvidence = z.output<typeof diagnosticEvidenceSchema>;

/** A failure mode found (or ended) at `step`, from the metrics of the steps in `window`. */
export const diagnosticRecordSchema = z.object({
  type: z.literal('diagnostic'),
  step: z.int().nonnegative(),
  time: z.string(),
  kind: z.enum(diagnosticKinds),
  /** `raised` when the condition starts; `cleared` when it no longer holds. */
  state: z.enum(['raised', 'cleared']),
  severity: z.enum(['warning', 'error']),
  /** One sentence: what was seen. */
  summary: z.string(),
  evidence: z.array(diagnosticEvidenceSchema).readonly(),
  /** First and last step of the measurements behind it. */
  window: z.object({ from: figure, to: figure }).readonly(),
  /** The usual remedies, most effective first. */
  remedies: z.array(z.string()).readonly(),
}).readonly();
export type DiagnosticRecord = z.output<typeof diagnosticRecordSchema>;

export function isEvaluationRecord(value: unknown): value is EvaluationRecord {
  return evaluationRecordSchema.safeParse(value).success;
}

export function isDiagnosticRecord(value: unknown): value is DiagnosticRecord {
  return diagnosticRecordSchema.safeParse(value).success;
}
