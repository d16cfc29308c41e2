/**
 * Two training rates. `stepsPerSecond` is what the user waits on: every step's whole turn of the
 * loop (the step, then its logging, histograms, sample grids and checkpoints) averaged over the
 * session, so ETAs include that work. `computeStepsPerSecond` is the step alone over a sliding
 * window: what a kernel or model change speeds up. Time spent paused counts in neither.
 *
 * A session's first step is left out of both once a second one is timed: it carries one-off costs
 * (kernels set up for each new shape, buffers allocated), and a whole-session average would carry
 * them into every ETA. The next few dozen steps are slower too while the JIT warms up, which no
 * rate measured so far can foresee, so the first ETAs still run long for a second or two.
 */
export class Throughput {
  private readonly computeDurations: number[] = [];
  private firstCompute: number | undefined;
  private firstTurn: number | undefined;
  private steps = 0;
  private activeSeconds = 0;

  constructor(private readonly window = 20) {}

  /** The step's own time; called as soon as the step is done. */
  recordCompute(seconds: number): void {
    if (this.firstCompute === undefined) {
      this.firstCompute = seconds;
      return;
    }
    this.computeDurations.push(seconds);
    if (this.computeDurations.length > this.window) this.computeDurations.shift();
  }

  /** The step's whole turn of the loop, its records and checkpoint included; called when those are written. */
  recordTurn(seconds: number): void {
    if (this.firstTurn === undefined) {
      this.firstTurn = seconds;
      return;
    }
    this.steps += 1;
    this.activeSeconds += seconds;
  }

  computeStepsPerSecond(): number {
    const total = this.computeDurations.reduce((a, b) => a + b, 0);
    if (total > 0) return this.computeDurations.length / total;
    return this.firstCompute ? 1 / this.firstCompute : 0;
  }

  /** Until a whole turn after the first has been timed, the compute rate is the best figure there is. */
  stepsPerSecond(): number {
    return this.activeSeconds > 0 ? this.steps / this.activeSeconds : this.computeStepsPerSecond();
  }
}
