import { Worker } from 'node:worker_threads';
import type { Disposable } from '../../core/util/disposable';
import type { ConfigDiagnostic } from '../configDiagnostics';
import type { ValidationInput, ValidationReply, ValidationRequest } from './messages';

export interface ValidatorOptions {
  /** The worker's bundle (dist/configValidator.js). */
  readonly entry: string;
  /** A check that takes longer is stopped (its worker ended) and reported instead. */
  readonly timeLimitMs?: number;
  /** The worker's heap: what a hostile file can make a check allocate. */
  readonly heapMb?: number;
}

/** Far more than any real config or note needs (a megabyte config checks in well under a second). */
const TIME_LIMIT_MS = 10_000;
const HEAP_MB = 256;

type Answer = (diagnostics: ConfigDiagnostic[] | undefined) => void;

interface Check {
  readonly input: ValidationInput;
  readonly answer: Answer;
}

/**
 * Checks configs and notes with the engine's validator in a worker thread, so nothing a
 * workspace holds can stall the extension host: started with the first check, ended on dispose,
 * one check at a time under a time and memory limit (a check past either is reported on the
 * file's first line, and the next one starts a fresh worker). Checks queue per file, the latest
 * replacing one not yet started.
 */
export class ConfigValidator implements Disposable {
  private worker: Worker | undefined;
  private readonly queued = new Map<string, Check>();
  private running: (Check & { readonly id: number; readonly timer: ReturnType<typeof setTimeout> }) | undefined;
  private nextId = 1;
  private disposed = false;

  constructor(private readonly options: ValidatorOptions) {}

  /** The problems in `input`; undefined when a later check of the same `file` replaced it before it began, or on dispose. */
  validate(file: string, input: ValidationInput): Promise<ConfigDiagnostic[] | undefined> {
    if (this.disposed) return Promise.resolve(undefined);
    return new Promise((answer) => {
      this.queued.get(file)?.answer(undefined);
      this.queued.delete(file);
      this.queued.set(file, { input, answer });
      this.next();
    });
  }

  dispose(): void {
    this.disposed = true;
    this.finish(undefined);
    for (const check of this.queued.values()) check.answer(undefined);
    this.queued.clear();
    this.stopWorker();
  }

  private next(): void {
    if (this.running || this.disposed) return;
    const [first] = this.queued;
    if (!first) return;
    const [file, check] = first;
    this.queued.delete(file);
    const id = this.nextId++;
    const limit = this.options.timeLimitMs ?? TIME_LIMIT_MS;
    const timer = setTimeout(() => {
      // The worker may be deep in a parse: only ending it stops it.
      this.stopWorker();
      this.finish(firstLineProblem(check.input.text, `GAN Studio stopped checking this file after ${formatMs(limit)}, its limit for ` +
        'checking as you type; the file is too large or too complex to check live.'));
    }, limit);
    this.running = { ...check, id, timer };
    const request: ValidationRequest = { ...check.input, id };
    this.startedWorker().postMessage(request);
  }

  private startedWorker(): Worker {
    if (this.worker) return this.worker;
    const heapMb = this.options.heapMb ?? HEAP_MB;
    const worker = new Worker(this.options.entry, { resourceLimits: { maxOldGenerationSizeMb: heapMb } });
    worker.on('message', (reply: ValidationReply) => {
      if (reply.id !== this.running?.id) return;
      this.finish('error' in reply ? firstLineProblem(this.running.input.text, couldNotCheck(reply.error)) : [...reply.diagnostics]);
    });
    worker.on('error', (error) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      const why = (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' ? `it needed more than ${heapMb} MB` : error.message;
      if (this.running) this.finish(firstLineProblem(this.running.input.text, couldNotCheck(why)));
    });
    worker.on('exit', () => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      if (this.running) this.finish(firstLineProblem(this.running.input.text, couldNotCheck('the checker stopped')));
    });
    // An idle checker must not keep a process (the CLI's, a test's) alive.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  /** Answers the running check (if any) and starts the next. */
  private finish(diagnostics: ConfigDiagnostic[] | undefined): void {
    const running = this.running;
    if (!running) return;
    clearTimeout(running.timer);
    this.running = undefined;
    running.answer(diagnostics);
    this.next();
  }

  private stopWorker(): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }
}

function couldNotCheck(why: string): string {
  return `GAN Studio could not check this file: ${why}.`;
}

/** One error on the first line, for what concerns the whole file. */
function firstLineProblem(text: string, message: string): ConfigDiagnostic[] {
  const firstLine = /^[^\r\n]*/.exec(text)?.[0] ?? '';
  return [{ startLine: 0, startCharacter: 0, endLine: 0, endCharacter: Math.max(1, firstLine.length), message, field: '' }];
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${ms / 1000} s`;
}
