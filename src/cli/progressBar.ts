import type { TrainingEvent } from '../core/train/events';

type Progress = Extract<TrainingEvent, { type: 'progress' }>;

/** One line: a bar, step/total, it/s, ETA and the current losses. */
export function formatProgress(event: Progress, width = 24): string {
  const fraction = event.totalSteps > 0 ? Math.min(1, event.step / event.totalSteps) : 0;
  const filled = Math.round(fraction * width);
  const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
  return `${bar} ${event.step}/${event.totalSteps} ${event.stepsPerSecond.toFixed(1)} it/s ETA ${formatDuration(event.etaSeconds)}` +
    ` ${event.headlineLabels[0]} ${formatLoss(event.headline[0])} ${event.headlineLabels[1]} ${formatLoss(event.headline[1])}`;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

function formatLoss(value: number): string {
  return Math.abs(value) >= 1000 || (Math.abs(value) < 1e-3 && value !== 0) ? value.toExponential(2) : value.toFixed(3);
}

/**
 * Redraws the progress line in place on a terminal (at most ~10 times a second); elsewhere
 * (CI logs, pipes) prints a plain line every `plainEvery` steps so logs stay readable.
 */
export class ProgressPrinter {
  private lastDraw = 0;
  private drawn = false;

  constructor(private readonly stream: NodeJS.WriteStream, private readonly plainEvery = 100) {}

  update(event: Progress): void {
    const line = formatProgress(event);
    if (this.stream.isTTY) {
      const now = Date.now();
      if (now - this.lastDraw < 100 && event.step < event.totalSteps) return;
      this.lastDraw = now;
      this.stream.write(`\r${line}\x1b[K`);
      this.drawn = true;
    } else if (event.step % this.plainEvery === 0 || event.step === event.totalSteps) {
      this.stream.write(line + '\n');
    }
  }

  /** Ends the in-place line before other output. */
  clear(): void {
    if (this.drawn) this.stream.write('\n');
    this.drawn = false;
  }
}
