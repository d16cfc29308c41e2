import type { MetricsRecord } from '../core/run/records';
import type { MetricSeries } from '../protocol/dashboardMessages';

/** Fields of a metrics line that are its place in time, not a metric. */
const notMetrics: ReadonlySet<string> = new Set(['step', 'elapsedSeconds']);

/** A line's training time so far; null for a line without it (the lines are checked for a step only). */
export function elapsedOf(record: MetricsRecord): number | null {
  return typeof record.elapsedSeconds === 'number' ? record.elapsedSeconds : null;
}

/** A line's numeric metric fields, by name: whatever its family logs. */
export function metricFields(record: MetricsRecord): [string, number][] {
  return Object.entries(record).filter((entry): entry is [string, number] => typeof entry[1] === 'number' && !notMetrics.has(entry[0]));
}

/** Column numbers by metric name, shared by a history's spans: a metric first logged late gets the next one. */
class Columns {
  readonly names: string[] = [];
  private readonly index = new Map<string, number>();

  of(name: string): number {
    let at = this.index.get(name);
    if (at === undefined) {
      at = this.names.length;
      this.names.push(name);
      this.index.set(name, at);
    }
    return at;
  }

  get count(): number {
    return this.names.length;
  }
}

/** A row the history sends: a step, the training time at it, and each column's value there. */
interface HistoryRow {
  readonly step: number;
  readonly elapsedSeconds: number | null;
  readonly values: (number | null)[];
}

/**
 * Consecutive logged steps folded into each column's lowest and highest value and the steps they
 * were logged at (NaN: the column had none): two rows stand for any number of steps.
 */
class Span {
  count = 0;
  firstStep = 0;
  lastStep = 0;
  /** The training time at the first and the last step: the time axis places the span's two rows by them. */
  private firstElapsed: number | null = null;
  private lastElapsed: number | null = null;
  private readonly low: number[] = [];
  private readonly lowStep: number[] = [];
  private readonly high: number[] = [];
  private readonly highStep: number[] = [];

  constructor(private readonly columns: Columns) {}

  add(record: MetricsRecord): void {
    if (this.count++ === 0) [this.firstStep, this.firstElapsed] = [record.step, elapsedOf(record)];
    [this.lastStep, this.lastElapsed] = [record.step, elapsedOf(record)];
    for (const [name, value] of metricFields(record)) this.include(this.columns.of(name), value, record.step, value, record.step);
  }

  merge(next: Span): void {
    this.count += next.count;
    [this.lastStep, this.lastElapsed] = [next.lastStep, next.lastElapsed];
    for (let index = 0; index < next.low.length; index++) {
      const [low, high] = [next.low[index] ?? NaN, next.high[index] ?? NaN];
      if (!Number.isNaN(low)) this.include(index, low, next.lowStep[index] ?? 0, high, next.highStep[index] ?? 0);
    }
  }

  /** One row for one step; else a row at the first and at the last step, each column's extremes in the order they were logged. */
  rows(): HistoryRow[] {
    const first: (number | null)[] = [];
    const last: (number | null)[] = [];
    for (let index = 0; index < this.columns.count; index++) {
      const [low, lowStep, high, highStep] = [this.low[index] ?? NaN, this.lowStep[index] ?? 0, this.high[index] ?? NaN, this.highStep[index] ?? 0];
      if (Number.isNaN(low)) {
        first.push(null);
        last.push(null);
      } else if (lowStep === highStep) {
        // One value in the span: it stays at its own end of it.
        first.push(lowStep === this.lastStep ? null : low);
        last.push(lowStep === this.lastStep ? low : null);
      } else {
        first.push(lowStep < highStep ? low : high);
        last.push(lowStep < highStep ? high : low);
      }
    }
    const lastRow = { step: this.lastStep, elapsedSeconds: this.lastElapsed, values: last };
    return this.count === 1 ? [lastRow] : [{ step: this.firstStep, elapsedSeconds: this.firstElapsed, values: first }, lastRow];
  }

  private include(index: number, low: number, lowStep: number, high: number, highStep: number): void {
    const [currentLow, currentHigh] = [this.low[index] ?? NaN, this.high[index] ?? NaN];
    if (Number.isNaN(currentLow) || low < currentLow) [this.low[index], this.lowStep[index]] = [low, lowStep];
    if (Number.isNaN(currentHigh) || high > currentHigh) [this.high[index], this.highStep[index]] = [high, highStep];
  }
}

/**
 * A run's training metrics in at most `capacity` rows, however many steps it logged: the steps
 * fall into equal spans, each drawn as its lows and highs (so a one-step spike or dip is never
 * lost), the spans doubling in length whenever the rows would not fit; the latest step is always
 * its own row. A history that fits is every row, exactly.
 */
export class MetricHistory {
  private columns = new Columns();
  private spans: Span[] = [];
  private spanLength = 1;
  private rowCount = 0;
  private latest: MetricsRecord | undefined;
  private added = 0;

  constructor(private readonly capacity: number) {}

  /** Steps added since the history began (or was cleared). */
  get records(): number {
    return this.added;
  }

  add(record: MetricsRecord): void {
    this.added++;
    const previous = this.latest;
    this.latest = record;
    if (!previous) return;
    let span = this.spans.at(-1);
    if (!span || span.count >= this.spanLength) {
      span = new Span(this.columns);
      this.spans.push(span);
    }
    span.add(previous);
    if (span.count <= 2) this.rowCount++;
    // Halving the spans turns two one-step spans into one two-row span: merge until it fits.
    while (this.rowCount + 1 > this.capacity && this.spans.length > 1) this.halve();
  }

  clear(): void {
    this.columns = new Columns();
    this.spans = [];
    this.spanLength = 1;
    this.rowCount = 0;
    this.latest = undefined;
    this.added = 0;
  }

  series(): MetricSeries {
    const rows = this.spans.flatMap((span) => span.rows());
    if (this.latest) {
      const latest = new Map(metricFields(this.latest));
      // The latest line may add a column no span has seen.
      for (const name of latest.keys()) this.columns.of(name);
      rows.push({ step: this.latest.step, elapsedSeconds: elapsedOf(this.latest), values: this.columns.names.map((name) => latest.get(name) ?? null) });
    }
    const values: Record<string, (number | null)[]> = {};
    this.columns.names.forEach((name, index) => {
      const cells = rows.map((row) => row.values[index] ?? null);
      if (cells.some((cell) => cell !== null)) values[name] = cells;
    });
    return { steps: rows.map((row) => row.step), elapsedSeconds: rows.map((row) => row.elapsedSeconds), values };
  }

  private halve(): void {
    const merged: Span[] = [];
    for (let index = 0; index < this.spans.length; index += 2) {
      const [span, next] = [this.spans[index], this.spans[index + 1]];
      if (!span) continue;
      if (next) span.merge(next);
      merged.push(span);
    }
    this.spans = merged;
    this.spanLength *= 2;
    this.rowCount = merged.reduce((rows, span) => rows + Math.min(span.count, 2), 0);
  }
}
