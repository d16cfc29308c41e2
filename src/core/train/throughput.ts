/**
 * Two training rates. `stepsPerSecond` is what the user waits on: every step's whole turn of the
 * loop (the step, then its logging, histograms, sample grids and checkpoints) averaged over the
 * session, so ETAs include that work. `computeStepsPerSecond` is the step alone over a sliding
 * window: what a kernel or model change speeds up. Time spent paused counts in neither.
 */
export class Throughput {
  private readonly computeDurations: number[] = [];
  private steps = 0;
  private activeSeconds = 0;

  constructor(private readonly window = 20) {}

  /** The step's own time; called as soon as the step is done. */
  recordCompute(seconds: number): void {
    this.computeDurations.push(seconds);
    if (this.computeDurations.length > this.window) this.computeDurations.shift();
  }

  /** The step's whole turn of the loop, its records and checkpoint included; called when those are written. */
  recordTurn(seconds: number): void {
    this.steps += 1;
    this.activeSeconds += seconds;
  }

  computeStepsPerSecond(): number {
    const total = this.computeDurations.reduce((a, b) => a + b, 0);
    return total > 0 ? this.computeDurations.length / total : 0;
  }

  /** Until one whole turn has been timed, the compute rate is the only figure there is. */
  stepsPerSecond(): number {
    return this.activeSeconds > 0 ? this.steps / this.activeSeconds : this.computeStepsPerSecond();
  }
}
