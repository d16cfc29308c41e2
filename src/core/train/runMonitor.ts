import * as path from 'node:path';
import type { GanConfig } from '../config/schema';
import type { Dataset } from '../data/dataset';
import { DiagnosticsDetector, diagnosticsOptions } from '../eval/diagnostics';
import { diagnosticLine, type Diagnostic } from '../eval/diagnosticFinding';
import { compareDiversity, meanPairwiseDistance } from '../eval/diversity';
import { modeCoverage } from '../eval/modeCoverage';
import { isDiagnosticRecord } from '../run/evaluationRecords';
import { readJsonLines } from '../run/jsonLines';
import { runFiles } from '../run/layout';
import { isGameRecord, isMetricsRecord, type MetricsRecord } from '../run/records';
import type { RunWriter } from '../run/runWriter';
import type { Disposable } from '../util/disposable';
import type { FamilyFigures, FamilyModel } from '../families/family';
import type { TrainingEvent } from './events';
import { GeneratorEvaluator, type EvaluatedGenerator } from './generatorEvaluation';
import { evaluationEvery } from '../config/evaluationSchema';

/** What the monitor watches: the run as prepareRun made it. */
export interface MonitoredRun {
  readonly config: GanConfig;
  readonly dataset: Dataset;
  readonly writer: RunWriter;
  readonly resumed: boolean;
  readonly family: Pick<FamilyModel, 'measure' | 'shown'>;
}

/**
 * Watches a training session for what the user should know beyond losses: the failure modes of
 * docs/diagnostics.md (from each metrics line and from the generated samples of the fixed grid or
 * plane) and, on the schedule of evaluationEvery, scheduled evaluations of the generator. Everything it
 * finds becomes a line of metrics.jsonl and a session event, so the CLI, the extension and the
 * dashboard see it live and a finished run keeps it.
 */
export class RunMonitor implements Disposable {
  private lastEvaluatedStep = -1;

  private constructor(
    private readonly run: MonitoredRun,
    private readonly fire: (event: TrainingEvent) => void,
    private readonly detector: DiagnosticsDetector,
    /** Mean pairwise distance of real examples: generated diversity is measured against it. */
    private readonly realSpread: number,
    private readonly evaluator: GeneratorEvaluator | undefined,
  ) {}

  static async create(run: MonitoredRun, fire: (event: TrainingEvent) => void): Promise<RunMonitor> {
    const detector = new DiagnosticsDetector(diagnosticsOptions(run.config));
    if (run.resumed) {
      // The writer has already cut metrics.jsonl back to the checkpoint: replay what is left.
      const file = path.join(run.writer.dir, runFiles.metrics);
      detector.restore((await readJsonLines(file, isMetricsRecord)).filter(isGameRecord), await readJsonLines(file, isDiagnosticRecord));
    }
    const evaluator = evaluationEvery(run.config) !== undefined ? await GeneratorEvaluator.create(run.config, run.dataset, run.family.measure !== undefined, run.family.shown !== undefined) : undefined;
    return new RunMonitor(run, fire, detector, meanPairwiseDistance(run.dataset.values, run.dataset.exampleShape), evaluator);
  }

  /** Scheduled evaluation is on but nothing applies to this data (the session says so once). */
  get evaluationUnavailable(): boolean {
    return this.run.config.evaluation.every !== undefined && !this.evaluator;
  }

  /** After each metrics line is written. */
  async observeMetrics(record: MetricsRecord): Promise<void> {
    // The failure modes of an adversarial game; a family without one (the VAE) logs none of its values.
    if (isGameRecord(record)) await this.report(this.detector.observeMetrics(record));
  }

  /** After the fixed latents were generated at `step` (2D field points or a sample grid), after that step's metrics line. */
  async observeSamples(step: number, generated: Float32Array): Promise<void> {
    const { dataset } = this.run;
    await this.report(this.detector.observeEvaluation({
      step,
      diversity: compareDiversity(generated, this.realSpread, dataset.exampleShape),
      ...(dataset.mixture ? { coverage: modeCoverage(generated, dataset.mixture) } : {}),
    }));
  }

  /** Evaluates on the `evaluation.every` schedule, and at the end (`force`). */
  async evaluateIfDue(step: number, model: EvaluatedGenerator | undefined, force: boolean, measure?: () => Promise<FamilyFigures>): Promise<void> {
    const every = evaluationEvery(this.run.config);
    if (!this.evaluator || every === undefined || this.lastEvaluatedStep === step) return;
    if (!force && step % every !== 0) return;
    this.lastEvaluatedStep = step;
    const record = await this.evaluator.evaluate(model, step, this.run.config.evaluation.samples, measure);
    await this.run.writer.appendMetrics(record);
    this.fire({ type: 'evaluation', record });
    if (record.figures) await this.report(this.detector.observeFigures(step, record.figures));
  }

  dispose(): void {
    this.evaluator?.dispose();
  }

  private async report(findings: readonly Diagnostic[]): Promise<void> {
    for (const finding of findings) {
      const record = diagnosticLine(finding);
      await this.run.writer.appendMetrics(record);
      this.fire({ type: 'diagnostic', record });
    }
  }
}
