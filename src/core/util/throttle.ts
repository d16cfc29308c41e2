import type { Disposable } from './disposable';

/**
 * Runs `action` at most once per `intervalMs`: a request after a quiet spell runs at once, and
 * requests during the cool-down collapse into one run at its end (so the latest state is always
 * shown, and a burst of training events costs one redraw).
 */
export class Throttle implements Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending = false;
  private lastRun = -Infinity;

  constructor(private readonly action: () => void, private intervalMs: number, private readonly now: () => number = Date.now) {}

  setInterval(intervalMs: number): void {
    this.intervalMs = intervalMs;
  }

  schedule(): void {
    if (this.timer) {
      this.pending = true;
      return;
    }
    const wait = this.lastRun + this.intervalMs - this.now();
    if (wait <= 0) {
      this.run();
    } else {
      this.pending = true;
      this.coolDown(wait);
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = false;
  }

  private run(): void {
    this.pending = false;
    this.lastRun = this.now();
    this.coolDown(this.intervalMs);
    this.action();
  }

  private coolDown(ms: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.pending) this.run();
    }, ms);
  }
}
