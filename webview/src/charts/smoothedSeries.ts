/**
 * One chart line as drawn: a raw metric column smoothed by a debiased exponential moving average
 * (TensorBoard's: early points are not dragged towards zero) and, on a log axis, without values
 * that a log scale cannot place. It extends incrementally, so appending rows costs only the rows.
 */
export class SmoothedSeries {
  readonly values: (number | null)[] = [];
  /** Values dropped because a log axis cannot show them (zero or negative). */
  hiddenByLogScale = 0;
  private average = 0;
  private weight = 0;

  constructor(private readonly smoothing: number, private readonly logScale: boolean) {}

  /** Brings the series up to date with `raw`, which has only grown since the last call. */
  extend(raw: readonly (number | null)[]): void {
    const { smoothing } = this;
    for (let i = this.values.length; i < raw.length; i++) {
      const value = raw[i];
      if (value === null || value === undefined || !Number.isFinite(value)) {
        this.values.push(null);
        continue;
      }
      this.average = smoothing * this.average + (1 - smoothing) * value;
      this.weight = smoothing * this.weight + (1 - smoothing);
      const shown = this.average / this.weight;
      if (this.logScale && !(shown > 0)) {
        this.hiddenByLogScale++;
        this.values.push(null);
      } else {
        this.values.push(shown);
      }
    }
  }
}
