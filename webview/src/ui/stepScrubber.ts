import '@vscode-elements/elements/dist/vscode-button/index.js';
import { element, setText } from './dom';
import { formatCount } from './format';

export interface StepScrubberOptions {
  /** What the slider picks, for its accessible name: "Sample step". */
  readonly label: string;
  /** Offer play/pause, which steps through the records at `framesPerSecond`. */
  readonly playable: boolean;
  readonly framesPerSecond?: number;
  readonly onChange: (index: number) => void;
}

/**
 * A slider over a list of logged steps that follows the latest record until the user moves it;
 * "Latest" resumes following. Shared by the histogram and the sample grid.
 */
export class StepScrubber {
  readonly element: HTMLElement;
  private readonly slider: HTMLInputElement;
  private readonly position = element('span', { className: 'scrubber-position', attributes: { 'aria-live': 'off' } });
  private readonly latest: HTMLElement;
  private readonly play: HTMLElement | undefined;
  private steps: readonly number[] = [];
  private following = true;
  private shown = -1;
  private timer: number | undefined;

  constructor(private readonly options: StepScrubberOptions) {
    this.slider = element('input', { className: 'scrubber-slider', attributes: { type: 'range', min: '0', max: '0', step: '1', value: '0', 'aria-label': options.label } });
    this.slider.addEventListener('input', () => {
      this.stopPlaying();
      this.following = false;
      this.show(Number(this.slider.value));
    });
    this.latest = element('vscode-button', { text: 'Latest', attributes: { secondary: '', title: 'Follow the latest step', 'aria-pressed': 'true' } });
    this.latest.addEventListener('click', () => {
      this.stopPlaying();
      this.follow();
    });
    const controls: Node[] = [this.slider, this.position, this.latest];
    if (options.playable) {
      this.play = element('vscode-button', { text: 'Play', attributes: { secondary: '', title: 'Play the evolution over steps' } });
      this.play.addEventListener('click', () => (this.timer === undefined ? this.startPlaying() : this.stopPlaying()));
      controls.unshift(this.play);
    }
    this.element = element('div', { className: 'scrubber' }, controls);
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
    const previousStep = this.shownStep;
    this.steps = steps;
    this.slider.max = String(Math.max(0, steps.length - 1));
    this.slider.disabled = steps.length <= 1;
    if (this.following || previousStep === undefined) {
      this.follow(false);
      return;
    }
    // Keep the step the user chose, wherever it now sits in the list.
    const index = steps.indexOf(previousStep);
    this.show(index >= 0 ? index : Math.min(this.shown, steps.length - 1), false);
  }

  private follow(notify = true): void {
    this.following = true;
    this.show(this.steps.length - 1, notify);
  }

  /** Shows record `index`; `notify` is false when the owner redraws anyway. */
  private show(index: number, notify = true): void {
    this.latest.setAttribute('aria-pressed', String(this.following));
    const record = this.steps[index];
    if (record === undefined) {
      this.shown = -1;
      setText(this.position, 'no records yet');
      return;
    }
    this.slider.value = String(index);
    const step = formatCount(record);
    setText(this.position, `step ${step} (${index + 1} of ${this.steps.length})`);
    this.slider.setAttribute('aria-valuetext', `step ${step}`);
    const changed = index !== this.shown;
    this.shown = index;
    if (changed && notify) this.options.onChange(index);
  }

  private startPlaying(): void {
    if (this.steps.length <= 1) return;
    this.following = false;
    if (this.shown >= this.steps.length - 1) this.show(0);
    if (this.play !== undefined) setText(this.play, 'Pause');
    this.timer = window.setInterval(() => {
      if (this.shown >= this.steps.length - 1) {
        this.stopPlaying();
        this.follow();
      } else {
        this.show(this.shown + 1);
      }
    }, 1000 / (this.options.framesPerSecond ?? 8));
  }

  private stopPlaying(): void {
    if (this.timer === undefined) return;
    window.clearInterval(this.timer);
    this.timer = undefined;
    if (this.play !== undefined) setText(this.play, 'Play');
  }
}
