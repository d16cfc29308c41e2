import * as path from 'node:path';
import type { BackendName } from '../config/trainingSchema';
import { UserError } from '../errors';
import { appendJsonLine } from '../run/atomicFile';
import type { EvaluationRecord } from '../run/evaluationRecords';
import { runFiles } from '../run/layout';
import { GeneratorEvaluator } from './generatorEvaluation';
import { restoreFamily } from './restore';

/** Evaluate a run's generator as of its latest checkpoint (`gan-studio eval`, the extension's Evaluate Run). */
export interface EvaluateRunRequest {
  readonly runDir: string;
  /** Generated samples (default: the config's evaluation.samples). */
  readonly samples?: number;
  /** Append the result to the run's metrics.jsonl, where the dashboard shows it (default true). */
  readonly record?: boolean;
  readonly backend?: BackendName;
  readonly nativeSearchDirs?: readonly string[];
}

export async function evaluateRun(request: EvaluateRunRequest): Promise<EvaluationRecord> {
  const restored = await restoreFamily(request.runDir, request.backend, request.nativeSearchDirs);
  try {
    const { config } = restored.stored;
    const evaluator = await GeneratorEvaluator.create(config, restored.dataset, restored.family.measure !== undefined, restored.family.shown !== undefined);
    if (!evaluator) {
      throw new UserError(`${request.runDir}: nothing to measure for ${restored.dataset.description}; evaluation covers `
        + 'Gaussian mixtures (ring, grid, two-gaussians, blobs) and the embedded MNIST digits', request.runDir);
    }
    try {
      const { family } = restored;
      const record = await evaluator.evaluate(family.shown, restored.step, request.samples ?? config.evaluation.samples, family.measure);
      if (request.record ?? true) await appendJsonLine(path.join(request.runDir, runFiles.metrics), record);
      return record;
    } finally {
      evaluator.dispose();
    }
  } finally {
    restored.dispose();
  }
}
