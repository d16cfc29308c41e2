/**
 * The two other kinds of line in metrics.jsonl, beside the per-step MetricsRecord: measurements of
 * the generator (evaluation) and failure-mode findings (diagnostics). Each carries a `type`, which
 * training lines do not, so readers that only know training lines (they check `dLoss`) skip them.
 */

/** One evaluation of the generator at `step` (README, "Evaluation"). Fields appear when they apply to the data and model. */
export interface EvaluationRecord {
  readonly type: 'evaluation';
  readonly step: number;
  readonly time: string;
  /** Generated samples measured. */
  readonly samples: number;
  /** Wall-clock seconds the evaluation took, generation included. */
  readonly seconds: number;
  /** Gaussian mixtures: the VEEGAN/PacGAN mode figures. */
  readonly modes?: {
    readonly covered: number;
    readonly total: number;
    /** Share of samples within 3σ of their nearest mode. */
    readonly highQualityShare: number;
    /** KL divergence (nats) of the high-quality samples' mode histogram from uniform. */
    readonly kl: number;
  };
  /** MNIST digits: Fréchet distance of the shipped classifier's features, and the same between two real sets of this size. */
  readonly fid?: { readonly value: number; readonly floor: number };
  /** Conditional GAN on digits: share of samples the classifier assigns to their condition. */
  readonly labelAccuracy?: number;
  /** InfoGAN on digits: share of samples whose first categorical code matches their digit, under the best one-to-one matching. */
  readonly codeAccuracy?: number;
}

export const diagnosticKinds = [
  'vanishing-gradients', 'discriminator-overpowering', 'mode-collapse', 'oscillation', 'divergence',
] as const;
export type DiagnosticKind = (typeof diagnosticKinds)[number];

/** How each kind is named to a person (CLI, log, notifications, dashboard). */
export const diagnosticKindLabels: Readonly<Record<DiagnosticKind, string>> = {
  'vanishing-gradients': 'Vanishing gradients',
  'discriminator-overpowering': 'Discriminator overpowering',
  'mode-collapse': 'Mode collapse',
  oscillation: 'Oscillation',
  divergence: 'Divergence',
};

/** One measured number behind a finding, with the threshold it crossed. */
export interface DiagnosticEvidence {
  readonly name: string;
  readonly value: number;
  /** The limit, and which side of it raises the finding. */
  readonly threshold?: { readonly value: number; readonly when: 'above' | 'below' };
}

/** A failure mode found (or ended) at `step`, from the metrics of the steps in `window`. */
export interface DiagnosticRecord {
  readonly type: 'diagnostic';
  readonly step: number;
  readonly time: string;
  readonly kind: DiagnosticKind;
  /** `raised` when the condition starts; `cleared` when it no longer holds. */
  readonly state: 'raised' | 'cleared';
  readonly severity: 'warning' | 'error';
  /** One sentence: what was seen. */
  readonly summary: string;
  readonly evidence: readonly DiagnosticEvidence[];
  /** First and last step of the measurements behind it. */
  readonly window: { readonly from: number; readonly to: number };
  /** The usual remedies, most effective first. */
  readonly remedies: readonly string[];
}

export function isEvaluationRecord(value: unknown): value is EvaluationRecord {
  const record = value as Partial<EvaluationRecord> | null;
  return typeof record === 'object' && record !== null && record.type === 'evaluation' && typeof record.step === 'number';
}

export function isDiagnosticRecord(value: unknown): value is DiagnosticRecord {
  const record = value as Partial<DiagnosticRecord> | null;
  return typeof record === 'object' && record !== null && record.type === 'diagnostic' && typeof record.step === 'number'
    && typeof record.kind === 'string' && (diagnosticKinds as readonly string[]).includes(record.kind)
    && Array.isArray(record.evidence) && Array.isArray(record.remedies);
}
