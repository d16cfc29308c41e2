import * as os from 'node:os';
import { errorMessage } from '../errors';
import { headlineSpec, headlineValues } from '../families/catalogue';
import type { TrainingPlan } from '../families/player';
import { resumeCommand } from '../run/layout';
import type { MetricsRecord, RunInfo, RunStatus } from '../run/records';
import { isOutOfSpace } from '../run/spaceReserve';
import type { Disposable } from '../util/disposable';
import { Emitter } from '../util/emitter';
import { saveCheckpoint } from './checkpoint';
import { fixedSamples, generateFrom, renderExamples } from './evaluation';
import type { TrainingEvent } from './events';
import { firstNonFinite, runIteration } from './iteration';
import { prepareRun, type PreparedRun, type TrainOptions } from './prepare';
import type { SampleGrid } from './sampleGrid';
import { RunMonitor } from './runMonitor';
import { Throughput } from './throughput';
import { learningRateScale } from '../optim/learningRateDecay';
import type { ChangeRecord, LiveChange } from '../run/changeRecords';
import { LiveControls } from './liveControls';

/**
 * One training run and its controls. `run()` drives the loop of the original paper (k D-steps, then
 * one G-step) until the step budget, a stop request or a failure; pause/resume/stop take effect at
 * the next step boundary. Everything it learns goes to the run directory as it happens.
 */
export class TrainingSession implements Disposable {
  private readonly emitter = new Emitter<TrainingEvent>();
  private step: number;
  private elapsedSeconds: number;
  private stopRequested = false;
  /** Set when the stop ends the run as interrupted (its host is going away), with why. */
  private interruption: string | undefined;
  private pauseGate: { promise: Promise<void>; release: () => void } | undefined;
  /** Steps left of an `advance` while paused; the run pauses again when they are done. */
  private stepsToAdvance = 0;
  /** GAN Lab's speed control: the shortest a step may take, in seconds (0: as fast as it trains). */
  private minStepSeconds = 0;
  private readonly throughput = new Throughput();
  /** The fixed latents of every sample grid (and of the 2D field's generated points); none without a generator. */
  private readonly samples: SampleGrid | undefined;
  private readonly plan: TrainingPlan;
  /** Hand-made changes to rates, updates and weights (GAN Lab's live controls). */
  private readonly controls: LiveControls;
  private readonly headlineLabels: readonly [string, string];
  private lastCheckpointStep: number;
  private lastHistogramStep = -1;
  private lastSampleStep = -1;
  /** The last step's numbers by metric name, for the metrics line and progress event that follow it. */
  private latest: Readonly<Record<string, number>> = {};

  private constructor(private readonly run_: PreparedRun, private readonly monitor: RunMonitor) {
    this.step = run_.startStep;
    this.lastCheckpointStep = run_.startStep;
    this.elapsedSeconds = run_.elapsedSeconds;
    const { config, dataset, family, random, sampler } = run_;
    this.samples = family.shown && fixedSamples(config.seed, family.shown, dataset, config.samples.count);
    this.plan = family.plan({ random, sampler, totalSteps: run_.totalSteps });
    this.controls = new LiveControls(this.plan, run_.recordedChanges, run_.startStep);
    this.headlineLabels = headlineSpec(this.plan.catalogue).short;
  }

  /** Prepares a new run (or reopens one to resume): backend, data, models, run directory. */
  static async create(options: TrainOptions): Promise<TrainingSession> {
    const run = await prepareRun(options);
    let session: TrainingSession | undefined;
    try {
      // The monitor reports through the session's events, which exist once the session does.
      const monitor = await RunMonitor.create(run, (event) => session?.emitter.fire(event));
      session = new TrainingSession(run, monitor);
      return session;
    } catch (error) {
      run.family.dispose();
      run.writer.close();
      throw error;
    }
  }

  get runId(): string { return this.run_.writer.runId; }
  get runDir(): string { return this.run_.writer.dir; }
  get totalSteps(): number { return this.run_.totalSteps; }
  get info(): RunInfo { return this.run_.writer.current; }

  on(listener: (event: TrainingEvent) => void): Disposable {
    return this.emitter.on(listener);
  }

  pause(): void {
    if (this.pauseGate || this.stopRequested) return;
    let release = () => undefined as void;
    const promise = new Promise<void>((resolve) => { release = resolve; });
    this.pauseGate = { promise, release };
  }

  resume(): void {
    this.stepsToAdvance = 0;
    this.openGate();
  }

  /**
   * GAN Lab's step button: a paused run trains `steps` more steps, then pauses again (a run that
   * is not paused ignores it). The steps are ordinary training steps, so a resume replays them.
   */
  advance(steps: number): void {
    if (!this.pauseGate || this.stopRequested || !(steps >= 1)) return;
    this.stepsToAdvance = Math.floor(steps);
    this.openGate();
  }

  /** Slows training to at most `stepsPerSecond` so a student can watch it; none: full speed. Results are unchanged. */
  pace(stepsPerSecond: number | undefined): void {
    this.minStepSeconds = stepsPerSecond !== undefined && stepsPerSecond > 0 ? 1 / stepsPerSecond : 0;
  }

  /**
   * A live change from the controls: it applies from the next iteration and is recorded in the run
   * (a resume replays it). Returns why the run refused it, if it did.
   */
  async tune(change: LiveChange): Promise<string | undefined> {
    const refusal = this.controls.refusal(change);
    if (refusal !== undefined) return refusal;
    // The run takes another path than the one a resume was replaying.
    this.controls.dropPending();
    await this.recordChange({ type: 'change', step: this.step, time: new Date().toISOString(), change });
    return undefined;
  }

  private async recordChange(record: ChangeRecord): Promise<void> {
    this.controls.apply(record.change, record.step);
    this.emitter.fire({ type: 'controls', state: this.controls.state(this.step), record });
    await this.run_.writer.appendMetrics(record);
  }

  private openGate(): void {
    const gate = this.pauseGate;
    this.pauseGate = undefined;
    gate?.release();
  }

  /**
   * Asks the loop to stop at the next step boundary; it then saves a checkpoint and samples. With
   * `interruption` the run ends `interrupted` with that reason, to be resumed later, not `stopped`.
   */
  stop(interruption?: string): void {
    this.stopRequested = true;
    this.interruption ??= interruption;
    this.resume();
  }

  async run(): Promise<RunInfo> {
    const { writer, totalSteps, backend, dataset, resumed } = this.run_;
    try {
      // The catalogue too: a run resumed from before catalogues gains one.
      await writer.update({ status: 'running', totalSteps, backend, pid: process.pid, hostname: os.hostname(), catalogue: this.plan.catalogue,
        networks: Object.keys(this.run_.family.checkpointParts.networks) });
      this.emitter.fire({ type: 'started', runId: this.runId, runDir: this.runDir, step: this.step, totalSteps, backend, dataset: dataset.description, resumed });
      this.emitter.fire({ type: 'controls', state: this.controls.state(this.step) });
      if (!resumed) await this.evaluate(true);
      while (this.step < totalSteps && !this.stopRequested) {
        if (this.pauseGate) await this.waitWhilePaused();
        if (this.stopRequested) break;
        const turnStarted = performance.now();
        for (const record of this.controls.takeDue(this.step)) await this.recordChange(record);
        const failure = await this.trainOneStep();
        if (failure) return await this.finish('failed', failure);
        await this.afterStep();
        this.throughput.recordTurn((performance.now() - turnStarted) / 1000);
        if (this.stepsToAdvance > 0 && --this.stepsToAdvance === 0) this.pause();
        const wait = this.minStepSeconds - (performance.now() - turnStarted) / 1000;
        if (wait > 0 && !this.pauseGate && !this.stopRequested) await new Promise((resolve) => setTimeout(resolve, wait * 1000));
        // Yield so signals, worker messages and pause/stop requests are handled between steps.
        await new Promise((resolve) => setImmediate(resolve));
      }
      await this.evaluate(true);
      if (this.step >= totalSteps) return await this.finish('completed');
      return await this.finish(this.interruption ? 'interrupted' : 'stopped', this.interruption);
    } catch (error) {
      const reason = this.failureReason(error);
      try {
        return await this.finish('failed', reason);
      } catch (statusError) {
        throw new Error(`${reason}; run.json could not record it either (${errorMessage(statusError)})`);
      }
    }
  }

  /** Why the run failed, said so the user can act: a full disk names the run and how to continue it. */
  private failureReason(error: unknown): string {
    if (!isOutOfSpace(error)) return errorMessage(error);
    return `the disk holding run ${this.runId} is full (${errorMessage(error)}); free some space, then resume with: ${resumeCommand(this.runDir)}`;
  }

  dispose(): void {
    this.emitter.dispose();
    this.monitor.dispose();
    this.run_.family.dispose();
    this.run_.writer.close();
  }

  /** Runs one iteration of the plan (k D-steps and one G-step); returns a failure reason when a loss or gradient is not finite. */
  private async trainOneStep(): Promise<string | undefined> {
    const started = performance.now();
    const { config, totalSteps } = this.run_;
    const values = await runIteration(this.plan, this.step, learningRateScale(config.training.learningRateDecay, this.step, totalSteps), this.controls);
    const settings = this.plan.settings?.(this.step) ?? {};
    this.step += 1;
    const seconds = (performance.now() - started) / 1000;
    this.elapsedSeconds += seconds;
    this.throughput.recordCompute(seconds);
    this.latest = { ...values, ...settings };
    const bad = firstNonFinite(this.plan, values);
    return bad ? this.divergence(bad[0], bad[1]) : undefined;
  }

  /** What a non-finite loss or gradient means for this run: whether anything can be resumed, and what to change. */
  private divergence(quantity: string, value: number): string {
    const checkpoint = this.run_.writer.current.lastCheckpoint;
    // Resuming replays the same steps exactly, so it diverges again: the config must change.
    const remedy = this.plan.divergenceRemedy ?? 'lower the learning rates (training.generatorOptimizer / training.discriminatorOptimizer learningRate) ' +
      'or add a gradient penalty, then train again';
    return `${quantity} became ${value} at step ${this.step}; ` + (checkpoint
      ? `the last good checkpoint (step ${checkpoint.step}) is kept — ${remedy}`
      : `no checkpoint was written before step ${this.step}, so the run cannot be resumed — ${remedy}`);
  }

  private async afterStep(): Promise<void> {
    const { config, totalSteps } = this.run_;
    const rate = this.throughput.stepsPerSecond();
    this.emitter.fire({ type: 'progress', step: this.step, totalSteps, stepsPerSecond: rate,
      etaSeconds: rate > 0 ? (totalSteps - this.step) / rate : 0,
      headline: headlineValues(this.plan.catalogue, this.latest) ?? [NaN, NaN], headlineLabels: this.headlineLabels });
    if (this.step % config.logging.every === 0) await this.logMetrics();
    // The step's records before its checkpoint: a resume drops records past its checkpoint and makes
    // them again, but never makes records for the checkpoint's own step, so none may be missing then.
    await this.evaluate(false);
    if (this.step % config.checkpoints.every === 0) await this.checkpoint();
  }

  private async logMetrics(): Promise<void> {
    const rate = this.throughput.stepsPerSecond();
    const record: MetricsRecord = {
      step: this.step, time: new Date().toISOString(), elapsedSeconds: round(this.elapsedSeconds),
      ...this.latest,
      stepsPerSecond: round(rate), examplesPerSecond: round(rate * this.run_.config.training.batchSize),
      computeStepsPerSecond: round(this.throughput.computeStepsPerSecond()),
    };
    // Readers skip a line without the headline pair (the runs view, sparklines): the plan is held to its catalogue here.
    const missing = this.plan.catalogue.headline.filter((name) => typeof record[name] !== 'number');
    if (missing.length) throw new Error(`the training plan's metrics (${Object.keys(this.latest).join(', ')}) lack its headline ${missing.join(' and ')}`);
    await this.run_.writer.appendMetrics(record);
    await this.run_.writer.update({ step: this.step });
    this.emitter.fire({ type: 'metrics', record });
    await this.monitor.observeMetrics(record);
  }

  /** Histograms and sample grids on their schedules (or now, when `force`). */
  private async evaluate(force: boolean): Promise<void> {
    const { config, family, dataset, writer } = this.run_;
    if ((force || this.step % config.logging.histogramEvery === 0) && this.lastHistogramStep !== this.step) {
      this.lastHistogramStep = this.step;
      for (const record of await family.histograms?.(this.step, config.logging.histogramBins) ?? []) {
        await writer.appendHistogram(record);
        this.emitter.fire({ type: 'histogram', record });
      }
      if (dataset.kind === 'points') await this.observePlane();
    }
    if ((force || this.step % config.samples.every === 0) && this.lastSampleStep !== this.step) {
      this.lastSampleStep = this.step;
      const png = await this.samplePicture();
      const path = png && await writer.writeSample(this.step, png, this.run_.retention.samples);
      for (const view of family.views) {
        await writer.writeSample(this.step, await view.render(), this.run_.retention.samples, view.name);
      }
      await writer.update({
        step: this.step, ...(path ? { lastSample: { step: this.step, path } } : {}),
        ...(family.picture ? { picture: { title: family.picture.title, description: family.picture.description } } : {}),
        ...(family.views.length ? { views: family.views.map(({ name, title, description }) => ({ name, title, description, lastStep: this.step })) } : {}),
      });
      if (path) this.emitter.fire({ type: 'sample', step: this.step, path });
    }
    await this.monitor.evaluateIfDue(this.step, family.shown, force, family.measure);
  }

  /** The step's sample picture: G's grid for the fixed latents (fed to the monitor, for images), or the family's own picture. */
  private async samplePicture(): Promise<Buffer | undefined> {
    const { family, dataset } = this.run_;
    if (!family.shown || !this.samples) return family.picture?.render();
    const generated = await generateFrom(family.shown.generator, this.samples.latents);
    // 2D runs feed the monitor the plane's points on the histogram schedule; images their grid.
    if (dataset.kind === 'images') await this.monitor.observeSamples(this.step, generated);
    return renderExamples(generated, dataset, this.samples.columns);
  }

  /** 2D data: the family's plane view when it has one, and the fixed latents' points for the monitor either way. */
  private async observePlane(): Promise<void> {
    const { family, writer } = this.run_;
    if (!family.shown || !this.samples) return;
    if (!family.field) {
      await this.monitor.observeSamples(this.step, await generateFrom(family.shown.generator, this.samples.latents));
      return;
    }
    const record = await family.field(this.step, this.samples.latents);
    await writer.appendField(record);
    this.emitter.fire({ type: 'field', record });
    await this.monitor.observeSamples(this.step, Float32Array.from(record.fake.flat()));
  }

  private async checkpoint(): Promise<void> {
    if (this.lastCheckpointStep === this.step && this.step > 0 && this.run_.writer.current.lastCheckpoint) return;
    const { family, random, sampler, writer } = this.run_;
    const dir = await saveCheckpoint(writer.dir, family.checkpointParts, {
      step: this.step, elapsedSeconds: this.elapsedSeconds, random: random.state(), sampler: sampler.state(),
    }, this.run_.retention.checkpoints);
    this.lastCheckpointStep = this.step;
    const relative = dir.slice(writer.dir.length + 1);
    await writer.update({ step: this.step, lastCheckpoint: { step: this.step, path: relative } });
    this.emitter.fire({ type: 'checkpoint', step: this.step, path: relative });
  }

  private async waitWhilePaused(): Promise<void> {
    await this.run_.writer.update({ status: 'paused', step: this.step });
    this.emitter.fire({ type: 'status', status: 'paused', step: this.step });
    while (this.pauseGate) await this.pauseGate.promise;
    if (!this.stopRequested) {
      await this.run_.writer.update({ status: 'running' });
      this.emitter.fire({ type: 'status', status: 'running', step: this.step });
    }
  }

  private async finish(status: RunStatus, error?: string): Promise<RunInfo> {
    if (status !== 'failed') await this.checkpoint();
    await this.run_.writer.end({ status, step: this.step, endedAt: new Date().toISOString(), ...(error ? { error } : {}) });
    this.emitter.fire({ type: 'status', status, step: this.step, ...(error ? { error } : {}) });
    return this.run_.writer.current;
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
