import type { EvaluationRecord } from '../core/run/evaluationRecords';
import type { Translated } from '../core/train/translateRun';
import type { EncodeRequest, EvaluateRequest, ExportRequest, TranslateRequest } from '../protocol/trainerMessages';
import type { TrainerTransport } from './channel';
import { runOneShotJob } from './oneShotJob';

export interface ExportResult {
  readonly files: readonly string[];
  /** The checkpoint step the exported weights come from. */
  readonly step: number;
}

/** Exports a run's generator in a trainer. */
export function exportInTrainer(entry: string, transport: TrainerTransport, request: ExportRequest,
  log?: (line: string) => void): Promise<ExportResult> {
  return runOneShotJob(entry, transport, { type: 'export', request },
    (message) => message.type === 'exported' ? { files: message.files, step: message.step } : undefined, log);
}

/** Evaluates a run's generator in a trainer; the trainer also appends the result to the run's metrics.jsonl. */
export function evaluateInTrainer(entry: string, transport: TrainerTransport, request: EvaluateRequest,
  log?: (line: string) => void): Promise<EvaluationRecord> {
  return runOneShotJob(entry, transport, { type: 'evaluate', request },
    (message) => message.type === 'evaluated' ? message.record : undefined, log);
}

export interface EncodeResult {
  readonly file: string;
  readonly count: number;
  readonly description: string;
  readonly step: number;
}

/** Writes a run's encoder codes in a trainer (TF.js work never runs on the extension host). */
export function encodeInTrainer(entry: string, transport: TrainerTransport, request: EncodeRequest,
  log?: (line: string) => void): Promise<EncodeResult> {
  return runOneShotJob(entry, transport, { type: 'encode', request },
    (message) => message.type === 'encoded' ? { file: message.file, count: message.count, description: message.description, step: message.step } : undefined, log);
}

/** Translates images with a translation run's generator in a trainer. */
export function translateInTrainer(entry: string, transport: TrainerTransport, request: TranslateRequest,
  log?: (line: string) => void): Promise<Translated> {
  return runOneShotJob(entry, transport, { type: 'translate', request },
    (message) => message.type === 'translated' ? { files: message.files, count: message.count, description: message.description, step: message.step } : undefined, log);
}
