import type { MetricSeries } from '../../../src/protocol/dashboardMessages';
import { firstIndexAtOrAfter } from './stepRows';
import { appendTrainingTimes } from './trainingTime';

/**
 * The run's metrics as growable columns. Updates append in place, so the arrays uPlot holds grow
 * without being copied; `generation` changes when rows were replaced instead (a snapshot, a rewind).
 */
export class MetricTable {
  readonly steps: number[] = [];
  /** The training time of each row (elapsedSeconds): the time axis's x values, in step with `steps`. */
  readonly elapsedSeconds: number[] = [];
  private readonly columnValues = new Map<string, (number | null)[]>();
  private generationCount = 0;

  get generation(): number {
    return this.generationCount;
  }

  get length(): number {
    return this.steps.length;
  }

  column(name: string): readonly (number | null)[] | undefined {
    return this.columnValues.get(name);
  }

  has(name: string): boolean {
    return this.columnValues.has(name);
  }

  replace(series: MetricSeries): void {
    this.steps.length = 0;
    this.elapsedSeconds.length = 0;
    this.columnValues.clear();
    this.generationCount++;
    this.append(series);
  }

  append(series: MetricSeries): void {
    const added = series.steps.length;
    const firstStep = series.steps[0];
    if (firstStep === undefined) return;
    const keep = firstIndexAtOrAfter(this.steps.length, (index) => this.steps[index]!, firstStep);
    if (keep < this.steps.length) this.truncate(keep);
    const before = this.steps.length;
    for (const step of series.steps) this.steps.push(step);
    appendTrainingTimes(this.elapsedSeconds, series);
    for (const [name, values] of Object.entries(series.values)) {
      let target = this.columnValues.get(name);
      if (target === undefined) {
        // A column first logged now (a regularizer switched on): earlier rows had no value.
        target = new Array<number | null>(before).fill(null);
        this.columnValues.set(name, target);
      }
      for (let i = 0; i < added; i++) target.push(values[i] ?? null);
    }
    // Columns this batch did not carry still need one cell per row.
    for (const target of this.columnValues.values()) {
      while (target.length < this.steps.length) target.push(null);
    }
  }

  private truncate(length: number): void {
    this.steps.length = length;
    this.elapsedSeconds.length = length;
    for (const target of this.columnValues.values()) target.length = length;
    this.generationCount++;
  }
}
