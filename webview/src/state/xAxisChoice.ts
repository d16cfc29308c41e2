/** What the metric charts draw along x: logged steps, or the run's training time (TensorBoard's Step / Relative). */
export type XAxisMode = 'step' | 'time';

export function isXAxisMode(value: unknown): value is XAxisMode {
  return value === 'step' || value === 'time';
}

/**
 * The dashboard's one x-axis choice: every metric chart offers it and follows it, so switching in
 * one chart switches all (the curves of one run are read against each other). It outlives the
 * page through `remember` (the webview's persisted state).
 */
export class XAxisChoice {
  private current: XAxisMode;
  private readonly listeners = new Set<() => void>();

  constructor(initial: XAxisMode, private readonly remember: (mode: XAxisMode) => void) {
    this.current = initial;
  }

  get mode(): XAxisMode {
    return this.current;
  }

  choose(mode: XAxisMode): void {
    if (mode === this.current) return;
    this.current = mode;
    this.remember(mode);
    for (const listener of [...this.listeners]) listener();
  }

  /** Calls `listener` after every change; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
