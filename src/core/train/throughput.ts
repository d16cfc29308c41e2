/** Steps per second over a sliding window of recent step durations (so pauses and I/O do not skew it). */
export class Throughput {
  private readonly durations: number[] = [];

  constructor(private readonly window = 20) {}

  record(seconds: number): void {
    this.durations.push(seconds);
    if (this.durations.length > this.window) this.durations.shift();
  }

  stepsPerSecond(): number {
    const total = this.durations.reduce((a, b) => a + b, 0);
    return total > 0 ? this.durations.length / total : 0;
  }
}
