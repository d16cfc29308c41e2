/**
 * The one step every view of a run shows: the latest ("follow latest") or the step the user
 * scrubbed to in any view. Views log at their own cadences (samples every 500 steps, histograms
 * every 50), so each shows its last record at or before the cursor: scrubbing one moves all, and
 * the dashboard never shows three steps at once. Play steps the cursor through one view's steps.
 */
export class StepCursor {
  /** Undefined while following the latest records. */
  private chosen: number | undefined;
  private timer: number | undefined;
  private readonly listeners = new Set<() => void>();

  get following(): boolean {
    return this.chosen === undefined;
  }

  /** The chosen step; undefined while following. */
  get step(): number | undefined {
    return this.chosen;
  }

  get playing(): boolean {
    return this.timer !== undefined;
  }

  /** The user picked `step` (a slider, a key): playback stops there. */
  choose(step: number): void {
    this.stop();
    this.set(step);
  }

  /** Back to the latest records, in every view. */
  follow(): void {
    this.stop();
    this.set(undefined);
  }

  /** Steps through `steps` (one view's, ascending) from the start, or from the cursor if it is inside them; follows the latest at the end. */
  play(steps: readonly number[], framesPerSecond: number): void {
    this.stop();
    if (steps.length <= 1) return;
    const last = steps.at(-1)!;
    if (this.chosen === undefined || this.chosen >= last) this.set(steps[0]!);
    this.timer = window.setInterval(() => {
      const next = steps.find((step) => step > (this.chosen ?? last));
      if (next === undefined) return this.follow();
      this.set(next);
    }, 1000 / framesPerSecond);
    this.fire();
  }

  stop(): void {
    if (this.timer === undefined) return;
    window.clearInterval(this.timer);
    this.timer = undefined;
    this.fire();
  }

  /** Calls `listener` after every change (step, following or playing); returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(step: number | undefined): void {
    if (step === this.chosen) return;
    this.chosen = step;
    this.fire();
  }

  private fire(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/**
 * The record a view shows for the cursor, as an index into its steps (ascending): the newest while
 * following, else the last at or before the cursor, else the first (nothing logged that early yet).
 */
export function indexAtCursor(steps: readonly number[], cursor: StepCursor): number {
  if (steps.length === 0) return -1;
  const step = cursor.step;
  if (step === undefined) return steps.length - 1;
  let found = 0;
  for (let index = 0; index < steps.length && steps[index]! <= step; index++) found = index;
  return found;
}
