import '@vscode-elements/elements/dist/vscode-button/index.js';
import { indexAtCursor, type StepCursor } from '../state/stepCursor';
import { element, setText } from './dom';
import { formatCount } from './format';

export interface StepScrubberOptions {
  /** What the slider picks, for its accessible name: "Sample step". */
  readonly label: string;
  /** Offer play/pause, which steps the cursor through this view's records at `framesPerSecond`. */
  readonly playable: boolean;
  readonly framesPerSecond?: number;
  /** The dashboard's one step cursor: this slider moves it, and shows where it is among this view's records. */
  readonly cursor: StepCursor;
  readonly onChange: (index: number) => void;
}

/**
 * A slider over one view's logged steps, bound to the dashboard's step cursor: moving it moves
 * every view; "Latest" makes every view follow the newest records again. Shared by the histogram,
 * the sample grids and the plane.
 */
export class StepScrubber {
  readonly element: HTMLElement;
  private readonly slider: HTMLInputElement;
  private readonly position = element('span', { className: 'scrubber-position', attributes: { 'aria-live': 'off' } });
  private readonly latest: HTMLElement;
  private readonly play: HTMLElement | undefined;
  private steps: readonly number[] = [];
  private shown = -1;
  private readonly unsubscribe: () => void;

  constructor(private readonly options: StepScrubberOptions) {
    const { cursor } = options;
    this.slider = element('input', { className: 'scrubber-slider', attributes: { type: 'range', min: '0', max: '0', step: '1', value: '0', 'aria-label': options.label } });
    this.slider.addEventListener('input', () => {
      const step = this.steps[Number(this.slider.value)];
      if (step !== undefined) cursor.choose(step);
    });
    this.latest = element('vscode-button', { text: 'Latest', attributes: { secondary: '', title: 'Follow the latest step in every view', 'aria-pressed': 'true' } });
    this.latest.addEventListener('click', () => cursor.follow());
    const controls: Node[] = [this.slider, this.position, this.latest];
    if (options.playable) {
      this.play = element('vscode-button', { text: 'Play', attributes: { secondary: '', title: 'Play the evolution over steps (every view follows)' } });
      this.play.addEventListener('click', () => (cursor.playing ? cursor.stop() : cursor.play(this.steps, options.framesPerSecond ?? 8)));
      controls.unshift(this.play);
    }
    this.element = element('div', { className: 'scrubber' }, controls);
    this.unsubscribe = cursor.onChange(() => this.sync(true));
  }

  /** Stops following the cursor (its card is gone). */
  dispose(): void {
    this.unsubscribe();
  }

  /** The step on show, if any. */
  get shownStep(): number | undefined {
    return this.shown >= 0 ? this.steps[this.shown] : undefined;
  }

  get shownIndex(): number {
    return this.shown;
  }

  /** The records changed (appended, or replaced by a snapshot); the owner redraws `shownIndex` itself. */
  setSteps(steps: readonly number[]): void {
    this.steps = steps;
    this.slider.max = String(Math.max(0, steps.length - 1));
    this.slider.disabled = steps.length <= 1;
    this.sync(false);
  }

  /** Shows the record the cursor points at; `notify` is false when the owner redraws anyway. */
  private sync(notify: boolean): void {
    const { cursor } = this.options;
    this.latest.setAttribute('aria-pressed', String(cursor.following));
    if (this.play !== undefined) setText(this.play, cursor.playing ? 'Pause' : 'Play');
    const index = indexAtCursor(this.steps, cursor);
    const record = this.steps[index];
    if (record === undefined) {
      this.shown = -1;
      setText(this.position, 'no records yet');
      return;
    }
    this.slider.value = String(index);
    const step = formatCount(record);
    // Said when this view has nothing at the cursor's step itself (it logs less often, or not yet).
    const off = cursor.step !== undefined && record !== cursor.step ? ` · cursor at step ${formatCount(cursor.step)}` : '';
    setText(this.position, `step ${step} (${index + 1} of ${this.steps.length})${off}`);
    this.slider.setAttribute('aria-valuetext', `step ${step}`);
    const changed = index !== this.shown;
    this.shown = index;
    if (changed && notify) this.options.onChange(index);
  }
}
